namespace Bozhou.Hotline.UnitTests.Supervision;

public class RateEstimateTests
{
    [Fact]
    public void Seven_of_ten_is_70_percent_with_a_Wilson_interval_of_39_7_to_89_2_percent()
    {
        var estimate = new RateEstimate(7, 10);

        Assert.Equal(0.7, estimate.Rate!.Value, 10);
        Assert.Equal(0.397, estimate.Interval!.Value.Lower, 3);
        Assert.Equal(0.892, estimate.Interval!.Value.Upper, 3);
    }

    [Fact]
    public void Nine_cases_are_too_few_to_publish_a_rate()
    {
        var estimate = new RateEstimate(9, 9);

        Assert.True(estimate.IsTooFew);
        Assert.Null(estimate.Rate);
        Assert.Null(estimate.Interval);
    }

    [Fact]
    public void All_or_nothing_rates_keep_their_interval_inside_zero_and_one()
    {
        var all = RateEstimate.Wilson(20, 20);
        var none = RateEstimate.Wilson(0, 20);

        Assert.Equal(1.0, all.Upper, 10);
        Assert.Equal(0.839, all.Lower, 3);
        Assert.Equal(0.0, none.Lower, 10);
        Assert.Equal(0.161, none.Upper, 3);
    }

    [Fact]
    public void More_cases_at_the_same_rate_narrow_the_interval()
    {
        var small = RateEstimate.Wilson(7, 10);
        var large = RateEstimate.Wilson(70, 100);

        Assert.True(large.Lower > small.Lower);
        Assert.True(large.Upper < small.Upper);
    }
}
