using System.Collections.Concurrent;

namespace Bozhou.Hotline.Core.Supervision;

/// <summary>
/// The stored daily roll-ups summed per cadre over a range of closed days, kept in memory until the roll-ups change.
/// </summary>
/// <remarks>
/// A yearly scorecard adds up a row per cadre and day, about 330,000 rows for 1,000 cadres, which took SQLite
/// 120–180 ms on every view, while those rows change only when <see cref="StatsRollup"/> stores a day. It clears
/// this cache each time it does. Another process (the <c>rebuild-stats</c> command, a second instance) cannot
/// clear it, so an entry is also dropped after <see cref="MaxAge"/>. Today's counts are computed live, and kept only
/// briefly (<see cref="LiveFigures"/>).
/// </remarks>
public sealed class RollupSums(TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<(DateOnly From, DateOnly To), Entry> _entries = new();
    private readonly SemaphoreSlim _loading = new(1, 1);
    private long _generation;

    /// <summary>
    /// The sums, loaded by one view at a time: the views that arrive meanwhile wait and share them (at 3.5 million
    /// appeals eight views loading the year's 330,000 rows at once took over a second each).
    /// </summary>
    public async Task<IReadOnlyList<DailyCadreStats>> GetAsync(DateOnly from, DateOnly to, Func<Task<List<DailyCadreStats>>> load)
    {
        ArgumentNullException.ThrowIfNull(load);
        if (Fresh(from, to) is { } rows)
        {
            return rows;
        }

        await _loading.WaitAsync();
        try
        {
            if (Fresh(from, to) is { } loaded)
            {
                return loaded;
            }

            // Stored under the generation read before loading: a day stored meanwhile makes it stale at once.
            var generation = Interlocked.Read(ref _generation);
            var now = time.GetUtcNow();
            rows = await load();
            _entries[(from, to)] = new Entry(generation, now, rows);
            return rows;
        }
        finally
        {
            _loading.Release();
        }
    }

    private IReadOnlyList<DailyCadreStats>? Fresh(DateOnly from, DateOnly to) =>
        _entries.TryGetValue((from, to), out var entry) && entry.Generation == Interlocked.Read(ref _generation) && time.GetUtcNow() - entry.At < MaxAge
            ? entry.Rows
            : null;

    /// <summary>Forgets every sum: called after roll-up rows are stored.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }

    private sealed record Entry(long Generation, DateTimeOffset At, IReadOnlyList<DailyCadreStats> Rows);
}
