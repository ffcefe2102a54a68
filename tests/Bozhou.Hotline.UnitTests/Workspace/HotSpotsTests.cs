namespace Bozhou.Hotline.UnitTests.Workspace;

public class HotSpotsTests
{
    [Fact]
    public void Topics_are_ranked_by_appeals_now_then_by_the_steepest_rise()
    {
        var current = new Dictionary<int, int> { [1] = 4, [2] = 9, [3] = 4 };
        var previous = new Dictionary<int, int> { [1] = 1, [2] = 12, [3] = 4 };

        var spots = HotSpots.Compare(current, previous);

        Assert.Equal([2, 1, 3], spots.Select(s => s.TopicId));
        Assert.Equal(-3, spots[0].Change);
        Assert.Equal(3, spots[1].Change);
        Assert.Equal(3.0, spots[1].ChangeRatio);
        Assert.Equal(0, spots[2].Change);
    }

    [Fact]
    public void A_topic_that_went_quiet_is_listed_with_its_fall_and_a_new_one_has_no_ratio()
    {
        var spots = HotSpots.Compare(new Dictionary<int, int> { [5] = 2 }, new Dictionary<int, int> { [6] = 3 });

        Assert.Equal(new HotSpot(5, 2, 0), spots[0]);
        Assert.Null(spots[0].ChangeRatio);
        Assert.Equal(new HotSpot(6, 0, 3), spots[1]);
        Assert.Equal(-1.0, spots[1].ChangeRatio);
    }

    [Fact]
    public void The_windows_are_the_last_30_days_and_the_30_before()
    {
        var now = new DateTimeOffset(2026, 3, 31, 0, 0, 0, TimeSpan.Zero);

        var (previousFrom, currentFrom) = HotSpots.Windows(now);

        Assert.Equal(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), currentFrom);
        Assert.Equal(new DateTimeOffset(2026, 1, 30, 0, 0, 0, TimeSpan.Zero), previousFrom);
    }
}
