namespace Bozhou.Hotline.IntegrationTests.DirectoryPages;

/// <summary>A cadre's availability note where a citizen decides to call: beside the call button of the list and the search results, gone at its time.</summary>
public class AvailabilityInListTests
{
    private const string Note = "在开会，16:00后回电";

    private static IElement Result(IDocument page, string name) =>
        page.QuerySelectorAll("article.cadre").Single(a => a.QuerySelector(".cadre-name")!.TextContent.StartsWith(name, StringComparison.Ordinal)
            || a.QuerySelector(".cadre-name")!.TextContent.Contains($"({name})", StringComparison.Ordinal));

    [Fact]
    public async Task A_note_shows_beside_the_call_button_in_the_list_and_the_search_results_and_is_gone_at_its_time_though_the_pages_are_cached()
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
        factory.Clock.SetUtcNow(ChinaTime.At(today, new TimeOnly(15, 59, 30)));
        var search = "/directory?q=" + Uri.EscapeDataString("王建华");

        var list = await client.GetPageAsync("/directory");
        var found = await client.GetPageAsync(search);
        var card = await client.GetPageAsync($"/directory/cadres/{id}");
        // 16:00 by the app clock, and no change saved: the cached pages of 15:59 must not be served.
        factory.Clock.SetUtcNow(ChinaTime.At(today, new TimeOnly(16, 0)));
        var listAfter = await client.GetPageAsync("/directory");
        var foundAfter = await client.GetPageAsync(search);
        var cardAfter = await client.GetPageAsync($"/directory/cadres/{id}");

        foreach (var page in new[] { list, found })
        {
            var result = Result(page, "王建华");
            Assert.Contains(Note, result.QuerySelector(".cadre-availability")!.TextContent, StringComparison.Ordinal);
            Assert.Contains("当前状态", result.QuerySelector(".cadre-availability")!.TextContent, StringComparison.Ordinal);
            // In the same row as the call button.
            Assert.NotNull(result.QuerySelector(".cadre-head .cadre-availability"));
            Assert.NotNull(result.QuerySelector(".cadre-head > .cadre-call"));
            Assert.Single(page.QuerySelectorAll(".cadre-availability"));
        }

        Assert.Contains(Note, card.QuerySelector("#availability")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(listAfter.QuerySelectorAll(".cadre-availability"));
        Assert.Empty(foundAfter.QuerySelectorAll(".cadre-availability"));
        Assert.Null(cardAfter.QuerySelector("#availability"));
        Assert.NotEmpty(Result(listAfter, "王建华").QuerySelectorAll(".cadre-call"));
    }

    [Fact]
    public async Task English_results_label_the_note_in_English()
    {
        using var factory = DemoDirectorySite.NewFactory();
        using var client = await factory.EnglishClientAsync();
        var today = ChinaTime.DateOf(factory.Clock.GetUtcNow());
        await factory.EditCadreAsync("王建华", c =>
        {
            c.SetAvailability(AvailabilityKind.InMeeting, null, ChinaTime.At(today, new TimeOnly(16, 0)));
        });
        await factory.EvictDirectoryAsync();

        var found = await client.GetPageAsync("/directory?q=" + Uri.EscapeDataString("王建华"));

        Assert.StartsWith("Right now:", Result(found, "王建华").QuerySelector(".cadre-availability")!.TextContent.Trim(), StringComparison.Ordinal);
    }
}
