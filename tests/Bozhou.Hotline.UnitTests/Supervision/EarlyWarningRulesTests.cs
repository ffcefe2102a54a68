namespace Bozhou.Hotline.UnitTests.Supervision;

public class EarlyWarningRulesTests
{
    [Fact]
    public void Thirty_of_sixty_against_two_hundred_of_240_is_a_significant_drop()
    {
        // p̂₁ = 30/60 = 0.5; p̂₂ = 200/240 = 0.8333; pooled p̂ = 230/300 = 0.76667.
        // SE = √(0.76667 × 0.23333 × (1/60 + 1/240)) = √(0.178889 × 0.0208333) = √0.00372685 = 0.061048.
        // z = (0.5 − 0.83333) / 0.061048 = −5.4602; p = Φ(−5.4602) ≈ 2.378 × 10⁻⁸ < 0.01.
        var test = EarlyWarningRules.RateDrop((30, 60), (200, 240));

        Assert.True(test.Significant);
        Assert.Equal(-5.4602, test.Z!.Value, 4);
        Assert.Equal(2.378e-8, test.P!.Value, 11);
    }

    [Fact]
    public void Forty_of_sixty_against_two_hundred_of_240_is_significant_at_p_0_0019()
    {
        // p̂₁ = 2/3, p̂₂ = 5/6, pooled 240/300 = 0.8: SE = √(0.16 × 1/48) = 1/√300 = 0.057735;
        // z = (−1/6) × √300 = −2.88675; p = Φ(−2.88675) = 0.0019462 < 0.01.
        var test = EarlyWarningRules.RateDrop((40, 60), (200, 240));

        Assert.True(test.Significant);
        Assert.Equal(-2.88675, test.Z!.Value, 5);
        Assert.Equal(0.0019462, test.P!.Value, 6);
    }

    [Fact]
    public void Eighteen_of_25_against_80_of_100_is_not_significant()
    {
        // p̂₁ = 0.72, p̂₂ = 0.8, pooled 98/125 = 0.784: SE = √(0.784 × 0.216 × (1/25 + 1/100)) = √0.0084672 = 0.092017;
        // z = −0.08 / 0.092017 = −0.8694; p = Φ(−0.8694) = 0.1923 ≥ 0.01.
        var test = EarlyWarningRules.RateDrop((18, 25), (80, 100));

        Assert.False(test.Significant);
        Assert.Equal(-0.8694, test.Z!.Value, 4);
        Assert.Equal(0.1923, test.P!.Value, 4);
    }

    [Fact]
    public void A_window_of_19_calls_is_not_tested_however_low_its_rate()
    {
        var test = EarlyWarningRules.RateDrop((0, 19), (200, 240));

        Assert.False(test.Significant);
        Assert.Null(test.Z);
        Assert.Null(test.P);
        Assert.Equal(0.0, test.RecentRate);
    }

    [Fact]
    public void A_baseline_of_19_callbacks_is_not_tested_either()
    {
        var test = EarlyWarningRules.RateDrop((0, 60), (19, 19));

        Assert.False(test.Significant);
        Assert.Null(test.P);
    }

    [Fact]
    public void A_rise_is_never_a_warning()
    {
        var test = EarlyWarningRules.RateDrop((200, 240), (30, 60));

        Assert.False(test.Significant);
        Assert.True(test.Z > 5);
        Assert.True(test.P > 0.99);
    }

    [Fact]
    public void Every_call_answered_in_both_windows_has_no_spread_and_no_test()
    {
        var test = EarlyWarningRules.RateDrop((30, 30), (100, 100));

        Assert.False(test.Significant);
        Assert.Null(test.Z);
    }

    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(-1.959964, 0.025)]
    [InlineData(-2.326348, 0.01)]
    [InlineData(1.644854, 0.95)]
    [InlineData(-3.090232, 0.001)]
    public void The_normal_distribution_function_matches_the_table(double z, double expected)
    {
        Assert.Equal(expected, TwoProportionTest.NormalCdf(z), 6);
    }

    [Fact]
    public void Successes_beyond_the_trials_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TwoProportionTest.Lower(21, 20, 10, 20, 20, 0.01));
    }

    [Fact]
    public void The_windows_are_the_last_14_closed_days_and_the_56_before_them()
    {
        var (recentFrom, recentTo, baselineFrom, baselineTo) = EarlyWarningRules.Windows(new DateOnly(2026, 3, 31));

        Assert.Equal(new DateOnly(2026, 3, 18), recentFrom);
        Assert.Equal(new DateOnly(2026, 3, 31), recentTo);
        Assert.Equal(new DateOnly(2026, 1, 21), baselineFrom);
        Assert.Equal(new DateOnly(2026, 3, 17), baselineTo);
    }

    [Fact]
    public void The_last_closed_day_is_yesterday_in_China()
    {
        // 2026-04-01 17:00 UTC is 2026-04-02 01:00 in China.
        Assert.Equal(new DateOnly(2026, 4, 1), EarlyWarningRules.LastClosedDay(new DateTimeOffset(2026, 4, 1, 17, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Three_unsatisfied_ratings_in_a_row_raise_at_the_third()
    {
        Assert.Equal([3], EarlyWarningRules.RunEnds([5, 1, 2, 1]));
    }

    [Fact]
    public void Two_unsatisfied_then_a_satisfied_one_then_one_more_raise_nothing()
    {
        Assert.Empty(EarlyWarningRules.RunEnds([1, 2, 4, 1]));
    }

    [Fact]
    public void A_neutral_three_also_breaks_a_run()
    {
        Assert.Empty(EarlyWarningRules.RunEnds([2, 2, 3, 2, 2]));
    }

    [Fact]
    public void A_run_going_on_raises_once_and_a_new_run_raises_again()
    {
        Assert.Equal([2, 8], EarlyWarningRules.RunEnds([1, 1, 1, 1, 1, 5, 2, 2, 2]));
    }
}
