namespace Bozhou.Hotline.Core.Insight;

/// <summary>
/// The outcome of <see cref="RateRiseTest.Test"/>: the counts, both rates and the one-sided exact p-value. <see cref="P"/>
/// is null when the test was not made (fewer than the minimum recent count, or no appeals in a window).
/// </summary>
/// <param name="Recent">Appeals carrying the key in the recent window (x).</param>
/// <param name="RecentAppeals">All appeals of the scope in the recent window (n₁, the exposure).</param>
/// <param name="Previous">Appeals carrying the key in the previous window (y).</param>
/// <param name="PreviousAppeals">All appeals of the scope in the previous window (n₂).</param>
/// <param name="P">P(X ≥ x) for X ~ Binomial(x + y, n₁/(n₁ + n₂)): how likely a recent share this high or higher is if the key's rate had not changed (0–1).</param>
/// <param name="Rising">Whether the test was made, the recent rate is above the previous one and <see cref="P"/> is below the level asked for.</param>
public sealed record RateRiseResult(int Recent, int RecentAppeals, int Previous, int PreviousAppeals, double? P, bool Rising)
{
    /// <summary>The key's share of the recent window's appeals (0–1), or null with none.</summary>
    public double? RecentRate => RecentAppeals == 0 ? null : (double)Recent / RecentAppeals;

    /// <summary>The key's share of the previous window's appeals (0–1), or null with none.</summary>
    public double? PreviousRate => PreviousAppeals == 0 ? null : (double)Previous / PreviousAppeals;
}

/// <summary>
/// Whether a term's count rose: the conditional (exact) test for comparing two Poisson rates, of Przyborowski and Wilenski
/// (1940, "Homogeneity of results in testing samples from Poisson series", <i>Biometrika</i> 31, 313–323), as described
/// by Krishnamoorthy and Thomson (2004, "A more powerful test for comparing two Poisson means", <i>Journal of Statistical
/// Planning and Inference</i> 119, 23–35, their "C-test") and the NIST/SEMATECH e-Handbook of Statistical Methods:
/// <code>
/// x ~ Poisson(λ₁ n₁), y ~ Poisson(λ₂ n₂)         (x, y: appeals with the key; n₁, n₂: all appeals of the scope)
/// given x + y, under H₀ λ₁ = λ₂:  x ~ Binomial(x + y, p₀),  p₀ = n₁ / (n₁ + n₂)
/// p = P(X ≥ x) = Σ_{k=x}^{x+y} C(x+y, k) p₀^k (1 − p₀)^(x+y−k)      (one-sided: H₁ is λ₁ &gt; λ₂)
/// </code>
/// A key rises when x is at least the minimum (so that three calls never make a trend, however small p is), the recent
/// rate x/n₁ is above the previous y/n₂, and p &lt; alpha. The tail is summed exactly in log space (each term from the one
/// before by the ratio (N − k)/(k + 1) · p₀/(1 − p₀), then log-sum-exp), so no term underflows for large counts.
/// Pure arithmetic: no clock, no database.
/// </summary>
public static class RateRiseTest
{
    /// <summary>
    /// Tests whether <paramref name="recent"/> of <paramref name="recentAppeals"/> is a significantly higher rate than
    /// <paramref name="previous"/> of <paramref name="previousAppeals"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, a key count exceeds its window's appeals, or alpha is not in (0, 1).</exception>
    public static RateRiseResult Test(int recent, int recentAppeals, int previous, int previousAppeals, int minimumRecent, double alpha)
    {
        Check(recent, recentAppeals, nameof(recent));
        Check(previous, previousAppeals, nameof(previous));
        if (alpha is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "The significance level must lie strictly between 0 and 1.");
        }

        var untested = new RateRiseResult(recent, recentAppeals, previous, previousAppeals, null, false);
        if (recent < Math.Max(1, minimumRecent) || recentAppeals == 0 || previousAppeals == 0)
        {
            return untested;
        }

        var p0 = (double)recentAppeals / (recentAppeals + (double)previousAppeals);
        var p = UpperTail(recent, recent + previous, p0);
        var higher = (double)recent / recentAppeals > (double)previous / previousAppeals;
        return untested with { P = p, Rising = higher && p < alpha };
    }

    /// <summary>P(X ≥ <paramref name="x"/>) for X ~ Binomial(<paramref name="n"/>, <paramref name="p"/>), exact, 0 ≤ x ≤ n, 0 &lt; p &lt; 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">x is outside 0…n or p outside (0, 1).</exception>
    public static double UpperTail(int x, int n, double p)
    {
        if (x < 0 || x > n)
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "x must lie between 0 and n.");
        }

        if (p is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "p must lie strictly between 0 and 1.");
        }

        if (x == 0)
        {
            return 1;
        }

        // ln P(X = x) = ln C(n, x) + x ln p + (n − x) ln(1 − p), with ln C(n, x) = Σ_{i=1}^{x} ln((n − x + i) / i).
        var logC = 0.0;
        for (var i = 1; i <= x; i++)
        {
            logC += Math.Log((double)(n - x + i) / i);
        }

        var logOdds = Math.Log(p) - Math.Log(1 - p);
        var logTerm = logC + (x * Math.Log(p)) + ((n - x) * Math.Log(1 - p));
        var logs = new double[n - x + 1];
        logs[0] = logTerm;
        for (var k = x; k < n; k++)
        {
            logTerm += Math.Log((double)(n - k) / (k + 1)) + logOdds;
            logs[k - x + 1] = logTerm;
        }

        var max = logs.Max();
        var sum = logs.Sum(l => Math.Exp(l - max));
        return Math.Min(1, Math.Exp(max + Math.Log(sum)));
    }

    private static void Check(int count, int appeals, string name)
    {
        if (appeals < 0 || count < 0 || count > appeals)
        {
            throw new ArgumentOutOfRangeException(name, count, "A key's count must lie between 0 and the window's appeals.");
        }
    }
}
