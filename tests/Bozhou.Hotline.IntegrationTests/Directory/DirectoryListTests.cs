namespace Bozhou.Hotline.IntegrationTests.DirectoryPages;

public class DirectoryListTests(DemoDirectorySite site) : IClassFixture<DemoDirectorySite>
{
    [Fact]
    public async Task The_directory_lists_all_81_cadres_by_jurisdiction_then_department_in_protocol_order()
    {
        using var client = site.Factory.CreateClient();

        var page = await client.GetPageAsync("/directory");

        Assert.Equal(["市直", "谯城区", "涡阳县", "蒙城县", "利辛县"], page.QuerySelectorAll("main h2").Select(h => h.Text()));
        Assert.Equal(81, page.QuerySelectorAll("main article.cadre").Length);
        Assert.Equal(["中共亳州市委", "亳州市人民政府", "亳州市交通运输局"], page.QuerySelectorAll("section[aria-labelledby='j-city'] h3").Take(3).Select(h => h.Text()));
        var government = page.QuerySelectorAll("section.department").Single(s => s.QuerySelector("h3")!.Text() == "亳州市人民政府");
        Assert.Equal(["刘志远", "王建华", "赵文静", "孙丽萍", "周振国", "吴春雨", "郑明轩"], government.CadreNames(null));
        Assert.Equal("陈立新", page.CadreNames()[0]);
        // Headings go in order: h1, then h2 per jurisdiction, h3 per department, h4 per cadre.
        Assert.Single(page.QuerySelectorAll("h1"));
        Assert.Equal(81, page.QuerySelectorAll("main section.department h4").Length);
    }

    [Fact]
    public async Task Filters_narrow_the_list_by_jurisdiction_department_and_topic()
    {
        using var client = site.Factory.CreateClient();
        var guoyang = await client.GetPageAsync("/directory?jurisdiction=guoyang");
        var cityTransport = await client.GetPageAsync("/directory?jurisdiction=city&topic=transport");
        var home = await client.GetPageAsync("/");
        var transportLink = home.QuerySelectorAll("#units a").Single(a => a.Text() == "亳州市交通运输局").Href();
        var transport = await client.GetPageAsync(transportLink);

        Assert.Equal(15, guoyang.QuerySelectorAll("article.cadre").Length);
        Assert.Equal(["涡阳县"], guoyang.QuerySelectorAll("main h2").Select(h => h.Text()));
        Assert.Equal("guoyang", guoyang.QuerySelector("#jurisdiction option[selected]")!.GetAttribute("value"));
        Assert.Equal(["王建华", "冯海涛"], cityTransport.CadreNames());
        Assert.Equal(["冯海涛"], transport.CadreNames());
    }

    [Theory]
    [InlineData("/directory?department=abc")]
    [InlineData("/directory?department=99999999999999999999")]
    [InlineData("/directory?jurisdiction=&department=&topic=&q=")]
    public async Task Malformed_or_empty_filters_are_ignored_and_everyone_is_listed(string url)
    {
        using var client = site.Factory.CreateClient();

        var page = await client.GetPageAsync(url);

        Assert.Equal(81, page.QuerySelectorAll("article.cadre").Length);
    }

    [Theory]
    [InlineData("/directory?department=999999999")]
    [InlineData("/directory?jurisdiction=%3Cscript%3E")]
    [InlineData("/directory?topic=nope")]
    [InlineData("/directory?topic=nope&q=" + "%E5%85%AC%E4%BA%A4")]
    public async Task A_filter_no_one_answers_to_lists_no_one_and_offers_everyone_never_everyone_as_if_they_matched(string url)
    {
        using var client = site.Factory.CreateClient();

        var page = await client.GetPageAsync(url);

        Assert.Empty(page.QuerySelectorAll("article.cadre"));
        Assert.Equal("/directory", page.QuerySelector("#no-results a[href='/directory']")?.GetAttribute("href"));
    }

    [Fact]
    public async Task The_home_page_offers_every_jurisdiction_with_its_departments_and_the_12345_and_quiet_hours_advice()
    {
        using var client = site.Factory.CreateClient();

        var page = await client.GetPageAsync("/");

        Assert.Equal(["市直", "谯城区", "涡阳县", "蒙城县", "利辛县"], page.QuerySelectorAll("#units h3").Select(h => h.Text()));
        Assert.Equal(59, page.QuerySelectorAll("#units a[href^='/directory?department=']").Length);
        Assert.Equal("/directory?jurisdiction=lixin", page.QuerySelectorAll("#units a").Last().Href());
        Assert.Equal("tel:12345", page.QuerySelector("a[href^='tel:']")!.Href());
        Assert.Contains("6:00至24:00", page.QuerySelector("#advice")!.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.Equal("/directory", page.QuerySelector("form[role=search]")!.GetAttribute("action"));
    }

    [Fact]
    public async Task Every_public_page_says_the_data_is_a_demonstration()
    {
        using var client = site.Factory.CreateClient();
        var id = await site.Factory.CadreIdAsync("王建华");

        foreach (var url in new[] { "/", "/directory", "/directory?q=公交", $"/directory/cadres/{id}" })
        {
            var page = await client.GetPageAsync(url);
            Assert.Contains("虚构", page.QuerySelector("#demo-banner")?.TextContent ?? "", StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task In_English_the_directory_shows_English_names_of_units_positions_and_duties()
    {
        using var client = await site.Factory.EnglishClientAsync();

        var page = await client.GetPageAsync("/directory?jurisdiction=city");

        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal(["City of Bozhou"], page.QuerySelectorAll("main h2").Select(h => h.Text()));
        Assert.Equal("Chen Lixin (陈立新)", page.CadreNames()[0]);
        Assert.Contains("Bozhou Municipal Transport Bureau", page.QuerySelectorAll("main h3").Select(h => h.Text()));
        Assert.Contains("fictional", page.QuerySelector("#demo-banner")!.TextContent, StringComparison.Ordinal);
    }
}
