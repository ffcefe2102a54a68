using Microsoft.AspNetCore.Hosting;

namespace Bozhou.Hotline.IntegrationTests.Http;

/// <summary>
/// In Production every cookie is Secure, even on a plain-HTTP request, unless <c>Http:AllowPlainHttp</c> allows an
/// intranet trial; proxy settings that do not parse refuse to start. (Over HTTPS through a proxy: <see cref="ReverseProxyTests"/>.)
/// </summary>
public class CookieSecurityTests
{
    [Fact]
    public async Task In_Production_the_antiforgery_cookie_is_Secure_even_over_plain_HTTP()
    {
        using var factory = new ProductionFactory();
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri("/appeals/new", UriKind.Relative));

        Assert.True(IsSecure(response, "hotline.af"));
    }

    [Fact]
    public async Task In_Production_with_Http_AllowPlainHttp_a_plain_HTTP_request_gets_cookies_without_Secure()
    {
        using var factory = new ProductionFactory();
        factory.With("Http:AllowPlainHttp", "true");
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri("/appeals/new", UriKind.Relative));

        Assert.False(IsSecure(response, "hotline.af"));
    }

    [Theory]
    [InlineData("Proxy:KnownProxies:0", "10.0.0.300")]
    [InlineData("Proxy:KnownNetworks:0", "10.0.0.0/99")]
    public void A_proxy_setting_that_is_not_an_address_or_network_refuses_to_start(string key, string value)
    {
        using var factory = new HotlineFactory().With(key, value);

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Proxy:Known", error.ToString(), StringComparison.Ordinal);
    }

    private static bool IsSecure(HttpResponseMessage response, string name)
    {
        var cookie = response.Headers.GetValues("Set-Cookie").Single(v => v.StartsWith(name + "=", StringComparison.Ordinal));
        return cookie.Split(';', StringSplitOptions.TrimEntries).Any(a => a.Equals("secure", StringComparison.OrdinalIgnoreCase));
    }

    private sealed class ProductionFactory : HotlineFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }
}
