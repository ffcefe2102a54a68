using System.Collections.Concurrent;

namespace Bozhou.Hotline.Core;

/// <summary>
/// Values read from the database and kept in memory for a while: the queues' counts and today's scorecard
/// counts (<c>LiveFigures</c>), the summed roll-ups (<c>RollupSums</c>), the directory a new appeal is checked
/// against (<c>IntakeDirectory</c>).
/// </summary>
/// <remarks>
/// One load at a time: the callers that arrive meanwhile wait and share its value, so a burst of views does not
/// compute the same thing side by side (eight scorecard views summing 330,000 roll-ups at once timed out).
/// A value is dropped after its age, or at once by <see cref="Invalidate"/> when this app saves what it was
/// read from; a value loaded while that happened is returned but not kept. Ages are read on the injected
/// <see cref="TimeProvider"/>; values older than their age leave memory when the next one is stored.
/// </remarks>
public sealed class KeptValues<TKey, TValue>(TimeProvider time)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();
    private readonly SemaphoreSlim _loading = new(1, 1);
    private long _generation;

    /// <summary>The kept value of <paramref name="key"/> younger than <paramref name="maxAge"/>, or a new one; and when it was read.</summary>
    public async Task<(TValue Value, DateTimeOffset At)> GetAsync(
        TKey key, TimeSpan maxAge, Func<CancellationToken, Task<TValue>> load, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(load);
        if (maxAge <= TimeSpan.Zero)
        {
            return (await load(cancellationToken), time.GetUtcNow());
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
            var at = time.GetUtcNow();
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
        _entries.TryGetValue(key, out var entry) && entry.Generation == Interlocked.Read(ref _generation) && IsFresh(entry, time.GetUtcNow(), maxAge)
            ? entry
            : null;

    private static bool IsFresh(Entry entry, DateTimeOffset now, TimeSpan maxAge) => entry.At <= now && now - entry.At < maxAge;

    private sealed record Entry(long Generation, DateTimeOffset At, TValue Value);
}
