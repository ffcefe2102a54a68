using Bozhou.Hotline.Core.Accounts;
using Bozhou.Hotline.Core.Caching;
using Bozhou.Hotline.Core.Data;
using Bozhou.Hotline.Core.Supervision;
using Bozhou.Hotline.Web.Http;
using Bozhou.Hotline.Web.Pages.Supervision;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bozhou.Hotline.Web.Hosting;

public static class SupervisionSetup
{
    /// <summary>Only the supervision office (and administrators) reach /supervision.</summary>
    public const string Policy = "Supervision";

    public static WebApplicationBuilder AddSupervision(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SupervisionOptions>()
            .Bind(builder.Configuration.GetSection(SupervisionOptions.Section))
            .Validate(o => o.SpotCheckSize is >= 1 and <= 100, "Supervision:SpotCheckSize must be between 1 and 100.")
            .Validate(o => o.QueuePageSize is >= 10 and <= 500, "Supervision:QueuePageSize must be between 10 and 500.")
            .Validate(o => o.StatsRefreshInterval >= TimeSpan.FromSeconds(10), "Supervision:StatsRefreshInterval must be at least 10 seconds.")
            .Validate(o => o.StatsRefreshStartDelay >= TimeSpan.Zero && o.StatsRefreshStartDelay <= TimeSpan.FromMinutes(10),
                "Supervision:StatsRefreshStartDelay must be between 0 and 10 minutes.")
            .Validate(o => o.LiveFiguresMaxAge >= TimeSpan.Zero && o.LiveFiguresMaxAge <= TimeSpan.FromMinutes(5),
                "Supervision:LiveFiguresMaxAge must be between 0 and 5 minutes.")
            .ValidateOnStart();
        builder.Services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.RequireRole(Roles.Supervisor, Roles.Admin));
        builder.Services.Configure<RazorPagesOptions>(o => o.Conventions.AuthorizeFolder("/Supervision", Policy));
        builder.Services.AddScoped<SupervisionQueues>();
        builder.Services.AddScoped<EscalationLadder>();
        builder.Services.AddScoped<CaseFiles>();
        builder.Services.AddScoped<Extensions>();
        builder.Services.AddScoped<SpotChecks>();
        builder.Services.AddScoped<StatsRollup>();
        builder.Services.AddScoped<EarlyWarnings>();
        builder.Services.AddSingleton<RollupSums>();
        builder.Services.AddSingleton<LiveFigures>();
        builder.Services.AddSingleton<FilterChoicesSource>();
        builder.Services.AddScoped<Scorecards>();
        builder.Services.AddScoped<Dashboard>();
        builder.Services.AddScoped<PublicStats>();
        // Like the directory's pages, varied by the elder-friendly mode too (ElderMode lives in Web, the policy in Core).
        builder.Services.AddOutputCache(o => o.AddPolicy(PublicStatsCache.PolicyName, policy =>
        {
            PublicStatsCache.Configure(policy);
            policy.VaryByValue(ElderMode.CacheVary);
        }));
        builder.Services.AddHostedService<StatsRefreshService>();
        return builder;
    }

    /// <summary>
    /// Forgets the public statistics page's cached answers whenever a roll-up, the directory or the settings change; the
    /// output cache middleware itself runs once for every cached page (<see cref="DirectorySetup.UseDirectoryCache"/>).
    /// </summary>
    public static WebApplication UsePublicStatsCache(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        PublicStatsCache.EvictOnChanges(app.Services.GetRequiredService<KeptValueChanges>(), app.Services.GetRequiredService<IOutputCacheStore>());
        return app;
    }
}
