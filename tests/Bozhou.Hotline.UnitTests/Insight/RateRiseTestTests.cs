using Bozhou.Hotline.Core.Insight;

namespace Bozhou.Hotline.UnitTests.Insight;

/// <summary>The exact conditional test of two Poisson rates, against tails worked by hand (and checked in Python with math.comb).</summary>
public class RateRiseTestTests
{
    [Fact]
    public void Twelve_of_100_against_eight_of_400_is_a_significant_rise()
    {
        // p₀ = 100 / (100 + 400) = 0.2; N = 12 + 8 = 20.
        // P(X ≥ 12) = Σ_{k=12}^{20} C(20, k) 0.2^k 0.8^(20−k)
        //           = C(20,12)·0.2¹²·0.8⁸ + … = 125970 × 4.096e−9 × 0.16777 + … = 8.656e−5 + 1.353e−5 + 1.691e−6 + … = 1.0173e−4 < 0.01.
        var test = RateRiseTest.Test(12, 100, 8, 400, minimumRecent: 5, alpha: 0.01);

        Assert.True(test.Rising);
        Assert.Equal(1.0172876515704845e-4, test.P!.Value, 12);
        Assert.Equal(0.12, test.RecentRate);
        Assert.Equal(0.02, test.PreviousRate);
    }

    [Fact]
    public void Six_of_100_against_twelve_of_400_is_higher_but_not_significant()
    {
        // p₀ = 0.2, N = 18: P(X ≥ 6) = 1 − Σ_{k=0}^{5} C(18, k) 0.2^k 0.8^(18−k) = 1 − 0.86708 = 0.13292 ≥ 0.01,
        // though the recent rate (6%) is twice the previous (3%).
        var test = RateRiseTest.Test(6, 100, 12, 400, minimumRecent: 5, alpha: 0.01);

        Assert.False(test.Rising);
        Assert.Equal(0.13291633424282434, test.P!.Value, 12);
    }

    [Fact]
    public void Four_appeals_are_below_the_minimum_however_small_their_p()
    {
        // P(X ≥ 4) for N = 4, p₀ = 0.2 is 0.2⁴ = 0.0016 < 0.01, but four recent appeals are fewer than five: no trend, no test.
        var test = RateRiseTest.Test(4, 100, 0, 400, minimumRecent: 5, alpha: 0.01);

        Assert.False(test.Rising);
        Assert.Null(test.P);
        Assert.Equal(0.0016, RateRiseTest.UpperTail(4, 4, 0.2), 15);
    }

    [Fact]
    public void Five_appeals_with_none_before_rise_at_p_0_00032()
    {
        // N = 5, p₀ = 0.2: P(X ≥ 5) = 0.2⁵ = 0.00032.
        var test = RateRiseTest.Test(5, 100, 0, 400, minimumRecent: 5, alpha: 0.01);

        Assert.True(test.Rising);
        Assert.Equal(0.00032, test.P!.Value, 15);
    }

    [Fact]
    public void A_recent_rate_no_higher_than_before_never_rises()
    {
        // 10 of 100 against 40 of 400: the same rate, P(X ≥ 10 | N = 50, p₀ = 0.2) ≈ 0.56.
        var same = RateRiseTest.Test(10, 100, 40, 400, minimumRecent: 5, alpha: 0.01);

        Assert.False(same.Rising);
        Assert.True(same.P > 0.5);
    }

    [Fact]
    public void The_tail_of_large_counts_keeps_its_digits()
    {
        // Far in the tail: 600 of 10,000 against 400 of 40,000 (p₀ = 0.2, N = 1000). Summed with 50-digit decimals in
        // Python: 4.25500709843900e−168, far below what 0.2⁶⁰⁰ (≈ 10⁻⁴¹⁹, an underflow) would give term by term.
        var p = RateRiseTest.UpperTail(600, 1000, 0.2);

        Assert.InRange(p, 4.2549e-168, 4.2551e-168);
        Assert.Equal(1.0, RateRiseTest.UpperTail(0, 1000, 0.2));
    }

    [Fact]
    public void Counts_beyond_their_window_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RateRiseTest.Test(11, 10, 0, 400, 5, 0.01));
        Assert.Throws<ArgumentOutOfRangeException>(() => RateRiseTest.Test(1, 10, 0, 400, 5, 1.5));
    }
}
