using Bozhou.Hotline.Core.Appeals;
using Bozhou.Hotline.Core.Calendar;
using Bozhou.Hotline.Core.Data;
using Bozhou.Hotline.Core.Insight;
using Bozhou.Hotline.Core.Operations;
using Bozhou.Hotline.Core.Sms;
using Bozhou.Hotline.Core.Supervision;
using Bozhou.Hotline.Web.Http;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Bozhou.Hotline.Web.Hosting;

public static class HealthSetup
{
    /// <summary>
    /// The checks of <c>/healthz</c>, in the order its JSON lists them: the database; on SQLite the write gate; the
    /// holiday schedule; the SMS outbox; then each background job's last success (<see cref="JobRuns"/>, which the jobs
    /// record through and which is registered here), judged against its interval (<see cref="BackgroundJob.StaleAfter"/>).
    /// </summary>
    public static WebApplicationBuilder AddHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<JobRuns>();
        var checks = builder.Services.AddHealthChecks()
            .AddDbContextCheck<HotlineDbContext>("database", tags: ["ready"]);
        if (!(builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions()).IsPostgres)
        {
            checks.AddCheck<WriteGateHealthCheck>("write-gate", tags: ["ready"]);
        }

        checks.AddCheck<HolidayScheduleHealthCheck>("holiday-schedule", tags: ["ready"])
            .AddCheck<SmsOutboxHealthCheck>("sms-outbox", tags: ["ready"])
            .AddJob(SmsOutboxService.JobName, s => TimeSpan.FromSeconds(s.GetRequiredService<IOptions<SmsOptions>>().Value.PollSeconds))
            .AddJob(UnratedAppealCloser.JobName, s => s.GetRequiredService<IOptions<AppealsOptions>>().Value.UnratedSweepInterval)
            .AddJob(StatsRefreshService.JobName, s => s.GetRequiredService<IOptions<SupervisionOptions>>().Value.StatsRefreshInterval)
            .AddJob(TermIndexService.JobName, s => s.GetRequiredService<IOptions<SupervisionOptions>>().Value.StatsRefreshInterval)
            .AddJob(PersonalDataPurger.JobName, _ => PersonalDataPurger.DailyInterval);
        return builder;
    }

    /// <summary>
    /// <c>/healthz/live</c> runs no check (the process answers); <c>/healthz</c> runs every check above and answers
    /// JSON (<see cref="HealthResponse"/>): 200 when Healthy or Degraded, 503 when Unhealthy.
    /// </summary>
    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready"), ResponseWriter = HealthResponse.WriteAsync });
        return app;
    }

    /// <summary>The check <c>job:NAME</c> of a background job that runs every <paramref name="interval"/> (<see cref="JobHealthCheck"/>).</summary>
    private static IHealthChecksBuilder AddJob(this IHealthChecksBuilder checks, string name, Func<IServiceProvider, TimeSpan> interval) =>
        checks.Add(new HealthCheckRegistration(
            "job:" + name,
            services => new JobHealthCheck(
                new BackgroundJob(name, interval(services)), services.GetRequiredService<HotlineDbContext>(),
                services.GetRequiredService<JobRuns>(), services.GetRequiredService<TimeProvider>()),
            failureStatus: null,
            tags: ["ready"]));
}
