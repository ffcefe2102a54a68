using static Bozhou.Hotline.TestSupport.SupervisionTestData;

namespace Bozhou.Hotline.BrowserTests;

public class PublicStatsPageTests
{
    [Fact]
    public async Task A_visitor_reads_the_public_statistics_in_Chinese_then_in_English_and_chooses_the_department_level()
    {
        await using var session = await BrowserSession.StartAsync();
        var data = await SeedAsync(session.Factory);
        await data.RatedFebruaryAsync();
        await data.RebuildStatsAsync(new DateOnly(2026, 1, 1));
        await data.PublishStatsAsync();
        var page = await session.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);

        var response = await page.GotoAsync("/stats?level=cadre&period=month&jurisdiction=city");

        Assert.Equal(200, response!.Status);
        Assert.Equal("按干部办理情况（2026年2月）", (await page.TextContentAsync("#stats-caption"))!.Trim());
        var deputy = page.Locator($"#stats-table tbody tr[data-id='{data.TransportDeputy}'] td[data-metric='Resolution']");
        Assert.Equal("58.3%", (await deputy.Locator(".rate").TextContentAsync())!.Trim());
        await BrowserSession.ScreenshotAsync(page, "public-stats-zh");

        // The language switch in the header keeps the address.
        await Task.WhenAll(page.WaitForURLAsync("**/stats?level=cadre*"), page.ClickAsync("#culture-switch"));
        Assert.Equal("Cadres: February 2026", (await page.TextContentAsync("#stats-caption"))!.Trim());
        Assert.Equal("Zhao Min", (await page.TextContentAsync($"#stats-table tbody tr[data-id='{data.TransportDeputy}'] .name"))!.Trim());
        Assert.Equal("95% interval 32.0%–80.7% (7 of 12)", (await deputy.Locator(".interval").TextContentAsync())!.Trim());
        Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", await page.InnerTextAsync("#stats-table"));
        await BrowserSession.ScreenshotAsync(page, "public-stats-en");

        // The form chooses another level; the cadre help and the CSV link follow the choice.
        await page.SelectOptionAsync("#level", "department");
        await page.SelectOptionAsync("#jurisdiction", "");
        await Task.WhenAll(page.WaitForURLAsync("**/stats?level=department*"), page.ClickAsync("#stats-form button[type=submit]"));
        Assert.Equal("Departments: February 2026", (await page.TextContentAsync("#stats-caption"))!.Trim());
        Assert.Equal("/stats?level=department&period=month&handler=csv", await page.GetAttributeAsync("#stats-csv", "href"));
        await BrowserSession.ScreenshotAsync(page, "public-stats-departments-en");
        Assert.Empty(errors);
    }
}
