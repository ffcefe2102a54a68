namespace Bozhou.Hotline.IntegrationTests.DirectoryPages;

public class CardTests(DemoDirectorySite site) : IClassFixture<DemoDirectorySite>
{
    [Fact]
    public async Task A_card_shows_position_duties_call_and_text_links_the_escalation_path_and_the_log_call_link()
    {
        using var client = site.Factory.CreateClient();
        var id = await site.Factory.CadreIdAsync("冯海涛");
        var deputy = await site.Factory.CadreIdAsync("王建华");

        var page = await client.GetPageAsync($"/directory/cadres/{id}");

        Assert.Equal("冯海涛", page.QuerySelector("h1")!.Text());
        Assert.Equal("市交通运输局局长", page.QuerySelector("#position")!.Text());
        Assert.Contains("公交", page.QuerySelector("#duties")!.Text(), StringComparison.Ordinal);
        Assert.Equal("tel:+8613800000009", page.QuerySelector("#call-mobile")!.Href());
        Assert.Contains("138 0000 0009", page.QuerySelector("#call-mobile")!.Text(), StringComparison.Ordinal);
        Assert.Equal("sms:+8613800000009", page.QuerySelector("#sms-mobile")!.Href());
        Assert.Equal("tel:+865585000009", page.QuerySelector("#call-office")!.Href());
        Assert.All(page.QuerySelectorAll(".contact-buttons a"), a => Assert.Contains("btn-call", a.ClassList));
        Assert.Equal($"/directory/cadres/{deputy}", page.QuerySelector("#escalation a")!.Href());
        Assert.Equal(3, page.QuerySelectorAll("#escalation a").Length);
        Assert.Equal($"/appeals/new?cadre={id}", page.QuerySelector("#log-call")!.Href());
        Assert.Equal($"/directory/cadres/{id}/vcard", page.QuerySelector("#vcard")!.Href());
        Assert.Contains("24:00", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#availability"));
        Assert.Equal(["h1", "h2", "h2", "h2", "h2"], page.QuerySelectorAll("main h1, main h2").Select(h => h.LocalName));
    }

    [Fact]
    public async Task The_top_of_a_chain_says_so_and_points_to_12345()
    {
        using var client = site.Factory.CreateClient();
        var id = await site.Factory.CadreIdAsync("陈立新");

        var page = await client.GetPageAsync($"/directory/cadres/{id}");

        Assert.Null(page.QuerySelector("#escalation"));
        Assert.Contains("12345", page.QuerySelector("section[aria-labelledby=escalation-heading]")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/directory/cadres/999999")]
    [InlineData("/directory/cadres/abc")]
    [InlineData("/directory/cadres/-1")]
    [InlineData("/directory/cadres/99999999999999999999")]
    [InlineData("/directory/cadres/999999/vcard")]
    public async Task An_unknown_cadre_is_a_404_page_in_Chinese(string url)
    {
        using var client = site.Factory.CreateClient();

        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        var page = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("页面不存在", page.QuerySelector("h1")!.Text());
    }

    [Fact]
    public async Task An_unknown_cadre_is_a_404_page_in_English_for_a_visitor_who_chose_English()
    {
        using var client = await site.Factory.EnglishClientAsync();

        using var response = await client.GetAsync(new Uri("/directory/cadres/999999", UriKind.Relative));
        var page = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Page not found", page.QuerySelector("h1")!.Text());
    }

    [Fact]
    public async Task An_availability_note_shows_with_the_advice_to_text_until_it_expires_by_the_app_clock()
    {
        using var factory = DemoDirectorySite.NewFactory();
        using var client = factory.CreateClient();
        var id = await factory.CadreIdAsync("王建华");
        var today = ChinaTime.DateOf(factory.Clock.GetUtcNow());
        await factory.EditCadreAsync("王建华", c =>
        {
            c.SetAvailability(AvailabilityKind.InMeeting, null, ChinaTime.At(today, new TimeOnly(16, 0)));
        });
        await factory.EvictDirectoryAsync();

        var during = await client.GetPageAsync($"/directory/cadres/{id}");
        factory.Clock.SetUtcNow(ChinaTime.At(today, new TimeOnly(16, 1)));
        await factory.EvictDirectoryAsync();
        var after = await client.GetPageAsync($"/directory/cadres/{id}");

        Assert.Contains("在开会，16:00后回电", during.QuerySelector("#availability")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("短信", during.QuerySelector("#availability")!.TextContent, StringComparison.Ordinal);
        Assert.Null(after.QuerySelector("#availability"));
    }

    [Fact]
    public async Task An_ended_post_keeps_its_card_with_a_note_and_a_link_to_the_current_holder_but_no_numbers()
    {
        using var factory = DemoDirectorySite.NewFactory();
        using var client = factory.CreateClient();
        var formerId = await factory.CadreIdAsync("冯海涛");
        var today = ChinaTime.DateOf(factory.Clock.GetUtcNow());
        var successorId = 0;
        await factory.WithDbAsync(async db =>
        {
            var former = await db.Cadres.SingleAsync(c => c.Id == formerId);
            former.PostEnd = today.AddDays(-1);
            var successor = new Cadre
            {
                Name = "李新程", NamePinyin = "Li Xincheng", Position = former.Position, PositionEn = former.PositionEn,
                Duties = former.Duties, DutiesEn = former.DutiesEn, Mobile = "+8613800000099", DepartmentId = former.DepartmentId,
                SuperiorId = former.SuperiorId, ProtocolOrder = 1, PostStart = today,
            };
            db.Cadres.Add(successor);
            await db.SaveChangesAsync();
            successorId = successor.Id;
        });
        await factory.EvictDirectoryAsync();

        var card = await client.GetPageAsync($"/directory/cadres/{formerId}");
        var list = await client.GetPageAsync("/directory?q=" + Uri.EscapeDataString("公交"));
        using var vcard = await client.GetAsync(new Uri($"/directory/cadres/{formerId}/vcard", UriKind.Relative));

        Assert.NotNull(card.QuerySelector("#post-ended"));
        Assert.Equal($"/directory/cadres/{successorId}", card.QuerySelector("#current-holder")!.Href());
        Assert.Equal(["tel:12345"], card.QuerySelectorAll("a[href^='tel:'], a[href^='sms:']").Select(a => a.Href()));
        Assert.Null(card.QuerySelector("#log-call"));
        Assert.Equal(["李新程", "王建华"], list.CadreNames("#results"));
        Assert.Equal(HttpStatusCode.NotFound, vcard.StatusCode);
    }
}
