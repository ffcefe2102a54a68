namespace Bozhou.Hotline.Core.Supervision;

/// <summary>
/// Orders scorecard rows by their rate, then by the lower bound of its interval (the surer of two equal
/// rates first); rows with equal rate and bound share a rank (1, 2, 2, 4). Rows with too few cases get
/// no rank and come last, in their original order.
/// </summary>
public static class Ranking
{
    public static IReadOnlyList<Ranked<T>> Rank<T>(IEnumerable<T> rows, Func<T, RateEstimate> estimate)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(estimate);
        var withEstimates = rows.Select(r => (Row: r, Estimate: estimate(r))).ToList();
        var published = withEstimates
            .Where(x => !x.Estimate.IsTooFew)
            .OrderByDescending(x => x.Estimate.Rate)
            .ThenByDescending(x => x.Estimate.LowerBound)
            .ToList();

        var result = new List<Ranked<T>>(withEstimates.Count);
        for (var i = 0; i < published.Count; i++)
        {
            var rank = i + 1;
            if (i > 0 && SameStanding(published[i].Estimate, published[i - 1].Estimate))
            {
                rank = result[i - 1].Rank!.Value;
            }

            result.Add(new Ranked<T>(published[i].Row, published[i].Estimate, rank));
        }

        result.AddRange(withEstimates.Where(x => x.Estimate.IsTooFew).Select(x => new Ranked<T>(x.Row, x.Estimate, null)));
        return result;
    }

    private static bool SameStanding(RateEstimate a, RateEstimate b) =>
        Math.Abs(a.Rate!.Value - b.Rate!.Value) < 1e-12 && Math.Abs(a.LowerBound!.Value - b.LowerBound!.Value) < 1e-12;
}

public sealed record Ranked<T>(T Row, RateEstimate Estimate, int? Rank);
