using Bozhou.Hotline.IntegrationTests.DirectoryPages;

namespace Bozhou.Hotline.IntegrationTests.Hosting;

/// <summary>The elder-friendly mode (适老化): a link on every page, remembered in a cookie, no script needed.</summary>
public class ElderModeTests
{
    private static bool IsElder(IDocument page) =>
        page.DocumentElement.ClassList.Contains("elder")
        && page.QuerySelectorAll("link[rel=stylesheet]").Any(l => l.GetAttribute("href")!.StartsWith("/css/elder.css", StringComparison.Ordinal));

    [Fact]
    public async Task The_switch_is_remembered_in_a_cookie_for_a_year_and_every_page_then_carries_the_elder_styles_cached_pages_included()
    {
        using var factory = DemoDirectorySite.NewFactory();
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var standard = await client.GetPageAsync("/directory");

        using var on = await client.GetAsync(new Uri(standard.QuerySelector("#elder-switch")!.GetAttribute("href")!, UriKind.Relative), TestContext.Current.CancellationToken);
        var elderList = await client.GetPageAsync("/directory");
        var elderHome = await client.GetPageAsync("/");
        var elderForm = await client.GetPageAsync("/appeals/new");
        var elderTrack = await client.GetPageAsync("/appeals/track");
        using var off = await client.GetAsync(new Uri(elderList.QuerySelector("#elder-switch")!.GetAttribute("href")!, UriKind.Relative), TestContext.Current.CancellationToken);
        var standardAgain = await client.GetPageAsync("/directory");

        Assert.False(IsElder(standard));
        Assert.Equal("长者模式", standard.QuerySelector("#elder-switch")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Redirect, on.StatusCode);
        Assert.Equal("/directory", on.Headers.Location!.OriginalString);
        var cookie = Assert.Single(on.Headers.GetValues("Set-Cookie"), c => c.StartsWith("hotline-elder=1", StringComparison.Ordinal));
        Assert.Contains("expires=", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.All(new[] { elderList, elderHome, elderForm, elderTrack }, page => Assert.True(IsElder(page)));
        Assert.Equal("标准模式", elderList.QuerySelector("#elder-switch")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.False(IsElder(standardAgain));
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example")]
    public async Task The_switch_goes_back_only_to_an_address_of_the_site(string returnUrl)
    {
        using var factory = new HotlineFactory();
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        using var on = await client.GetAsync(new Uri("/elder/on?returnUrl=" + Uri.EscapeDataString(returnUrl), UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, on.StatusCode);
        Assert.Equal("/", on.Headers.Location!.OriginalString);
    }
}
