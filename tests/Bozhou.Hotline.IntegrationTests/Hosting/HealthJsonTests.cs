using System.Net;
using Bozhou.Hotline.Core.Data;
using Bozhou.Hotline.Core.Operations;
using Bozhou.Hotline.Core.Sms;
using Bozhou.Hotline.Core.Supervision;
using Bozhou.Hotline.IntegrationTests.Appeals;
using Bozhou.Hotline.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bozhou.Hotline.IntegrationTests.Hosting;

/// <summary>
/// <c>/healthz</c> answers JSON naming each check: the database, the write gate, the holiday schedule, the SMS outbox and
/// each background job's last success, recorded in the database by the jobs themselves.
/// </summary>
public class HealthJsonTests
{
    private static readonly string[] AllChecks =
    [
        "database", "write-gate", "holiday-schedule", "sms-outbox",
        "job:sms-outbox", "job:unrated-sweep", "job:stats-refresh", "job:trend-terms", "job:personal-data-purge",
    ];

    private static SmsMessage Message(SmsStatus status, DateTimeOffset createdAt, DateTimeOffset? failedAt = null) => new()
    {
        ToPhoneCipher = "x", ToPhoneMasked = "138****1234", Body = "测试短信", Status = status, CreatedAt = createdAt,
        // Not due: the outbox's own passes leave it where the test put it.
        NextAttemptAt = createdAt.AddDays(30), FailedAt = failedAt, Attempts = status == SmsStatus.Failed ? 5 : 0,
    };

    private static Task AddAsync(HotlineFactory factory, SmsMessage message) => factory.WithDbAsync(async db =>
    {
        db.SmsMessages.Add(message);
        return await db.SaveChangesAsync();
    });

    [Fact]
    public async Task Healthz_answers_json_with_the_overall_status_and_every_check_by_name_status_description_and_duration()
    {
        using var factory = new HotlineFactory();

        var health = await HealthJson.GetAsync(factory);

        Assert.Equal(HttpStatusCode.OK, health.Code);
        Assert.Equal("application/json", health.MediaType);
        Assert.Equal("Healthy", health.Status);
        Assert.Equal(AllChecks, health.Checks.Keys);
        Assert.All(health.Checks.Values, c =>
        {
            Assert.Equal("Healthy", c.Status);
            Assert.False(string.IsNullOrWhiteSpace(c.Description));
            Assert.True(c.DurationMs >= 0);
        });
    }

    [Fact]
    public async Task A_failed_sms_makes_healthz_unhealthy_503_naming_the_outbox_check()
    {
        using var factory = new HotlineFactory();
        var now = factory.Clock.GetUtcNow();
        await AddAsync(factory, Message(SmsStatus.Failed, now.AddMinutes(-9), failedAt: now.AddMinutes(-1)));

        var health = await HealthJson.GetAsync(factory);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.Code);
        Assert.Equal("Unhealthy", health.Status);
        Assert.Equal("Unhealthy", health.Checks["sms-outbox"].Status);
        Assert.Contains("1 message(s) failed in the last 24 hours", health.Checks["sms-outbox"].Description, StringComparison.Ordinal);
        Assert.All(health.Checks.Where(c => c.Key != "sms-outbox"), c => Assert.Equal("Healthy", c.Value.Status));
    }

    [Fact]
    public async Task A_message_failed_more_than_a_day_ago_no_longer_makes_healthz_unhealthy()
    {
        using var factory = new HotlineFactory();
        var now = factory.Clock.GetUtcNow();
        await AddAsync(factory, Message(SmsStatus.Failed, now.AddDays(-2), failedAt: now.AddHours(-25)));

        var health = await HealthJson.GetAsync(factory);

        Assert.Equal(HttpStatusCode.OK, health.Code);
        Assert.Equal("Healthy", health.Checks["sms-outbox"].Status);
    }

    [Fact]
    public async Task A_message_queued_for_more_than_15_minutes_makes_healthz_unhealthy_and_a_fresh_one_does_not()
    {
        using var fresh = new HotlineFactory();
        await AddAsync(fresh, Message(SmsStatus.Pending, fresh.Clock.GetUtcNow().AddMinutes(-14)));
        using var old = new HotlineFactory();
        await AddAsync(old, Message(SmsStatus.Pending, old.Clock.GetUtcNow().AddMinutes(-16)));

        var healthy = await HealthJson.GetAsync(fresh);
        var unhealthy = await HealthJson.GetAsync(old);

        Assert.Equal(HttpStatusCode.OK, healthy.Code);
        Assert.Equal("Healthy", healthy.Checks["sms-outbox"].Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unhealthy.Code);
        Assert.Equal("Unhealthy", unhealthy.Checks["sms-outbox"].Status);
        Assert.Contains("has waited 16 min (limit 15 min)", unhealthy.Checks["sms-outbox"].Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_job_that_has_not_succeeded_within_three_intervals_of_the_start_is_reported_unhealthy()
    {
        // The statistics refresh runs every 5 minutes; here it never runs at all.
        using var factory = new HotlineFactory().WithoutHostedService<StatsRefreshService>();
        using var client = factory.CreateClient();
        var started = factory.Clock.GetUtcNow();
        Assert.Equal("Healthy", (await HealthJson.GetAsync(client)).Checks["job:stats-refresh"].Status);

        factory.Clock.SetUtcNow(started.AddMinutes(14));
        var before = await HealthJson.GetAsync(client);
        factory.Clock.SetUtcNow(started.AddMinutes(16));
        var after = await HealthJson.GetAsync(client);

        Assert.Equal("Healthy", before.Checks["job:stats-refresh"].Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, after.Code);
        Assert.Equal("Unhealthy", after.Checks["job:stats-refresh"].Status);
        Assert.Contains("stats-refresh: no success since this instance started at 2026-03-02 02:00:00Z (every 5 min, stale after 15 min)",
            after.Checks["job:stats-refresh"].Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_jobs_record_their_passes_in_the_database_where_every_instance_reads_them()
    {
        using var factory = new HotlineFactory();
        using var client = factory.CreateClient();
        var started = factory.Clock.GetUtcNow();

        // The outbox and the statistics refresh pass once at start-up (no start delay in the tests).
        var runs = await WaitForRunsAsync(factory, SmsOutboxService.JobName, StatsRefreshService.JobName);

        Assert.Equal(started, runs[SmsOutboxService.JobName].LastSuccessUtc);
        Assert.Equal(started, runs[StatsRefreshService.JobName].LastSuccessUtc);
        Assert.Null(runs[SmsOutboxService.JobName].LastFailureUtc);
        var health = await HealthJson.GetAsync(client);
        Assert.Contains("sms-outbox: last success 2026-03-02 02:00:00Z (every 5 s, stale after 5 min)", health.Checks["job:sms-outbox"].Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_pass_is_recorded_with_its_error_and_makes_the_job_degraded_until_it_succeeds_again()
    {
        using var factory = new HotlineFactory().WithoutHostedService<StatsRefreshService>();
        using var client = factory.CreateClient();
        var jobs = factory.Services.GetRequiredService<JobRuns>();

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => jobs.RunAsync(
            StatsRefreshService.JobName, _ => Task.FromException(new InvalidOperationException("the roll-up table is locked")),
            TestContext.Current.CancellationToken));
        var failed = await HealthJson.GetAsync(client);
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        await jobs.RunAsync(StatsRefreshService.JobName, _ => Task.CompletedTask, TestContext.Current.CancellationToken);
        var recovered = await HealthJson.GetAsync(client);

        Assert.Equal("the roll-up table is locked", thrown.Message);
        Assert.Equal(HttpStatusCode.OK, failed.Code);
        Assert.Equal("Degraded", failed.Status);
        Assert.Equal("Degraded", failed.Checks["job:stats-refresh"].Status);
        Assert.Contains("the last pass failed at 2026-03-02 02:00:00Z: InvalidOperationException: the roll-up table is locked",
            failed.Checks["job:stats-refresh"].Description, StringComparison.Ordinal);
        Assert.Equal("Healthy", recovered.Checks["job:stats-refresh"].Status);
        var run = await factory.WithDbAsync(db => db.JobRuns.SingleAsync(r => r.Name == StatsRefreshService.JobName));
        Assert.Equal(factory.Clock.GetUtcNow(), run.LastSuccessUtc);
        Assert.Equal("InvalidOperationException: the roll-up table is locked", run.LastError);
    }

    private static async Task<Dictionary<string, JobRun>> WaitForRunsAsync(HotlineFactory factory, params string[] names)
    {
        for (var i = 0; i < 600; i++)
        {
            var runs = await factory.WithDbAsync(db => db.JobRuns.AsNoTracking().ToDictionaryAsync(r => r.Name));
            if (names.All(n => runs.TryGetValue(n, out var r) && r.LastSuccessUtc is not null))
            {
                return runs;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The jobs did not record a pass within a minute: " + string.Join(", ", names));
    }
}
