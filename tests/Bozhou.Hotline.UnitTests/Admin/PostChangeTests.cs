using Bozhou.Hotline.Core.Directory;

namespace Bozhou.Hotline.UnitTests.Admin;

public class PostChangeTests
{
    private static readonly DateOnly Today = new(2026, 3, 2);

    private static Cadre Current() => new()
    {
        Id = 7, Name = "李明", NamePinyin = "Li Ming", Position = "副市长", PositionEn = "Deputy Mayor", Duties = "分管交通",
        Mobile = "+8613805581001", DepartmentId = 1, ProtocolOrder = 2, PostStart = new DateOnly(2024, 1, 1),
    };

    [Fact]
    public void A_change_of_post_ends_the_old_record_yesterday_and_starts_a_new_one_today()
    {
        var old = Current();

        var next = PostChange.Apply(old, 5, "市长", "Mayor", Today);

        Assert.Equal(new DateOnly(2026, 3, 1), old.PostEnd);
        Assert.Equal("副市长", old.Position);
        Assert.Equal(Today, next.PostStart);
        Assert.Null(next.PostEnd);
        Assert.Equal((5, "市长", "李明", "+8613805581001"), (next.DepartmentId, next.Position, next.Name, next.Mobile));
        Assert.True(old.HoldsPostOn(Today.AddDays(-1)));
        Assert.False(old.HoldsPostOn(Today));
    }

    [Fact]
    public void A_post_that_started_today_or_has_ended_cannot_change()
    {
        var fresh = Current();
        fresh.PostStart = Today;
        var ended = Current();
        ended.PostEnd = Today.AddDays(-10);

        Assert.False(PostChange.CanChange(fresh, Today));
        Assert.False(PostChange.CanChange(ended, Today));
        Assert.Throws<InvalidOperationException>(() => PostChange.Apply(fresh, 1, "市长", "Mayor", Today));
        Assert.Throws<InvalidOperationException>(() => PostChange.Apply(ended, 1, "市长", "Mayor", Today));
    }

    [Fact]
    public void The_new_post_keeps_the_superior_and_the_topic_tags_and_the_old_record_keeps_its_own()
    {
        var old = Current();
        old.SuperiorId = 3;
        old.Topics = [new CadreTopic { CadreId = 7, TopicId = 1 }, new CadreTopic { CadreId = 7, TopicId = 4 }];

        var next = PostChange.Apply(old, 5, "市长", "Mayor", Today);

        Assert.Equal(3, next.SuperiorId);
        Assert.Equal([1, 4], next.Topics.Select(t => t.TopicId).Order());
        Assert.Equal(2, old.Topics.Count);
        Assert.DoesNotContain(next.Topics, t => old.Topics.Contains(t));
    }
}
