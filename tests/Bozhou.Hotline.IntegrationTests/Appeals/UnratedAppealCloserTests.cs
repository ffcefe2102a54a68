using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Bozhou.Hotline.IntegrationTests.Appeals;

public class UnratedAppealCloserTests
{
    /// <summary>A sweep interval longer than any test moves the clock, so that only the test sweeps.</summary>
    private const string NoBackgroundSweep = "30.00:00:00";

    [Fact]
    public async Task An_unrated_reply_closes_exactly_7_days_later_and_a_second_sweep_finds_nothing_due()
    {
        using var logged = await new HotlineFactory().With("Appeals:UnratedSweepInterval", NoBackgroundSweep).LogOneAppealAsync(replied: true);
        var (factory, client, code) = logged;
        var repliedAt = factory.Clock.GetUtcNow();
        var closer = factory.Services.GetRequiredService<UnratedAppealCloser>();

        factory.Clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));
        var early = await closer.CloseDueAsync(TestContext.Current.CancellationToken);
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        var due = await closer.CloseDueAsync(TestContext.Current.CancellationToken);
        var again = await closer.CloseDueAsync(TestContext.Current.CancellationToken);

        Assert.Equal(0, early);
        Assert.Equal(1, due);
        Assert.Equal(0, again);
        var appeal = await factory.LoadAppealAsync(code);
        Assert.Equal(AppealStatus.Closed, appeal.Status);
        Assert.Equal(repliedAt.AddDays(7), appeal.ClosedAt);
        Assert.Null(appeal.RatingScore);
        var closed = Assert.Single(appeal.Events, e => e.Kind == AppealEventKind.Closed);
        Assert.Equal("Unrated", closed.Outcome);
        Assert.Equal(EventActor.System, closed.By);
        using var check = await client.CheckAsync(code, AppealsKit.LastFour); // the browser's access has long expired
        var page = await client.GetPageAsync(check.Headers.Location!.OriginalString);
        Assert.Contains("答复后7日内未评价，自动办结", page.QuerySelector("#timeline")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sweep_works_through_every_due_appeal_in_batches_and_leaves_open_and_rated_ones()
    {
        using var factory = new HotlineFactory()
            .With("Appeals:UnratedSweepInterval", NoBackgroundSweep)
            .With("Appeals:UnratedSweepBatchSize", "2")
            .With("Appeals:SubmissionsPerHour", "100");
        var directory = await factory.SeedDirectoryAsync();
        using var client = factory.Client();
        var replied = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var code = await client.LogAppealAsync(factory, directory);
            await factory.ReplyAsync(code);
            replied.Add(code);
        }

        var open = await client.LogAppealAsync(factory, directory);
        factory.Clock.Advance(TimeSpan.FromDays(8));

        var closed = await factory.Services.GetRequiredService<UnratedAppealCloser>().CloseDueAsync(TestContext.Current.CancellationToken);

        Assert.Equal(5, closed);
        foreach (var code in replied)
        {
            Assert.Equal(AppealStatus.Closed, (await factory.LoadAppealAsync(code)).Status);
        }

        Assert.Equal(AppealStatus.Logged, (await factory.LoadAppealAsync(open)).Status);
    }

    [Fact]
    public async Task Two_sweeps_at_once_close_the_appeal_once_the_slower_giving_way_on_the_concurrency_token()
    {
        using var factory = new HotlineFactory().With("Appeals:UnratedSweepInterval", NoBackgroundSweep);
        var race = new RaceInterceptor();
        // A second instance of the app on the same database, whose saves the interceptor holds back.
        using var slower = factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.ConfigureDbContext<HotlineDbContext>(o => o.AddInterceptors(race))));
        var directory = await factory.SeedDirectoryAsync();
        using var client = factory.Client();
        var code = await client.LogAppealAsync(factory, directory);
        await factory.ReplyAsync(code);
        factory.Clock.Advance(TimeSpan.FromDays(7));
        var faster = factory.Services.GetRequiredService<UnratedAppealCloser>();
        var slowerCloser = slower.Services.GetRequiredService<UnratedAppealCloser>();
        var closedByFaster = 0;
        race.BeforeFirstSave = async () => closedByFaster = await faster.CloseDueAsync();

        var closedBySlower = await slowerCloser.CloseDueAsync(TestContext.Current.CancellationToken);

        Assert.True(race.Fired);
        Assert.Equal(1, closedByFaster);
        Assert.Equal(0, closedBySlower);
        var appeal = await factory.LoadAppealAsync(code);
        Assert.Equal(AppealStatus.Closed, appeal.Status);
        Assert.Single(appeal.Events, e => e.Kind == AppealEventKind.Closed);
    }

    [Fact]
    public async Task The_hosted_sweep_runs_on_the_injected_clock_at_its_interval()
    {
        using var logged = await new HotlineFactory().With("Appeals:UnratedSweepInterval", "00:10:00").LogOneAppealAsync(replied: true);
        var (factory, client, code) = logged;

        factory.Clock.Advance(TimeSpan.FromDays(7));
        factory.Clock.Advance(TimeSpan.FromMinutes(10));
        var status = AppealStatus.Replied;
        for (var i = 0; i < 100 && status != AppealStatus.Closed; i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
            status = (await factory.LoadAppealAsync(code)).Status;
        }

        Assert.Equal(AppealStatus.Closed, status);
    }

    /// <summary>Runs another sweep to completion just before this instance's first save.</summary>
    private sealed class RaceInterceptor : SaveChangesInterceptor
    {
        public Func<Task>? BeforeFirstSave { get; set; }

        public bool Fired { get; private set; }

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (!Fired && BeforeFirstSave is { } other && eventData.Context is HotlineDbContext db
                && db.ChangeTracker.Entries<Appeal>().Any(e => e.Entity.Status == AppealStatus.Closed))
            {
                Fired = true;
                await other();
            }

            return result;
        }
    }
}
