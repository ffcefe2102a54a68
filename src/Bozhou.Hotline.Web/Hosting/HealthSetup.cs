using Bozhou.Hotline.Core.Calendar;
using Bozhou.Hotline.Core.Data;
using Bozhou.Hotline.Web.Http;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bozhou.Hotline.Web.Hosting;

public static class HealthSetup
{
    public static WebApplicationBuilder AddHealth(this WebApplicationBuilder builder)
    {
        var checks = builder.Services.AddHealthChecks()
            .AddDbContextCheck<HotlineDbContext>("database", tags: ["ready"])
            .AddCheck<HolidayScheduleHealthCheck>("holiday-schedule", tags: ["ready"]);
        if (!(builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions()).IsPostgres)
        {
            checks.AddCheck<WriteGateHealthCheck>("write-gate", tags: ["ready"]);
        }

        return builder;
    }

    /// <summary>
    /// <c>/healthz/live</c> runs no check (the process answers); <c>/healthz</c> asks the database and, on SQLite,
    /// whether a writer is stuck at the write gate, and warns (Degraded, still 200) when a holiday schedule is missing.
    /// The body is the overall status, then one line "check: description" per check that is not healthy.
    /// </summary>
    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready"), ResponseWriter = HealthResponse.WriteAsync });
        return app;
    }
}
