using System.Collections.Concurrent;

namespace Bozhou.Hotline.Core.Caching;

/// <summary>
/// Values read from the database and kept in memory for a while: the directory a new appeal is checked against
/// (<c>IntakeDirectory</c>), the calendar, the saved settings, the summed roll-ups (<c>RollupSums</c>), the
/// supervision filter's choices, the queues' counts and today's scorecard counts (<c>LiveFigures</c>). The one
/// mechanism for such values in the app.
/// </summary>
/// <remarks>
/// One load at a time: the callers that arrive meanwhile wait and share its value, so a burst of views does not
/// compute the same thing side by side (eight scorecard views summing 330,000 roll-ups at once timed out).
/// A value is dropped after its age, or at once when data of one of its <see cref="KeptTags"/> is saved, on this
/// instance or another (<see cref="KeptValueChanges"/>); a value loaded while that happened is returned but not kept.
/// Ages are read on the injected <see cref="TimeProvider"/>; values older than their age leave memory when the
/// next one is stored.
/// </remarks>
public sealed class KeptValues<TKey, TValue>
    where TKey : notnull
{
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();
    private readonly SemaphoreSlim _loading = new(1, 1);
    private long _generation;

    /// <summary>Values kept for their age only (counts of live data, which no saved change announces).</summary>
    public KeptValues(TimeProvider time) => _time = time;

    /// <summary>Values kept for their age, and forgotten at once when data of any of <paramref name="tags"/> changes.</summary>
    public KeptValues(TimeProvider time, KeptValueChanges changes, params string[] tags)
        : this(time)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var tag in tags)
        {
            changes.Subscribe(tag, _ =>
            {
                Invalidate();
                return ValueTask.CompletedTask;
            });
        }
    }

    /// <summary>The kept value of <paramref name="key"/> younger than <paramref name="maxAge"/>, or a new one; and when it was read.</summary>
    public async Task<(TValue Value, DateTimeOffset At)> GetAsync(
        TKey key, TimeSpan maxAge, Func<CancellationToken, Task<TValue>> load, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(load);
        if (maxAge <= TimeSpan.Zero)
        {
            return (await load(cancellationToken), _time.GetUtcNow());
        }

        if (Fresh(key, maxAge) is { } kept)
        {
            return (kept.Value, kept.At);
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(key, maxAge) is { } loaded)
            {
                return (loaded.Value, loaded.At);
            }

            var generation = Interlocked.Read(ref _generation);
            var at = _time.GetUtcNow();
            var value = await load(cancellationToken);
            if (Interlocked.Read(ref _generation) == generation)
            {
                foreach (var old in _entries.Where(e => !IsFresh(e.Value, at, maxAge)).Select(e => e.Key).ToList())
                {
                    _entries.TryRemove(old, out _);
                }

                _entries[key] = new Entry(generation, at, value);
            }

            return (value, at);
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>Forgets every value: the next caller of each key loads it again.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }

    private Entry? Fresh(TKey key, TimeSpan maxAge) =>
        _entries.TryGetValue(key, out var entry) && entry.Generation == Interlocked.Read(ref _generation) && IsFresh(entry, _time.GetUtcNow(), maxAge)
            ? entry
            : null;

    private static bool IsFresh(Entry entry, DateTimeOffset now, TimeSpan maxAge) => entry.At <= now && now - entry.At < maxAge;

    private sealed record Entry(long Generation, DateTimeOffset At, TValue Value);
}
