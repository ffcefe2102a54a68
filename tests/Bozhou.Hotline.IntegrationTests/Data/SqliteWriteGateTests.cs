using System.Net;
using Bozhou.Hotline.Core.Calendar;
using Bozhou.Hotline.Core.Data;
using Bozhou.Hotline.IntegrationTests.Appeals;
using Bozhou.Hotline.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bozhou.Hotline.IntegrationTests.Data;

/// <summary>The SQLite write gate: writers queue in memory, and every way out of a write opens the gate again.</summary>
public class SqliteWriteGateTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

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

    private static CalendarDay Day(DateOnly date) => new() { Date = date, Kind = CalendarDayKind.Holiday, Occasion = "测试" };

    private static async Task SaveDayAsync(HotlineFactory factory, DateOnly date, CancellationToken cancellationToken = default)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        db.CalendarDays.Add(Day(date));
        await db.SaveChangesAsync(cancellationToken);
    }
}
