namespace Bozhou.Hotline.Core.Supervision;

/// <summary>
/// A rate with its Wilson 95% interval, published only from <see cref="MinimumCases"/> cases up
/// (below that, "too few"), as WriteToThem publishes its responsiveness tables.
/// </summary>
public readonly record struct RateEstimate(int Successes, int Cases)
{
    public const int MinimumCases = 10;

    /// <summary>z for a two-sided 95% interval.</summary>
    public const double Z95 = 1.959963984540054;

    public bool IsTooFew => Cases < MinimumCases;

    /// <summary>The observed rate, or null when there are too few cases to publish it.</summary>
    public double? Rate => IsTooFew ? null : (double)Successes / Cases;

    public (double Lower, double Upper)? Interval => IsTooFew ? null : Wilson(Successes, Cases);

    public double? LowerBound => Interval?.Lower;

    /// <summary>The Wilson score interval for <paramref name="successes"/> of <paramref name="cases"/>.</summary>
    public static (double Lower, double Upper) Wilson(int successes, int cases, double z = Z95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfLessThan(cases, successes);
        if (cases == 0)
        {
            return (0, 1);
        }

        var n = (double)cases;
        var p = successes / n;
        var z2 = z * z;
        var denominator = 1 + (z2 / n);
        var centre = (p + (z2 / (2 * n))) / denominator;
        var half = z * Math.Sqrt((p * (1 - p) / n) + (z2 / (4 * n * n))) / denominator;
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }
}
