using Bozhou.Hotline.Web.Http;
using Microsoft.AspNetCore.Http;

namespace Bozhou.Hotline.IntegrationTests.Appeals;

public class TrackedAppealsCookieTests
{
    [Fact]
    public async Task The_submitting_browser_sees_its_receipt_for_30_minutes_and_then_is_asked_for_the_digits()
    {
        using var logged = await new HotlineFactory().LogOneAppealAsync();
        var (factory, client, code) = logged;

        factory.Clock.Advance(TimeSpan.FromMinutes(29));
        using var within = await client.GetAsync(new Uri("/appeals/receipt/" + code, UriKind.Relative));
        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        using var after = await client.GetAsync(new Uri("/appeals/receipt/" + code, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, within.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal("/appeals/track/" + code, after.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_forged_access_cookie_lets_no_one_in_and_breaks_nothing()
    {
        using var logged = await new HotlineFactory().LogOneAppealAsync();
        var (factory, owner, code) = logged;
        using var forger = factory.Client();
        forger.DefaultRequestHeaders.Add("Cookie", $"{TrackedAppealsCookie.CookieName}={code}:9999999999");

        using var receipt = await forger.GetAsync(new Uri("/appeals/receipt/" + code, UriKind.Relative));
        using var track = await forger.GetAsync(new Uri("/appeals/track/" + code, UriKind.Relative));
        var page = await Html.ParseAsync(track);

        Assert.Equal(HttpStatusCode.Redirect, receipt.StatusCode);
        Assert.Equal(HttpStatusCode.OK, track.StatusCode);
        Assert.NotNull(page.QuerySelector("form#track-check"));
        Assert.Null(page.QuerySelector("#timeline"));
        Assert.Equal(code, page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#code")!.Value);
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::9", "2001:db8:1:2::/64")]
    public void Clients_are_told_apart_by_IPv4_address_or_IPv6_64_network(string address, string key)
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse(address);

        Assert.Equal(key, ClientKey.Of(http));
    }
}
