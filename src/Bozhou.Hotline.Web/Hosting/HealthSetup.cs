using Bozhou.Hotline.Core.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Bozhou.Hotline.Web.Hosting;

public static class HealthSetup
{
    public static WebApplicationBuilder AddHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddDbContextCheck<HotlineDbContext>("database", tags: ["ready"]);
        return builder;
    }

    /// <summary>
    /// <c>/healthz/live</c> runs no check (the process answers); <c>/healthz</c> asks the database.
    /// </summary>
    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        return app;
    }
}
