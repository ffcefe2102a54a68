using System.Collections.Concurrent;

namespace Bozhou.Hotline.Core.Limits;

/// <summary>
/// <see cref="IClientLimits"/> in this process's memory: one queue of attempt times per key. On SQLite (one instance).
/// Keys whose attempts have all left <see cref="LimitHit.KeptFor"/> are dropped every 1,000 counts, so memory follows
/// the clients of the last day.
/// </summary>
public sealed class MemoryClientLimits(TimeProvider time) : IClientLimits
{
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _hits = new(StringComparer.Ordinal);
    private long _counts;

    public Task<TimeSpan?> TryTakeAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken = default)
    {
        var hits = Hits(key);
        DateTimeOffset now;
        lock (hits)
        {
            // Read under the lock: a time read before waiting for it would be older than the hits counted meanwhile.
            now = time.GetUtcNow();
            if (Wait(hits, limit, window, now) is { } wait)
            {
                return Task.FromResult<TimeSpan?>(wait);
            }

            hits.Enqueue(now);
        }

        Tidy(now);
        return Task.FromResult<TimeSpan?>(null);
    }

    public Task<TimeSpan?> RetryAfterAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var hits = Hits(key);
        lock (hits)
        {
            return Task.FromResult(Wait(hits, limit, window, now));
        }
    }

    public Task RecordAsync(string key, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var hits = Hits(key);
        lock (hits)
        {
            hits.Enqueue(now);
        }

        Tidy(now);
        return Task.CompletedTask;
    }

    public Task ReturnAsync(string key, CancellationToken cancellationToken = default)
    {
        var hits = Hits(key);
        lock (hits)
        {
            if (hits.Count > 0)
            {
                // A queue has no "remove last": keep all but the newest.
                var kept = hits.ToArray()[..^1];
                hits.Clear();
                Array.ForEach(kept, hits.Enqueue);
            }
        }

        return Task.CompletedTask;
    }

    private Queue<DateTimeOffset> Hits(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return _hits.GetOrAdd(key, _ => new Queue<DateTimeOffset>());
    }

    /// <summary>How long to wait, counting only the attempts within <paramref name="window"/> before <paramref name="now"/>.</summary>
    private static TimeSpan? Wait(Queue<DateTimeOffset> hits, int limit, TimeSpan window, DateTimeOffset now)
    {
        while (hits.Count > 0 && hits.Peek() <= now - window)
        {
            hits.Dequeue();
        }

        var inWindow = hits.Where(at => at <= now).ToList();
        if (inWindow.Count < limit)
        {
            return null;
        }

        // The oldest of the last `limit` attempts must leave the window before another is allowed.
        var wait = inWindow[^limit] + window - now;
        return wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait;
    }

    private void Tidy(DateTimeOffset now)
    {
        if (Interlocked.Increment(ref _counts) % 1000 != 0)
        {
            return;
        }

        foreach (var (key, hits) in _hits)
        {
            lock (hits)
            {
                while (hits.Count > 0 && hits.Peek() <= now - LimitHit.KeptFor)
                {
                    hits.Dequeue();
                }

                if (hits.Count == 0)
                {
                    _hits.TryRemove(key, out _);
                }
            }
        }
    }
}
