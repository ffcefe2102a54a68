namespace Bozhou.Hotline.BrowserTests;

public class HomePageTests
{
    [Fact]
    public async Task The_home_page_renders_in_Chromium_in_Chinese_with_the_search_box_and_the_12345_advice()
    {
        await using var session = await BrowserSession.StartAsync();
        var page = await session.NewPageAsync();

        var response = await page.GotoAsync("/");

        Assert.Equal(200, response!.Status);
        Assert.Equal("zh-CN", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal("找对人，打对电话", (await page.TextContentAsync("h1"))!.Trim());
        Assert.True(await page.IsVisibleAsync("input#q"));
        Assert.Equal("tel:12345", await page.GetAttributeAsync("a[href^='tel:']", "href"));
        // Bootstrap came from wwwroot: the navbar has its colour and layout.
        var navDisplay = await page.EvalOnSelectorAsync<string>("nav.navbar", "e => getComputedStyle(e).display");
        Assert.Equal("flex", navDisplay);
        var shot = await BrowserSession.ScreenshotAsync(page, "home");
        Assert.True(new FileInfo(shot).Length > 5_000);
    }
}
