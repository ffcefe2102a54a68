using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Bozhou.Hotline.Core.Supervision;

/// <summary>A figure and the instant it was computed, which the page shows beside it.</summary>
public sealed record Taken<T>(T Value, DateTimeOffset At);

/// <summary>
/// The supervision figures computed live from the appeals (each queue's count for a filter, today's scorecard
/// counts), kept for <see cref="SupervisionOptions.LiveFiguresMaxAge"/> so that a page view does not count
/// the whole open backlog again: with hundreds of thousands of open appeals the seven queue counts cost
/// more than the rest of the page. The rows themselves are always read live; each page says when its figures
/// were taken. One computation at a time: the views that arrive meanwhile wait for it and share it.
/// </summary>
public sealed class LiveFigures(IMemoryCache cache, IOptions<SupervisionOptions> options)
{
    private readonly SemaphoreSlim _computing = new(1, 1);

    public async Task<Taken<T>> GetAsync<T>(object key, DateTimeOffset now, Func<CancellationToken, Task<T>> compute, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(compute);
        var maxAge = options.Value.LiveFiguresMaxAge;
        if (maxAge <= TimeSpan.Zero)
        {
            return new Taken<T>(await compute(cancellationToken), now);
        }

        var entry = (nameof(LiveFigures), key);
        if (Fresh(entry, now, maxAge, out Taken<T>? taken))
        {
            return taken;
        }

        await _computing.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(entry, now, maxAge, out taken))
            {
                return taken;
            }

            taken = new Taken<T>(await compute(cancellationToken), now);
            // The entry also leaves memory on the wall clock, so filters nobody asks for again do not pile up.
            cache.Set(entry, taken, maxAge);
            return taken;
        }
        finally
        {
            _computing.Release();
        }
    }

    private bool Fresh<T>(object entry, DateTimeOffset now, TimeSpan maxAge, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Taken<T>? taken) =>
        cache.TryGetValue(entry, out taken) && taken is not null && taken.At <= now && now - taken.At < maxAge;
}
