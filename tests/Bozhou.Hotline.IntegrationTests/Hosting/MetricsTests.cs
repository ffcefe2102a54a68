using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Bozhou.Hotline.IntegrationTests.Appeals;
using Bozhou.Hotline.TestSupport;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Bozhou.Hotline.IntegrationTests.Hosting;

/// <summary>
/// <c>/metrics</c> on a real Kestrel port: Prometheus's text for clients on the allowed networks (loopback by default),
/// the site's 404 for anyone else, including a client whose address a trusted proxy forwards.
/// </summary>
public sealed partial class MetricsTests : IDisposable
{
    private readonly HotlineFactory _factory = new();
    private readonly Uri _app;

    public MetricsTests()
    {
        _app = _factory.StartOnLoopback();
    }

    private HttpClient Client() => NginxProxy.CreateClient(IPAddress.Loopback, _app);

    private async Task<string> ScrapeAsync()
    {
        using var client = Client();
        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The value of the sample <paramref name="series"/> (name and labels as Prometheus writes them).</summary>
    private static double Value(string metrics, string series)
    {
        var line = metrics.Split('\n').SingleOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        Assert.True(line is not null, $"No sample {series} in:\n{metrics}");
        return double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task From_loopback_metrics_answers_with_the_apps_counters_and_gauges()
    {
        var metrics = await ScrapeAsync();

        foreach (var name in new[]
                 {
                     "hotline_http_requests_total", "hotline_http_request_duration_seconds", "hotline_appeals_logged_total",
                     "hotline_sms_sent_total", "hotline_sms_attempts_failed_total", "hotline_sms_failed_total", "hotline_sms_outbox_queued",
                     "hotline_sms_outbox_failed", "hotline_appeals_open", "hotline_appeals_awaiting_reply", "hotline_supervision_queue",
                 })
        {
            Assert.Contains("# TYPE " + name + " ", metrics, StringComparison.Ordinal);
        }

        Assert.Equal(0, Value(metrics, "hotline_sms_outbox_queued"));
        Assert.Equal(0, Value(metrics, "hotline_supervision_queue{queue=\"MissedCalls\"}"));
        Assert.Contains("# TYPE process_cpu_seconds_total counter", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prometheus_asking_for_OpenMetrics_gets_it_with_no_two_families_of_one_name()
    {
        using var client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/metrics", UriKind.Relative));
        request.Headers.Accept.ParseAdd("application/openmetrics-text;version=1.0.0;q=0.9");
        request.Headers.Accept.ParseAdd("text/plain;version=0.0.4;q=0.5");

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var families = text.Split('\n').Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)).Select(l => l.Split(' ')[2]).ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/openmetrics-text", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith("# EOF\n", text, StringComparison.Ordinal);
        Assert.Contains("hotline_sms_failed", families);
        Assert.Equal(families.Count, families.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task One_appeal_through_the_form_raises_the_appeals_counter_by_one_and_the_open_gauge_with_it()
    {
        var directory = await _factory.SeedDirectoryAsync();
        var before = await ScrapeAsync();
        using var citizen = Client();

        using var response = await citizen.SubmitAppealAsync(_factory, directory);
        var after = await ScrapeAsync();

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(Value(before, "hotline_appeals_logged_total") + 1, Value(after, "hotline_appeals_logged_total"));
        Assert.Equal(1, Value(after, "hotline_appeals_open{status=\"Logged\"}"));
        Assert.Equal(1, Value(after, "hotline_appeals_awaiting_reply"));
        Assert.Equal(1, Value(after, "hotline_http_requests_total{method=\"POST\",route=\"/appeals/new\",code=\"302\"}"));
    }

    [Fact]
    public async Task Requests_are_counted_by_route_template_never_by_their_path_and_odd_methods_as_OTHER()
    {
        using var client = Client();
        using (await client.GetAsync(new Uri("/appeals/track/BZ7QK3MX9TPL", UriKind.Relative), TestContext.Current.CancellationToken))
        {
        }

        using (await client.GetAsync(new Uri("/no-such-page/13905581234", UriKind.Relative), TestContext.Current.CancellationToken))
        {
        }

        using (var brew = new HttpRequestMessage(new HttpMethod("BREW"), new Uri("/appeals/new", UriKind.Relative)))
        using (await client.SendAsync(brew, TestContext.Current.CancellationToken))
        {
        }

        var metrics = await ScrapeAsync();

        Assert.Matches(TrackRequests(), metrics);
        Assert.Equal(1, Value(metrics, "hotline_http_requests_total{method=\"GET\",route=\"(none)\",code=\"404\"}"));
        Assert.Contains("hotline_http_requests_total{method=\"OTHER\",route=\"/appeals/new\"", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("BZ7QK3MX9TPL", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("13905581234", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("BREW", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_outside_the_allowed_networks_gets_404_also_when_a_trusted_proxy_forwards_its_address()
    {
        // 127.0.0.1 is the default trusted proxy: the app takes the client's address from X-Forwarded-For.
        using var forwarded = Client();
        forwarded.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9");
        using var proxied = Client();
        proxied.DefaultRequestHeaders.Add("X-Forwarded-For", "127.0.0.9");

        using var outside = await forwarded.GetAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current.CancellationToken);
        using var inside = await proxied.GetAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current.CancellationToken);
        var page = await outside.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
        Assert.DoesNotContain("hotline_", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, inside.StatusCode);
    }

    [Fact]
    public async Task A_configured_network_replaces_loopback()
    {
        using var factory = new HotlineFactory().With("Metrics:AllowedNetworks:0", "10.20.0.0/16");
        var app = factory.StartOnLoopback();
        using var monitor = NginxProxy.CreateClient(IPAddress.Loopback, app);
        monitor.DefaultRequestHeaders.Add("X-Forwarded-For", "10.20.3.4");
        using var local = NginxProxy.CreateClient(IPAddress.Loopback, app);

        using var fromNetwork = await monitor.GetAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current.CancellationToken);
        using var fromLoopback = await local.GetAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, fromNetwork.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, fromLoopback.StatusCode);
    }

    public void Dispose() => _factory.Dispose();

    [GeneratedRegex("hotline_http_requests_total\\{method=\"GET\",route=\"/appeals/track/\\{code\\?\\}\",code=\"\\d{3}\"\\} 1")]
    private static partial Regex TrackRequests();
}
