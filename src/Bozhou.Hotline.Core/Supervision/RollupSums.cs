using Bozhou.Hotline.Core.Caching;

namespace Bozhou.Hotline.Core.Supervision;

/// <summary>
/// The stored daily roll-ups summed per cadre over a range of closed days, kept in memory until the roll-ups change.
/// </summary>
/// <remarks>
/// A yearly scorecard adds up a row per cadre and day, about 330,000 rows for 1,000 cadres, which took SQLite
/// 120–180 ms on every view, while those rows change only when <see cref="StatsRollup"/> stores a day. Storing
/// one forgets the sums on every instance (<see cref="KeptTags.Rollups"/>); a process that does not tell the others
/// (the <c>rebuild-stats</c> command on SQLite) is caught up with after <see cref="MaxAge"/>. Today's counts are computed live, and kept only
/// briefly (<see cref="LiveFigures"/>).
/// </remarks>
public sealed class RollupSums(TimeProvider time, KeptValueChanges changes)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private readonly KeptValues<(DateOnly From, DateOnly To), IReadOnlyList<DailyCadreStats>> _sums = new(time, changes, KeptTags.Rollups);

    /// <summary>The sums, loaded by one view at a time; the views that arrive meanwhile wait and share them.</summary>
    public async Task<IReadOnlyList<DailyCadreStats>> GetAsync(DateOnly from, DateOnly to, Func<Task<List<DailyCadreStats>>> load)
    {
        ArgumentNullException.ThrowIfNull(load);
        return (await _sums.GetAsync((from, to), MaxAge, async _ => await load())).Value;
    }
}
