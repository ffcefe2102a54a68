using Bozhou.Hotline.Core.Insight;

namespace Bozhou.Hotline.Web.Hosting;

public static class InsightSetup
{
    /// <summary>
    /// The rising terms (热点): the segmenter once per process (it loads jieba's dictionary), the analysis of appeals, the
    /// query the dashboard, bulletin and workspace read, and the background pass that keeps the analysis current.
    /// </summary>
    public static WebApplicationBuilder AddInsight(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TermExtractor>();
        builder.Services.AddScoped<TermIndex>();
        builder.Services.AddScoped<RisingTerms>();
        builder.Services.AddSingleton<RisingTermsCache>();
        builder.Services.AddHostedService<TermIndexService>();
        return builder;
    }
}
