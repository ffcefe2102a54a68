namespace Bozhou.Hotline.Core.Supervision;

/// <summary>
/// The outcome of <see cref="TwoProportionTest.Lower"/>: both proportions, the pooled standard error's z statistic
/// and the one-sided p-value. <see cref="Z"/> and <see cref="P"/> are null when the test was not made (too few cases in a
/// window, or a pooled proportion of exactly 0 or 1, where the test has no spread to measure against).
/// </summary>
/// <param name="RecentSuccesses">Successes in the recent window (calls answered, callbacks on time).</param>
/// <param name="RecentTrials">Cases in the recent window (call attempts, callbacks due).</param>
/// <param name="BaselineSuccesses">Successes in the baseline window.</param>
/// <param name="BaselineTrials">Cases in the baseline window.</param>
/// <param name="Z">(p̂₁ − p̂₂) / SE, dimensionless; negative when the recent rate is lower.</param>
/// <param name="P">Φ(z): the probability, if both windows shared one rate, of a recent rate this far below or further (0–1).</param>
/// <param name="Significant">Whether the test was made and <see cref="P"/> is below the level asked for.</param>
public sealed record TwoProportionResult(
    int RecentSuccesses, int RecentTrials, int BaselineSuccesses, int BaselineTrials, double? Z, double? P, bool Significant)
{
    /// <summary>The recent window's rate (0–1), or null with no cases.</summary>
    public double? RecentRate => RecentTrials == 0 ? null : (double)RecentSuccesses / RecentTrials;

    /// <summary>The baseline window's rate (0–1), or null with no cases.</summary>
    public double? BaselineRate => BaselineTrials == 0 ? null : (double)BaselineSuccesses / BaselineTrials;
}

/// <summary>
/// The one-sided two-proportion z-test with a pooled proportion, as in NIST/SEMATECH e-Handbook of Statistical Methods
/// §7.3.3 ("How can we determine whether two processes produce the same proportion of defectives?") and any
/// introductory text (e.g. Agresti, <i>Categorical Data Analysis</i>, §2.1.3):
/// <code>
/// p̂₁ = x₁/n₁ (recent), p̂₂ = x₂/n₂ (baseline), p̂ = (x₁ + x₂)/(n₁ + n₂) (pooled, the rate if nothing changed)
/// SE = √( p̂ (1 − p̂) (1/n₁ + 1/n₂) )
/// z  = (p̂₁ − p̂₂) / SE
/// p  = Φ(z)   (lower tail: H₁ is "the recent rate is lower")
/// </code>
/// The normal approximation needs enough cases in each window, hence the minimum count; with p̂ = 0 or 1 the SE is 0 and
/// no test is made. Pure arithmetic: no clock, no database.
/// </summary>
public static class TwoProportionTest
{
    /// <summary>
    /// Tests whether the recent rate <paramref name="recentSuccesses"/>/<paramref name="recentTrials"/> is significantly
    /// below the baseline rate <paramref name="baselineSuccesses"/>/<paramref name="baselineTrials"/>: made only when each
    /// window has at least <paramref name="minimumTrials"/> cases; significant when p &lt; <paramref name="alpha"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, successes exceed trials, or alpha is not in (0, 1).</exception>
    public static TwoProportionResult Lower(
        int recentSuccesses, int recentTrials, int baselineSuccesses, int baselineTrials, int minimumTrials, double alpha)
    {
        Check(recentSuccesses, recentTrials, nameof(recentSuccesses));
        Check(baselineSuccesses, baselineTrials, nameof(baselineSuccesses));
        if (alpha is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "The significance level must lie strictly between 0 and 1.");
        }

        var untested = new TwoProportionResult(recentSuccesses, recentTrials, baselineSuccesses, baselineTrials, null, null, false);
        if (recentTrials < Math.Max(1, minimumTrials) || baselineTrials < Math.Max(1, minimumTrials))
        {
            return untested;
        }

        double n1 = recentTrials, n2 = baselineTrials;
        var pooled = (recentSuccesses + baselineSuccesses) / (n1 + n2);
        var se = Math.Sqrt(pooled * (1 - pooled) * ((1 / n1) + (1 / n2)));
        if (se == 0)
        {
            return untested;
        }

        var z = ((recentSuccesses / n1) - (baselineSuccesses / n2)) / se;
        var p = NormalCdf(z);
        return untested with { Z = z, P = p, Significant = p < alpha };
    }

    /// <summary>
    /// Φ(z), the standard normal distribution function, as ½·erfc(−z/√2), with erfc from the Chebyshev fit of Numerical
    /// Recipes in C (2nd ed., §6.2, <c>erfcc</c>): relative error below 1.2·10⁻⁷ for every z, so small tail
    /// probabilities keep their digits (Φ(−5.46) ≈ 2.378·10⁻⁸).
    /// </summary>
    public static double NormalCdf(double z) => 0.5 * Erfc(-z / Math.Sqrt(2));

    /// <summary>The complementary error function erfc(x) = 1 − erf(x) (Numerical Recipes' <c>erfcc</c>).</summary>
    public static double Erfc(double x)
    {
        var t = 1 / (1 + (0.5 * Math.Abs(x)));
        ReadOnlySpan<double> c = [-1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587, -0.82215223, 0.17087277];
        var poly = 0.0;
        for (var i = c.Length - 1; i >= 0; i--)
        {
            poly = c[i] + (t * poly);
        }

        var ans = t * Math.Exp(-(x * x) + poly);
        return x >= 0 ? ans : 2 - ans;
    }

    private static void Check(int successes, int trials, string name)
    {
        if (trials < 0 || successes < 0 || successes > trials)
        {
            throw new ArgumentOutOfRangeException(name, successes, "Successes must lie between 0 and the number of trials.");
        }
    }
}
