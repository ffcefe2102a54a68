namespace Bozhou.Hotline.UnitTests.DirectoryRules;

public class PostChangeTests
{
    private static readonly DateOnly Today = new(2026, 3, 2);

    private static readonly DateTimeOffset Now = new(2026, 3, 2, 1, 30, 0, TimeSpan.Zero);

    private static Cadre Current() => new()
    {
        Id = 7, Name = "李明", NamePinyin = "Li Ming", Position = "副市长", PositionEn = "Deputy Mayor", Duties = "分管交通",
        Mobile = "+8613805581001", DepartmentId = 1, ProtocolOrder = 2, PostStart = new DateOnly(2024, 1, 1),
    };

    private static Cadre Apply(Cadre current, int departmentId, string position, string positionEn) =>
        PostChange.Plan(current, departmentId, position, positionEn, subordinatesFollow: false, Today, Now, [], [], []).Next;

    [Fact]
    public void Change_of_post_ends_the_old_post_the_day_before_the_new_one_starts()
    {
        var old = Current();

        var next = Apply(old, 5, "市长", "Mayor");

        Assert.Equal(new DateOnly(2026, 3, 1), old.PostEnd);
        Assert.Equal("副市长", old.Position);
        Assert.Equal(Today, next.PostStart);
        Assert.Null(next.PostEnd);
        Assert.Equal((5, "市长", "李明", "+8613805581001"), (next.DepartmentId, next.Position, next.Name, next.Mobile));
        Assert.True(old.HoldsPostOn(Today.AddDays(-1)));
        Assert.False(old.HoldsPostOn(Today));
    }

    [Fact]
    public void A_new_post_in_another_unit_starts_with_no_duties_and_no_topic_tags_but_keeps_the_superior()
    {
        var old = Current();
        old.SuperiorId = 3;
        old.DutiesEn = "Transport";
        old.Topics = [new CadreTopic { CadreId = 7, TopicId = 1 }];

        var change = PostChange.Plan(old, 5, "副秘书长", "Deputy Secretary-General", subordinatesFollow: false, Today, Now, [], [], []);

        Assert.False(change.CarriedDuties);
        Assert.Equal(("", "", 3), (change.Next.Duties, change.Next.DutiesEn, change.Next.SuperiorId));
        Assert.Empty(change.Next.Topics);
        Assert.Equal(("分管交通", 1), (old.Duties, old.Topics.Single().TopicId));
    }

    [Fact]
    public void Subordinates_are_proposed_to_follow_only_to_a_post_in_the_same_unit()
    {
        var current = Current();

        Assert.True(PostChange.SubordinatesFollowByDefault(current, 1));
        Assert.True(PostChange.SubordinatesFollowByDefault(current, null));
        Assert.False(PostChange.SubordinatesFollowByDefault(current, 5));
        Assert.True(PostChange.DutiesCarryOver(current, 1));
        Assert.False(PostChange.DutiesCarryOver(current, 5));
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
        Assert.Throws<InvalidOperationException>(() => Apply(fresh, 1, "市长", "Mayor"));
        Assert.Throws<InvalidOperationException>(() => Apply(ended, 1, "市长", "Mayor"));
    }

    [Fact]
    public void A_new_post_in_the_same_unit_keeps_the_superior_the_duties_and_the_topic_tags_and_the_old_record_keeps_its_own()
    {
        var old = Current();
        old.SuperiorId = 3;
        old.DutiesEn = "Transport";
        old.Topics = [new CadreTopic { CadreId = 7, TopicId = 1 }, new CadreTopic { CadreId = 7, TopicId = 4 }];

        var next = Apply(old, 1, "常务副市长", "Executive Deputy Mayor");

        Assert.Equal(("分管交通", "Transport"), (next.Duties, next.DutiesEn));

        Assert.Equal(3, next.SuperiorId);
        Assert.Equal([1, 4], next.Topics.Select(t => t.TopicId).Order());
        Assert.Equal(2, old.Topics.Count);
        Assert.DoesNotContain(next.Topics, t => old.Topics.Contains(t));
    }

    [Fact]
    public void Change_of_post_lets_the_persons_account_keep_the_old_post_for_its_open_appeals()
    {
        var old = Current();
        var own = new HotlineUser { Id = "li", CadreId = 7 };
        var alreadyKept = new HotlineUser { Id = "li-2", CadreId = 7 };

        var change = PostChange.Plan(old, 5, "市长", "Mayor", false, Today, Now, [own, alreadyKept],
            [new CadreDelegation { StaffUserId = "li-2", CadreId = 7 }], []);

        var kept = Assert.Single(change.KeptPosts);
        Assert.Equal(("li", 7, Now), (kept.StaffUserId, kept.CadreId, kept.GrantedAt));
        Assert.Equal(7, own.CadreId);
    }

    [Fact]
    public void Post_change_moves_the_accounts_and_the_staff_to_the_new_post_once_it_is_saved()
    {
        var old = Current();
        var own = new HotlineUser { Id = "li", CadreId = 7 };
        var change = PostChange.Plan(old, 5, "市长", "Mayor", false, Today, Now, [own],
            [new CadreDelegation { StaffUserId = "staff", CadreId = 7 }, new CadreDelegation { StaffUserId = "other", CadreId = 8 }], []);
        change.Next.Id = 42;

        var added = change.Complete();

        Assert.Equal(42, own.CadreId);
        var copied = Assert.Single(added);
        Assert.Equal(("staff", 42, Now), (copied.StaffUserId, copied.CadreId, copied.GrantedAt));
    }

    [Fact]
    public void Completing_a_change_of_post_before_the_new_post_is_saved_is_refused()
    {
        var change = PostChange.Plan(Current(), 5, "市长", "Mayor", false, Today, Now, [], [], []);

        Assert.Throws<InvalidOperationException>(() => change.Complete());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Subordinates_follow_to_the_new_post_only_when_asked_and_only_while_they_hold_theirs(bool follow)
    {
        var serving = new Cadre { Id = 20, SuperiorId = 7, PostStart = new DateOnly(2025, 1, 1) };
        var gone = new Cadre { Id = 21, SuperiorId = 7, PostStart = new DateOnly(2025, 1, 1), PostEnd = new DateOnly(2026, 2, 1) };
        var change = PostChange.Plan(Current(), 5, "市长", "Mayor", follow, Today, Now, [], [], [serving, gone]);
        change.Next.Id = 42;

        change.Complete();

        Assert.Equal(follow ? [serving] : [], change.Followers);
        Assert.Equal((follow ? 42 : 7, 7), (serving.SuperiorId, gone.SuperiorId));
    }

    [Fact]
    public void Ending_a_post_ends_it_yesterday_or_on_its_first_day_and_only_once()
    {
        var held = Current();
        var starting = Current();
        starting.PostStart = Today.AddDays(3);

        Assert.True(PostChange.End(held, Today));
        Assert.True(PostChange.End(starting, Today));
        Assert.False(PostChange.End(held, Today.AddDays(5)));

        Assert.Equal((Today.AddDays(-1), Today.AddDays(3)), (held.PostEnd!.Value, starting.PostEnd!.Value));
    }
}
