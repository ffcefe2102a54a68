using Bozhou.Hotline.Core.Operations;
using Bozhou.Hotline.Web.Http;
using Prometheus;

namespace Bozhou.Hotline.Web.Hosting;

public static class MetricsSetup
{
    /// <summary>
    /// The app's Prometheus metrics (<see cref="HotlineMetrics"/>, which the intake and the SMS outbox count into), the
    /// gauges read at scrape time, and who may read them (<see cref="MetricsOptions"/>, checked at start-up).
    /// </summary>
    public static WebApplicationBuilder AddHotlineMetrics(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MetricsOptions>()
            .Bind(builder.Configuration.GetSection(MetricsOptions.Section))
            .Validate(o => o.IsValid, "Metrics: every Metrics:AllowedNetworks entry must be a network in CIDR notation (10.0.0.0/24, 192.0.2.7/32).")
            .ValidateOnStart();
        builder.Services.AddSingleton<HotlineMetrics>();
        builder.Services.AddSingleton<ScrapeGauges>();
        return builder;
    }

    /// <summary>
    /// <c>/metrics</c> in Prometheus's text format (or OpenMetrics when asked), for clients in the allowed networks only
    /// (others get 404, <see cref="MetricsAccess"/>); the gauges are read from the database as each scrape begins.
    /// </summary>
    public static WebApplication MapHotlineMetrics(this WebApplication app)
    {
        var metrics = app.Services.GetRequiredService<HotlineMetrics>();
        metrics.Registry.AddBeforeCollectCallback(app.Services.GetRequiredService<ScrapeGauges>().UpdateAsync);
        app.MapMetrics(settings => settings.Registry = metrics.Registry).WithMetadata(new MetricsNetworksOnly());
        return app;
    }
}
