namespace Bozhou.Hotline.Core.Workspace;

/// <summary>One topic's appeals in the last window and the one before it (热点).</summary>
public sealed record HotSpot(int TopicId, int Current, int Previous)
{
    public int Change => Current - Previous;

    /// <summary>The change as a share of the window before; null when there was nothing to compare with.</summary>
    public double? ChangeRatio => Previous == 0 ? null : (double)Change / Previous;
}

/// <summary>A cadre's hot spots: appeals of the last 30 days by topic, against the 30 days before.</summary>
public static class HotSpots
{
    public const int WindowDays = 30;

    /// <summary>The two windows ending at <paramref name="now"/>: [previousFrom, currentFrom) and [currentFrom, now).</summary>
    public static (DateTimeOffset PreviousFrom, DateTimeOffset CurrentFrom) Windows(DateTimeOffset now) =>
        (now.AddDays(-2 * WindowDays), now.AddDays(-WindowDays));

    /// <summary>
    /// Every topic seen in either window, most appeals now first, then the steepest rise; a topic that
    /// went quiet stays listed with its fall.
    /// </summary>
    public static IReadOnlyList<HotSpot> Compare(IReadOnlyDictionary<int, int> current, IReadOnlyDictionary<int, int> previous)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(previous);
        return current.Keys.Union(previous.Keys)
            .Select(topic => new HotSpot(topic, current.GetValueOrDefault(topic), previous.GetValueOrDefault(topic)))
            .Where(h => h.Current > 0 || h.Previous > 0)
            .OrderByDescending(h => h.Current)
            .ThenByDescending(h => h.Change)
            .ThenBy(h => h.TopicId)
            .ToList();
    }
}
