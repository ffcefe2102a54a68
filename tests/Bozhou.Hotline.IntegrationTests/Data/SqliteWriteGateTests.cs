using System.Data.Common;
using Bozhou.Hotline.IntegrationTests.Appeals;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Bozhou.Hotline.IntegrationTests.Data;

/// <summary>The SQLite write gate: writers queue in memory, and every way out of a write opens the gate again.</summary>
public class SqliteWriteGateTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>How soon a write must complete once the gate is open again.</summary>
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Thirty_citizens_submitting_at_the_same_moment_all_get_a_receipt_and_every_appeal_is_stored()
    {
        using var factory = new HotlineFactory().With("Appeals:SubmissionsPerHour", "1000");
        var directory = await factory.SeedDirectoryAsync();
        var clients = Enumerable.Range(0, 30).Select(_ => factory.Client()).ToList();
        var forms = await Task.WhenAll(clients.Select(c => c.OpenFormAsync()));
        var fields = AppealsKit.ValidFields(directory, factory.Clock.GetUtcNow().AddMinutes(-10));

        var responses = await Task.WhenAll(clients.Select((c, i) => c.SubmitAsync(forms[i], fields)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        var codes = responses.Select(r => r.Headers.Location!.OriginalString["/appeals/receipt/".Length..]).ToList();
        Assert.Equal(30, codes.Distinct().Count());
        var stored = await factory.WithDbAsync(db => db.Appeals.Where(a => codes.Contains(a.TrackingCode)).CountAsync());
        Assert.Equal(30, stored);
        Array.ForEach(responses, r => r.Dispose());
        clients.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task A_save_that_fails_opens_the_gate_for_the_next_writer()
    {
        using var factory = new HotlineFactory();
        var day = new DateOnly(2031, 5, 6);
        await SaveDayAsync(factory, day);

        // The same day again breaks the primary key: the save fails inside the gate.
        await Assert.ThrowsAsync<DbUpdateException>(() => SaveDayAsync(factory, day));

        // Were the gate still shut, this save would wait for its 30 s timeout.
        await SaveDayAsync(factory, day.AddDays(1)).WaitAsync(Patience);
    }

    [Fact]
    public async Task A_writer_waits_behind_an_open_write_transaction_and_goes_on_when_it_ends()
    {
        using var factory = new HotlineFactory();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        Assert.NotNull(SqliteWriteGate.Of(db));
        var transaction = await SqliteWriteGate.BeginAsync(db);
        db.CalendarDays.Add(Day(new DateOnly(2031, 6, 1)));
        await db.SaveChangesAsync();

        var waiting = SaveDayAsync(factory, new DateOnly(2031, 6, 2));
        await Task.Delay(300);
        Assert.False(waiting.IsCompleted);

        await transaction.CommitAsync();
        await transaction.DisposeAsync();
        await waiting.WaitAsync(Patience);
        var days = await factory.WithDbAsync(d => d.CalendarDays.Where(c => c.Date.Year == 2031).CountAsync());
        Assert.Equal(2, days);
    }

    [Fact]
    public async Task A_writer_that_gives_up_waiting_does_not_open_the_gate_held_by_another()
    {
        using var factory = new HotlineFactory();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var holder = await SqliteWriteGate.BeginAsync(db);

        using (var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => SaveDayAsync(factory, new DateOnly(2031, 7, 1), cancel.Token));
        }

        // The gate is still the holder's: a third writer waits until the holder lets go.
        var third = SaveDayAsync(factory, new DateOnly(2031, 7, 2));
        await Task.Delay(300);
        Assert.False(third.IsCompleted);
        await holder.DisposeAsync();
        await third.WaitAsync(Patience);
        var saved = await factory.WithDbAsync(d => d.CalendarDays.Where(c => c.Date.Year == 2031).Select(c => c.Date).ToListAsync());
        Assert.Equal(new[] { new DateOnly(2031, 7, 2) }, saved);
    }

    [Fact]
    public async Task A_concurrency_conflict_opens_the_gate_and_the_next_write_completes_within_a_second()
    {
        using var factory = new HotlineFactory();
        var directory = await factory.SeedDirectoryAsync();
        using var citizen = factory.Client();
        var code = await citizen.LogAppealAsync(factory, directory);
        await using var first = factory.Services.CreateAsyncScope();
        await using var second = factory.Services.CreateAsyncScope();
        var mine = await first.ServiceProvider.GetRequiredService<HotlineDbContext>().Appeals.SingleAsync(a => a.TrackingCode == code);
        var theirsDb = second.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var theirs = await theirsDb.Appeals.SingleAsync(a => a.TrackingCode == code);
        theirs.AddNote("他人的备注", "张秘书", null, factory.Clock.GetUtcNow());
        await theirsDb.SaveChangesAsync();

        mine.AddNote("我的备注", "李干部", null, factory.Clock.GetUtcNow());
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => first.ServiceProvider.GetRequiredService<HotlineDbContext>().SaveChangesAsync());

        await SaveDayAsync(factory, new DateOnly(2031, 8, 1)).WaitAsync(OneSecond);
        using var next = await citizen.SubmitAppealAsync(factory, directory).WaitAsync(Patience);
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
    }

    [Fact]
    public async Task An_exception_thrown_by_another_interceptor_opens_the_gate()
    {
        using var factory = new HotlineFactory();
        var gate = GateOf(factory);
        await using (var db = ContextWith(factory, gate, new ThrowingSaveInterceptor()))
        {
            db.CalendarDays.Add(Day(new DateOnly(2031, 9, 1)));
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }

        Assert.False(gate.IsHeld);
        await SaveDayAsync(factory, new DateOnly(2031, 9, 2)).WaitAsync(OneSecond);
    }

    [Fact]
    public async Task A_client_leaving_while_its_write_runs_opens_the_gate()
    {
        using var factory = new HotlineFactory();
        var gate = GateOf(factory);
        using var leaving = new CancellationTokenSource();
        await using (var db = ContextWith(factory, gate, new CancelWhileWriting(leaving)))
        {
            db.CalendarDays.Add(Day(new DateOnly(2031, 10, 1)));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => db.SaveChangesAsync(leaving.Token));
        }

        Assert.False(gate.IsHeld);
        await SaveDayAsync(factory, new DateOnly(2031, 10, 2)).WaitAsync(OneSecond);
        var saved = await factory.WithDbAsync(d => d.CalendarDays.Where(c => c.Date.Year == 2031).Select(c => c.Date).ToListAsync());
        Assert.Equal(new[] { new DateOnly(2031, 10, 2) }, saved);
    }

    [Fact]
    public async Task A_synchronous_save_that_fails_opens_the_gate()
    {
        using var factory = new HotlineFactory();
        var day = new DateOnly(2031, 11, 1);
        await SaveDayAsync(factory, day);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
            db.CalendarDays.Add(Day(day));
            Assert.Throws<DbUpdateException>(() => db.SaveChanges());
        }

        await SaveDayAsync(factory, day.AddDays(1)).WaitAsync(OneSecond);
    }

    [Fact]
    public async Task A_citizen_whose_write_waits_past_the_timeout_is_told_to_try_again_and_the_next_submission_saves_at_once()
    {
        using var factory = new HotlineFactory().With("Database:WriteGateTimeoutSeconds", "1");
        var directory = await factory.SeedDirectoryAsync();
        using var citizen = factory.Client();
        var gate = GateOf(factory);

        var held = await gate.EnterAsync();
        HttpResponseMessage refused;
        try
        {
            refused = await citizen.SubmitAppealAsync(factory, directory);
        }
        finally
        {
            held.Dispose();
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        var page = await Html.ParseAsync(refused);
        Assert.Contains("系统繁忙", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        refused.Dispose();
        Assert.Equal(0, await factory.WithDbAsync(d => d.Appeals.CountAsync()));

        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        using var next = await citizen.SubmitAppealAsync(factory, directory);
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.True(stopwatch.Elapsed < OneSecond, $"The next submission took {stopwatch.ElapsedMilliseconds} ms.");
    }

    [Fact]
    public async Task Readiness_turns_unhealthy_while_a_writer_waits_past_its_limit_and_healthy_once_it_gets_through()
    {
        // The passes that start with the app (statistics, rising terms) write through the gate too: one queued behind the
        // held gate would still be waiting past the 1 s limit when the last check comes. Only the test's writer waits here.
        using var factory = new HotlineFactory().With("Database:WriteGateStuckSeconds", "1")
            .WithoutHostedService<Bozhou.Hotline.Core.Supervision.StatsRefreshService>().WithoutHostedService<Bozhou.Hotline.Core.Insight.TermIndexService>();
        using var client = factory.CreateClient();
        var gate = GateOf(factory);
        using (var before = await client.GetAsync(new Uri("/healthz", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var held = await gate.EnterAsync();
        Task waiting;
        try
        {
            waiting = SaveDayAsync(factory, new DateOnly(2031, 12, 1));
            await Task.Delay(TimeSpan.FromMilliseconds(1500));
            using var stuck = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, stuck.StatusCode);
        }
        finally
        {
            held.Dispose();
        }

        await waiting.WaitAsync(Patience);
        using var after = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task A_lease_disposed_twice_opens_the_gate_once()
    {
        var gate = new SqliteWriteGate(TimeSpan.FromMilliseconds(200));
        var first = await gate.EnterAsync();
        first.Dispose();
        var second = await gate.EnterAsync();
        first.Dispose();

        Assert.True(gate.IsHeld);
        await Assert.ThrowsAsync<WriteGateTimeoutException>(() => gate.EnterAsync());
        second.Dispose();
        Assert.False(gate.IsHeld);
    }

    private static CalendarDay Day(DateOnly date) => new() { Date = date, Kind = CalendarDayKind.Holiday, Occasion = "测试" };

    private static async Task SaveDayAsync(HotlineFactory factory, DateOnly date, CancellationToken cancellationToken = default)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        db.CalendarDays.Add(Day(date));
        await db.SaveChangesAsync(cancellationToken);
    }

    private static SqliteWriteGate GateOf(HotlineFactory factory) => factory.Services.GetRequiredService<SqliteWriteGate>();

    /// <summary>A context on the app's database file with its gate and one more interceptor after it.</summary>
    private static HotlineDbContext ContextWith(HotlineFactory factory, SqliteWriteGate gate, IInterceptor other) =>
        new(new DbContextOptionsBuilder<HotlineDbContext>()
            .UseSqlite($"Data Source={factory.SqlitePath}")
            .AddInterceptors(gate, other)
            .Options);

    /// <summary>Another interceptor that fails the save after the gate was taken.</summary>
    private sealed class ThrowingSaveInterceptor : SaveChangesInterceptor
    {
        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("An interceptor failed.");
    }

    /// <summary>The client leaves while the INSERT runs: the request's token is cancelled mid-write.</summary>
    private sealed class CancelWhileWriting(CancellationTokenSource request) : DbCommandInterceptor
    {
        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            request.Cancel();
            cancellationToken.ThrowIfCancellationRequested();
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            request.Cancel();
            cancellationToken.ThrowIfCancellationRequested();
            return ValueTask.FromResult(result);
        }
    }
}
