namespace Bozhou.Hotline.IntegrationTests.Hosting;

public class CultureTests
{
    [Fact]
    public async Task Pages_are_in_Chinese_by_default_even_when_the_browser_asks_for_English()
    {
        using var factory = new HotlineFactory();
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");

        var page = await client.GetPageAsync("/");

        Assert.Equal("zh-CN", page.DocumentElement.GetAttribute("lang"));
        Assert.Contains("亳州干部热线", page.Title, StringComparison.Ordinal);
        Assert.Equal("English", page.QuerySelector("#culture-switch")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_language_switch_sets_the_culture_cookie_and_returns_to_the_same_page_in_English()
    {
        using var factory = new HotlineFactory();
        using var client = factory.CreateClient();
        var home = await client.GetPageAsync("/");
        var switchLink = home.QuerySelector<AngleSharp.Html.Dom.IHtmlAnchorElement>("#culture-switch")!;

        var english = await client.GetPageAsync(switchLink.GetAttribute("href")!);

        Assert.Equal("en", english.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Bozhou Cadre Hotline", english.Title, StringComparison.Ordinal);
        Assert.Equal("Find the right person to call", english.QuerySelector("h1")!.TextContent.Trim());

        // The cookie keeps the choice on the next page, and the switch leads back to Chinese.
        var again = await client.GetPageAsync("/");
        Assert.Equal("en", again.DocumentElement.GetAttribute("lang"));
        var back = await client.GetPageAsync(again.QuerySelector("#culture-switch")!.GetAttribute("href")!);
        Assert.Equal("zh-CN", back.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task The_language_switch_refuses_to_redirect_off_the_site()
    {
        using var factory = new HotlineFactory();
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri("/culture/en?returnUrl=//evil.example/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/Error")]
    [InlineData("/Error?code=abc")]
    [InlineData("/Error?code=500")]
    [InlineData("/Error?code=200")]
    public async Task The_status_page_visited_on_its_own_is_a_404_whatever_its_code(string url)
    {
        using var factory = new HotlineFactory();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("页面不存在", (await Html.ParseAsync(response)).QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task An_unknown_page_is_a_404_page_in_the_chosen_language()
    {
        using var factory = new HotlineFactory();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/no-such-page", UriKind.Relative));
        var page = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("页面不存在", page.QuerySelector("h1")!.TextContent.Trim());
    }
}
