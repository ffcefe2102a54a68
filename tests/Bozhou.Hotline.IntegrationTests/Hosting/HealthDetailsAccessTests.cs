using System.Net;
using System.Text.Json;
using Bozhou.Hotline.TestSupport;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Bozhou.Hotline.IntegrationTests.Hosting;

/// <summary>
/// <c>/healthz</c> on a real Kestrel port: its checks' details (the database, the jobs, the outbox) go only to clients on
/// the metrics networks (loopback by default); a client outside them, its address forwarded by the trusted proxy, gets
/// the status alone with the same HTTP status code.
/// </summary>
public sealed class HealthDetailsAccessTests : IDisposable
{
    private readonly HotlineFactory _factory = new();
    private readonly Uri _app;

    public HealthDetailsAccessTests()
    {
        _app = _factory.StartOnLoopback();
    }

    [Fact]
    public async Task Health_details_go_to_loopback_and_a_client_outside_the_metrics_networks_gets_the_status_alone()
    {
        using var local = NginxProxy.CreateClient(IPAddress.Loopback, _app);
        // 127.0.0.1 is the default trusted proxy: the app takes the client's address from X-Forwarded-For.
        using var outside = NginxProxy.CreateClient(IPAddress.Loopback, _app);
        outside.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9");

        using var detailed = await local.GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current.CancellationToken);
        using var bare = await outside.GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current.CancellationToken);
        using var details = JsonDocument.Parse(await detailed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var bareBody = await bare.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var status = JsonDocument.Parse(bareBody);

        Assert.Equal(detailed.StatusCode, bare.StatusCode);
        Assert.Contains(details.RootElement.GetProperty("checks").EnumerateArray(), c => c.GetProperty("name").GetString() == "database");
        Assert.Equal(details.RootElement.GetProperty("status").GetString(), status.RootElement.GetProperty("status").GetString());
        Assert.Equal(["status"], status.RootElement.EnumerateObject().Select(p => p.Name).ToList());
        Assert.DoesNotContain("database", bareBody, StringComparison.Ordinal);
    }

    public void Dispose() => _factory.Dispose();
}
