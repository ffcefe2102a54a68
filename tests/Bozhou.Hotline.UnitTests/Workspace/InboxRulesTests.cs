namespace Bozhou.Hotline.UnitTests.Workspace;

public class InboxRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_next_due_time_is_the_nearest_clock_still_running()
    {
        var facts = Facts(AppealStatus.Logged, callbackDue: Now.AddHours(30), firstContactDue: Now.AddDays(3), replyDue: Now.AddDays(10));

        Assert.Equal(Now.AddHours(30), InboxRules.NextDue(facts));
    }

    [Fact]
    public void First_contact_stops_counting_once_made_and_the_reply_once_given()
    {
        var contacted = Facts(AppealStatus.Contacted, firstContactDue: Now.AddDays(1), firstContactAt: Now, replyDue: Now.AddDays(10));
        var replied = Facts(AppealStatus.Replied, firstContactDue: Now.AddDays(1), firstContactAt: Now, replyDue: Now.AddDays(2), repliedAt: Now);

        Assert.Equal(Now.AddDays(10), InboxRules.NextDue(contacted));
        Assert.Null(InboxRules.NextDue(replied));
    }

    [Fact]
    public void A_reopened_appeal_owes_its_reply_again()
    {
        var reopened = Facts(AppealStatus.Reopened, firstContactAt: Now.AddDays(-9), replyDue: Now.AddDays(9), repliedAt: Now.AddDays(-5));

        Assert.Equal(Now.AddDays(9), InboxRules.NextDue(reopened));
        Assert.Equal(InboxBadge.Reopened, InboxRules.Badges(reopened, Now));
    }

    [Fact]
    public void Badges_flag_a_missed_call_a_pending_transfer_and_a_passed_deadline()
    {
        var missed = Facts(AppealStatus.Logged, callbackDue: Now.AddHours(5));
        var transferredLate = Facts(AppealStatus.Transferred, transferAcceptDue: Now.AddMinutes(-1));

        Assert.Equal(InboxBadge.MissedCall, InboxRules.Badges(missed, Now));
        Assert.Equal(InboxBadge.MissedCall | InboxBadge.Overdue, InboxRules.Badges(missed, Now.AddHours(5)));
        Assert.Equal(InboxBadge.TransferIn | InboxBadge.Overdue, InboxRules.Badges(transferredLate, Now));
    }

    [Fact]
    public void A_closed_appeal_has_no_deadline_and_no_badge()
    {
        var closed = Facts(AppealStatus.Closed, callbackDue: Now.AddDays(-1), firstContactDue: Now.AddDays(-1));

        Assert.Null(InboxRules.NextDue(closed));
        Assert.Equal(InboxBadge.None, InboxRules.Badges(closed, Now));
    }

    [Fact]
    public void The_inbox_puts_the_nearest_deadline_first_and_appeals_with_none_last()
    {
        var rows = new[]
        {
            ("replied", Facts(AppealStatus.Replied, firstContactAt: Now, repliedAt: Now), Now.AddDays(-9)),
            ("reply in 10 days", Facts(AppealStatus.Contacted, firstContactAt: Now, replyDue: Now.AddDays(10)), Now.AddDays(-2)),
            ("callback tomorrow", Facts(AppealStatus.Logged, callbackDue: Now.AddDays(1), firstContactDue: Now.AddDays(3), replyDue: Now.AddDays(10)), Now),
            ("overdue", Facts(AppealStatus.Contacted, firstContactAt: Now, replyDue: Now.AddDays(-1)), Now.AddDays(-15)),
        };

        var ordered = InboxRules.InDueOrder(rows, r => r.Item2, r => r.Item3).Select(r => r.Item1);

        Assert.Equal(["overdue", "callback tomorrow", "reply in 10 days", "replied"], ordered);
    }

    [Fact]
    public void A_call_is_owed_for_a_missed_call_or_until_the_caller_is_first_contacted_and_never_on_a_closed_appeal()
    {
        Assert.True(Facts(AppealStatus.Logged, firstContactDue: Now.AddDays(3)).CallOwed);
        Assert.True(Facts(AppealStatus.Contacted, callbackDue: Now.AddHours(5), firstContactAt: Now.AddDays(-1)).CallOwed);
        Assert.False(Facts(AppealStatus.Contacted, firstContactAt: Now.AddDays(-1)).CallOwed);
        Assert.False(Facts(AppealStatus.Closed, callbackDue: Now.AddHours(5)).CallOwed);
    }

    private static AppealDueFacts Facts(
        AppealStatus status, DateTimeOffset? callbackDue = null, DateTimeOffset? transferAcceptDue = null, DateTimeOffset? firstContactDue = null,
        DateTimeOffset? firstContactAt = null, DateTimeOffset? replyDue = null, DateTimeOffset? repliedAt = null) =>
        new(status, callbackDue, transferAcceptDue, firstContactDue ?? Now.AddDays(3), firstContactAt, replyDue ?? Now.AddDays(10), repliedAt);
}
