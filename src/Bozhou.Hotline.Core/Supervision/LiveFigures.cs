using Microsoft.Extensions.Options;

using Bozhou.Hotline.Core.Caching;
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
public sealed class LiveFigures(TimeProvider time, IOptions<SupervisionOptions> options)
{
    private readonly KeptValues<object, object> _figures = new(time);

    public async Task<Taken<T>> GetAsync<T>(object key, Func<CancellationToken, Task<T>> compute, CancellationToken cancellationToken = default)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(compute);
        var (value, at) = await _figures.GetAsync(key, options.Value.LiveFiguresMaxAge, async ct => (object)await compute(ct), cancellationToken);
        return new Taken<T>((T)value, at);
    }
}
