namespace Bozhou.Hotline.BrowserTests;

public class DirectoryJourneyTests
{
    [Fact]
    public async Task On_a_phone_a_citizen_searches_a_duty_taps_through_to_the_cadre_and_finds_a_tappable_call_link()
    {
        await using var session = await BrowserSession.StartAsync(
            new HotlineFactory().With("Seed:Demo", "true").With("Seed:DemoPassword", "Test-Password-2026"));
        var page = await session.NewPageAsync(phone: true);

        await page.GotoAsync("/");
        await BrowserSession.ScreenshotAsync(page, "directory-home-phone");
        await page.FillAsync("input#q", "公交");
        await page.TapAsync("form[role=search] button[type=submit]");
        await page.WaitForURLAsync("**/directory?q=*");
        await BrowserSession.ScreenshotAsync(page, "directory-search-phone");

        var first = page.Locator("#results li").First;
        Assert.Equal(1, await first.Locator(".start-here").CountAsync());
        Assert.Equal("冯海涛", (await first.Locator("a.cadre-name").TextContentAsync())!.Trim());
        await AssertFitsThePhoneAsync(page);

        await first.Locator("a.cadre-name").TapAsync();
        await page.WaitForURLAsync("**/directory/cadres/*");
        await BrowserSession.ScreenshotAsync(page, "directory-card-phone");

        Assert.Equal("冯海涛", (await page.TextContentAsync("h1"))!.Trim());
        var call = page.Locator("#call-mobile");
        Assert.StartsWith("tel:+86138", await call.GetAttributeAsync("href"), StringComparison.Ordinal);
        foreach (var link in new[] { call, page.Locator("#sms-mobile"), page.Locator("#call-office") })
        {
            var box = await link.BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.Height >= 48 && box.Width >= 48, $"{await link.GetAttributeAsync("id")} is {box.Width}x{box.Height}px");
        }

        await AssertFitsThePhoneAsync(page);

        // The same card in English, through the language switch.
        await page.GotoAsync("/culture/en?returnUrl=" + Uri.EscapeDataString(new Uri(page.Url).PathAndQuery));
        await BrowserSession.ScreenshotAsync(page, "directory-card-phone-en");
        Assert.Equal("Feng Haitao (冯海涛)", (await page.TextContentAsync("h1"))!.Trim());
        await AssertFitsThePhoneAsync(page);
    }

    [Fact]
    public async Task On_a_phone_the_full_directory_fits_the_screen_width()
    {
        await using var session = await BrowserSession.StartAsync(
            new HotlineFactory().With("Seed:Demo", "true").With("Seed:DemoPassword", "Test-Password-2026"));
        var page = await session.NewPageAsync(phone: true);

        await page.GotoAsync("/directory?jurisdiction=guoyang");
        await BrowserSession.ScreenshotAsync(page, "directory-list-phone");

        Assert.Equal(15, await page.Locator("article.cadre").CountAsync());
        var call = await page.Locator("article.cadre a.cadre-call").First.BoundingBoxAsync();
        Assert.True(call!.Height >= 48 && call.Width >= 48, $"call button is {call.Width}x{call.Height}px");
        await AssertFitsThePhoneAsync(page);
    }

    private static async Task AssertFitsThePhoneAsync(IPage page)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the page is {overflow}px wider than the screen");
    }
}
