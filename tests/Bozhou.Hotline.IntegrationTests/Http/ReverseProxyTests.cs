using Bozhou.Hotline.IntegrationTests.Appeals;
using Bozhou.Hotline.IntegrationTests.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Bozhou.Hotline.IntegrationTests.Http;

/// <summary>
/// The app on a real Kestrel port behind a real nginx (TLS, <c>X-Forwarded-For</c>, <c>X-Forwarded-Proto</c>), the
/// app told that nginx's address is its one proxy; test clients connect from addresses of their own in 127.0.0.0/8.
/// Started once, when the first test that finds nginx installed asks for it.
/// </summary>
public sealed class ProxiedApp : IAsyncDisposable
{
    public const int Allowance = 2;

    private readonly SemaphoreSlim _start = new(1, 1);
    private NginxProxy? _proxy;

    public HotlineFactory Factory { get; } = new HotlineFactory()
        .With("Proxy:KnownProxies:0", NginxProxy.SourceAddress.ToString())
        .With("Appeals:SubmissionsPerHour", Allowance.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public NginxProxy Proxy => _proxy!;

    public Uri App { get; private set; } = null!;

    public TestDirectory Directory { get; private set; } = null!;

    /// <summary>Starts the app and nginx (once); skips the test when nginx is missing outside CI.</summary>
    public async Task StartAsync()
    {
        Requires.Nginx();
        await _start.WaitAsync();
        try
        {
            if (_proxy is not null)
            {
                return;
            }

            App = Factory.StartOnLoopback();
            Directory = await Factory.SeedDirectoryAsync();
            await new WorkspaceTestData(Factory).SeedAsync();
            _proxy = await NginxProxy.StartAsync(App);
        }
        finally
        {
            _start.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _proxy?.Dispose();
        _start.Dispose();
        await Factory.DisposeAsync();
    }
}

/// <summary>
/// Behind a reverse proxy each citizen keeps an allowance of their own, a client cannot forge its address or scheme
/// by talking to the app directly, and over the proxy's HTTPS every cookie is Secure and HSTS is sent.
/// </summary>
public class ReverseProxyTests(ProxiedApp proxied) : IClassFixture<ProxiedApp>
{
    [Fact]
    public async Task Through_nginx_three_clients_with_different_addresses_get_three_allowances_whatever_X_Forwarded_For_they_send()
    {
        await proxied.StartAsync();
        var answers = new List<string>();
        foreach (var source in new[] { "127.0.0.3", "127.0.0.4", "127.0.0.5" })
        {
            using var client = proxied.Proxy.ClientFrom(IPAddress.Parse(source));
            // The same forged address from all three: were it believed, they would share one allowance.
            client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9");
            for (var i = 0; i <= ProxiedApp.Allowance; i++)
            {
                using var response = await client.SubmitAppealAsync(proxied.Factory, proxied.Directory);
                answers.Add($"{source} #{i + 1}: {(int)response.StatusCode}");
            }
        }

        Assert.Equal(
            ["127.0.0.3 #1: 302", "127.0.0.3 #2: 302", "127.0.0.3 #3: 429",
             "127.0.0.4 #1: 302", "127.0.0.4 #2: 302", "127.0.0.4 #3: 429",
             "127.0.0.5 #1: 302", "127.0.0.5 #2: 302", "127.0.0.5 #3: 429"],
            answers);
    }

    [Fact]
    public async Task A_forged_X_Forwarded_For_or_Proto_sent_straight_to_the_app_is_ignored()
    {
        await proxied.StartAsync();
        var statuses = new List<int>();
        foreach (var forged in new[] { "198.51.100.1", "198.51.100.2", "198.51.100.3" })
        {
            // Straight to Kestrel from 127.0.0.1, which is not the app's proxy.
            using var client = NginxProxy.CreateClient(IPAddress.Loopback, proxied.App);
            client.DefaultRequestHeaders.Add("X-Forwarded-For", forged);
            client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
            using var form = await client.GetAsync(new Uri("/appeals/new", UriKind.Relative));
            Assert.False(Cookie(form, "hotline.af")!.Value.Secure, "A forged X-Forwarded-Proto made the app believe the request came over HTTPS.");
            Assert.Null(SecurityHeadersTests.Header(form, "Strict-Transport-Security"));
            using var response = await client.SubmitAppealAsync(proxied.Factory, proxied.Directory);
            statuses.Add((int)response.StatusCode);
        }

        // One client, one allowance: the forged addresses counted as 127.0.0.1.
        Assert.Equal([302, 302, 429], statuses);
    }

    [Fact]
    public async Task Over_nginx_HTTPS_the_antiforgery_appeal_and_sign_in_cookies_are_Secure_and_HSTS_is_sent()
    {
        await proxied.StartAsync();
        using var client = proxied.Proxy.ClientFrom(IPAddress.Parse("127.0.0.6"));

        using var form = await client.GetAsync(new Uri("/appeals/new", UriKind.Relative));
        using var submitted = await client.SubmitAppealAsync(proxied.Factory, proxied.Directory);
        using var signedIn = await WorkspaceTestData.SubmitLoginAsync(client, WorkspaceWorld.SupervisorEmail, WorkspaceTestData.Password);
        using var named = new HttpRequestMessage(HttpMethod.Get, new Uri("/directory", UriKind.Relative));
        named.Headers.Host = NginxProxy.ServerName;
        using var page = await client.SendAsync(named);

        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.True(Cookie(form, "hotline.af")!.Value.Secure, "The antiforgery cookie is not Secure over HTTPS.");
        Assert.True(Cookie(submitted, "hotline.appeal")!.Value.Secure, "The appeal access cookie is not Secure over HTTPS.");
        Assert.True(Cookie(signedIn, "hotline.auth")!.Value.Secure, "The sign-in cookie is not Secure over HTTPS.");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.StartsWith("max-age=", SecurityHeadersTests.Header(page, "Strict-Transport-Security"), StringComparison.Ordinal);
        Assert.Empty(SecurityHeadersTests.Problems(page, trackingCode: false));
    }

    /// <summary>The cookie <paramref name="name"/> as set by <paramref name="response"/> (null when it sets none).</summary>
    private static (string Header, bool Secure)? Cookie(HttpResponseMessage response, string name)
    {
        var header = response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.FirstOrDefault(v => v.StartsWith(name + "=", StringComparison.Ordinal))
            : null;
        return header is null
            ? null
            : (header, header.Split(';', StringSplitOptions.TrimEntries).Any(a => a.Equals("secure", StringComparison.OrdinalIgnoreCase)));
    }
}
