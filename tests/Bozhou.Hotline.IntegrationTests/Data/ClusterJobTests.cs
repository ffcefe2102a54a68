using Bozhou.Hotline.Core.Operations;
using Bozhou.Hotline.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Bozhou.Hotline.IntegrationTests.Data;

/// <summary>
/// Background jobs run once per cluster (<see cref="ClusterJob"/>): of several instances claiming a due pass only one
/// gets it; a job whose instance died is taken over once its lease runs out; the daily purge runs a minute after start
/// when its last pass is older than the day's purge time, and otherwise waits for that time.
/// </summary>
public sealed class ClusterJobTests : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    private PostgresDatabase? _database;
    private readonly List<HotlineFactory> _factories = [];

    private static bool DueEveryInterval(JobRun? run, DateTimeOffset now) =>
        run?.LastStartedUtc is not { } started || now - started >= Interval;

    private async Task<(JobRuns A, JobRuns B, HotlineFactory FactoryA)> TwoInstancesAsync()
    {
        _database = await PostgresDatabase.CreateAsync();
        for (var i = 0; i < 2; i++)
        {
            var factory = new HotlineFactory().UsePostgres(_database.ConnectionString);
            _ = factory.Services;
            _factories.Add(factory);
        }

        return (_factories[0].Services.GetRequiredService<JobRuns>(), _factories[1].Services.GetRequiredService<JobRuns>(), _factories[0]);
    }

    [Fact]
    public async Task Of_two_instances_claiming_a_due_pass_at_the_same_moment_exactly_one_gets_it_each_time()
    {
        var (a, b, factory) = await TwoInstancesAsync();
        var now = factory.Clock.GetUtcNow();

        for (var round = 0; round < 10; round++)
        {
            // Round 0 races for the job's first row; the others for the conditional update of an existing one.
            var at = now + Interval * round;
            var claims = await Task.WhenAll(
                a.TryClaimAsync("test-job", at, Interval, DueEveryInterval, TestContext.Current.CancellationToken),
                b.TryClaimAsync("test-job", at, Interval, DueEveryInterval, TestContext.Current.CancellationToken));

            Assert.Single(claims, claim => claim.Claimed);
        }
    }

    [Fact]
    public async Task A_job_whose_instance_died_holding_it_is_taken_over_by_another_once_the_lease_runs_out()
    {
        var (a, b, factory) = await TwoInstancesAsync();
        var now = factory.Clock.GetUtcNow();
        Assert.True((await a.TryClaimAsync("test-job", now, Interval, DueEveryInterval, TestContext.Current.CancellationToken)).Claimed);
        // A dies here: it never lets go.

        var early = await b.TryClaimAsync("test-job", now + TimeSpan.FromMinutes(1), Interval, (_, _) => true, TestContext.Current.CancellationToken);
        var after = await b.TryClaimAsync("test-job", now + Interval, Interval, DueEveryInterval, TestContext.Current.CancellationToken);

        Assert.False(early.Claimed);
        Assert.True(after.Claimed);
        await using var scope = _factories[1].Services.CreateAsyncScope();
        var run = await scope.ServiceProvider.GetRequiredService<HotlineDbContext>().JobRuns.AsNoTracking()
            .SingleAsync(r => r.Name == "test-job", TestContext.Current.CancellationToken);
        Assert.Equal((b.InstanceId, now + Interval), (run.LeaseHolder, run.LastStartedUtc));
    }

    [Fact]
    public async Task With_two_instances_running_the_statistics_refresh_runs_once_per_period_and_moves_to_the_survivor_when_one_stops()
    {
        var (_, _, _) = await TwoInstancesAsync();
        long Passes(HotlineFactory factory) =>
            (long)factory.Services.GetRequiredService<HotlineMetrics>().JobPasses.WithLabels(StatsRefreshService.JobName).Value;
        async Task<long> TotalAfterAsync(long expected)
        {
            // Real time for the instances' passes to run (each in its own background loop).
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (DateTime.UtcNow < deadline && _factories.Sum(Passes) < expected)
            {
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }

            await Task.Delay(1000, TestContext.Current.CancellationToken);
            return _factories.Sum(Passes);
        }

        // The first pass at start (no start delay in the tests), then one per 5-minute period, by both clocks.
        Assert.Equal(1, await TotalAfterAsync(1));
        for (var period = 2; period <= 4; period++)
        {
            _factories.ForEach(f => f.Clock.Advance(Interval));
            Assert.Equal(period, await TotalAfterAsync(period));
        }

        // One instance stops (its lease is let go or runs out); the other carries on alone.
        _factories[0].Dispose();
        _factories.RemoveAt(0);
        var before = _factories.Sum(Passes);
        _factories[0].Clock.Advance(Interval);
        Assert.Equal(before + 1, await TotalAfterAsync(before + 1));
    }

    [Fact]
    public async Task An_instance_started_25_hours_after_the_last_purge_purges_within_a_minute()
    {
        var factory = new HotlineFactory();
        _factories.Add(factory);
        var started = factory.Clock.GetUtcNow();
        await RecordLastPurgeAsync(factory, started - TimeSpan.FromHours(25));

        factory.Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.True(await PurgedSinceAsync(factory, started), "no purge within a minute of the start");
    }

    [Fact]
    public async Task An_instance_started_an_hour_after_the_last_purge_waits_for_the_next_purge_time()
    {
        var factory = new HotlineFactory();
        _factories.Add(factory);
        // 10:00 in China; the last purge ran at 09:00, after that day's 03:00.
        var started = factory.Clock.GetUtcNow();
        await RecordLastPurgeAsync(factory, started - TimeSpan.FromHours(1));

        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.False(await PurgedSinceAsync(factory, started, TimeSpan.FromSeconds(3)), "purged again before the next 03:00");

        // To 03:00 China time the next day, and one poll beyond.
        factory.Clock.Advance(TimeSpan.FromHours(17));
        Assert.True(await PurgedSinceAsync(factory, started, step: TimeSpan.FromMinutes(1)), "no purge at the next 03:00");
    }

    [Fact]
    public async Task A_pass_longer_than_its_lease_renews_it_so_no_other_instance_takes_the_job_meanwhile()
    {
        var factory = new HotlineFactory();
        _factories.Add(factory);
        var runs = factory.Services.GetRequiredService<JobRuns>();
        var other = ActivatorUtilities.CreateInstance<JobRuns>(factory.Services);
        var job = new HeldJob(runs, factory.Clock);
        var start = factory.Clock.GetUtcNow();
        var running = job.TryRunAsync(TestContext.Current.CancellationToken);
        await job.Started.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        // 6 minutes on: past the 5-minute lease taken at the start, renewed every 100 s meanwhile.
        for (var step = 0; step < 4; step++)
        {
            factory.Clock.Advance(TimeSpan.FromSeconds(90));
            await LeaseUntilAsync(factory, until => until > factory.Clock.GetUtcNow() + TimeSpan.FromMinutes(3));
        }

        var taken = await other.TryClaimAsync(HeldJob.JobName, factory.Clock.GetUtcNow(), Interval, (_, _) => true, TestContext.Current.CancellationToken);
        Assert.False(taken.Claimed);
        Assert.True(factory.Clock.GetUtcNow() > start + Interval);

        job.Finish.SetResult();
        Assert.True(await running);
        Assert.False(job.Cancelled);
        await LeaseUntilAsync(factory, until => until is null);
    }

    [Fact]
    public async Task A_pass_whose_lease_another_instance_took_over_is_cancelled_at_its_next_renewal()
    {
        var factory = new HotlineFactory();
        _factories.Add(factory);
        var job = new HeldJob(factory.Services.GetRequiredService<JobRuns>(), factory.Clock);
        var running = job.TryRunAsync(TestContext.Current.CancellationToken);
        await job.Started.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        // Another instance holds the job now (as after this one's lease ran out while it was cut off from the database).
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<HotlineDbContext>().JobRuns.Where(r => r.Name == HeldJob.JobName)
                .ExecuteUpdateAsync(set => set.SetProperty(r => r.LeaseHolder, "other-instance"), TestContext.Current.CancellationToken);
        }

        factory.Clock.Advance(TimeSpan.FromSeconds(101));

        Assert.True(await running.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        Assert.True(job.Cancelled);
        await using var check = factory.Services.CreateAsyncScope();
        var row = await check.ServiceProvider.GetRequiredService<HotlineDbContext>().JobRuns.AsNoTracking()
            .SingleAsync(r => r.Name == HeldJob.JobName, TestContext.Current.CancellationToken);
        // The other instance's lease is left as it was.
        Assert.Equal("other-instance", row.LeaseHolder);
        Assert.NotNull(row.LeaseUntilUtc);
    }

    /// <summary>Waits (real time, up to 30 s) until the held job's lease satisfies <paramref name="holds"/>.</summary>
    private static async Task LeaseUntilAsync(HotlineFactory factory, Func<DateTimeOffset?, bool> holds)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        DateTimeOffset? until = null;
        while (DateTime.UtcNow < deadline)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            until = await scope.ServiceProvider.GetRequiredService<HotlineDbContext>().JobRuns.AsNoTracking()
                .Where(r => r.Name == HeldJob.JobName).Select(r => r.LeaseUntilUtc).SingleAsync(TestContext.Current.CancellationToken);
            if (holds(until))
            {
                return;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"The lease stood at {until:O}");
    }

    /// <summary>A job whose pass runs until the test lets it finish: a 5-minute interval and lease, renewed every 100 s.</summary>
    private sealed class HeldJob(JobRuns runs, TimeProvider time)
        : ClusterJob(runs, time, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance)
    {
        public const string JobName = "held-job";

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Finish { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Cancelled { get; private set; }

        public override string Name => JobName;

        protected override TimeSpan Interval => ClusterJobTests.Interval;

        protected override async Task PassAsync(JobRun? before, CancellationToken cancellationToken)
        {
            Started.SetResult();
            try
            {
                await Finish.Task.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Cancelled = true;
                throw;
            }
        }
    }

    private static async Task RecordLastPurgeAsync(HotlineFactory factory, DateTimeOffset at)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        db.JobRuns.Add(new JobRun { Name = Core.Appeals.PersonalDataPurger.JobName, LastStartedUtc = at, LastSuccessUtc = at });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// Polls (real time, default 30 s) for a purge pass recorded at or after <paramref name="since"/>, moving the app's
    /// clock on by <paramref name="step"/> each time, so that a poll timer set just after an earlier move still fires.
    /// </summary>
    private static async Task<bool> PurgedSinceAsync(HotlineFactory factory, DateTimeOffset since, TimeSpan? wait = null, TimeSpan step = default)
    {
        var deadline = DateTime.UtcNow + (wait ?? TimeSpan.FromSeconds(30));
        do
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var run = await scope.ServiceProvider.GetRequiredService<HotlineDbContext>().JobRuns.AsNoTracking()
                .SingleAsync(r => r.Name == Core.Appeals.PersonalDataPurger.JobName, TestContext.Current.CancellationToken);
            if (run.LastSuccessUtc >= since)
            {
                return true;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
            factory.Clock.Advance(step);
        }
        while (DateTime.UtcNow < deadline);
        return false;
    }

    public async ValueTask DisposeAsync()
    {
        _factories.ForEach(f => f.Dispose());
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
