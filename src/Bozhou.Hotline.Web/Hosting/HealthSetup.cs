using System.Text;
using Bozhou.Hotline.Core.Data;
using Bozhou.Hotline.Web.Holidays;
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
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready"), ResponseWriter = WriteStatusAsync });
        return app;
    }

    private static Task WriteStatusAsync(HttpContext context, HealthReport report)
    {
        var body = new StringBuilder(report.Status.ToString());
        foreach (var (name, entry) in report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy))
        {
            body.Append('\n').Append(name).Append(": ").Append(entry.Description ?? entry.Exception?.Message ?? entry.Status.ToString());
        }

        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(body.ToString());
    }
}

/// <summary>
/// Unhealthy while a writer has waited at the SQLite write gate longer than its stuck limit
/// (<c>Database:WriteGateStuckSeconds</c>, 10 s by default): a wedged writer shows in monitoring, not only in
/// the requests that time out behind it.
/// </summary>
public sealed class WriteGateHealthCheck(SqliteWriteGate gate) : IHealthCheck
{
    /// <summary>Healthy, or unhealthy with the longest wait in seconds.</summary>
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var wait = gate.LongestWait;
        return Task.FromResult(gate.IsStuck
            ? HealthCheckResult.Unhealthy($"A writer has waited {wait.TotalSeconds:0.0} s for the SQLite write gate (limit {gate.StuckAfter.TotalSeconds:0} s).")
            : HealthCheckResult.Healthy($"Longest wait {wait.TotalMilliseconds:0} ms."));
    }
}
