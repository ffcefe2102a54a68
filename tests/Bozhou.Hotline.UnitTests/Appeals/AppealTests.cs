namespace Bozhou.Hotline.UnitTests.Appeals;

public class AppealTests
{
    private static readonly AppealClock Clock = new(new WorkingDayCalendar(HolidaySchedule.Official2026), new ClockSettings());

    private static readonly ProtectedCaller Caller = new("name-cipher", "phone-cipher", new string('a', 64), "138****1234");

    private static DateTimeOffset China(int month, int day, int hour, int minute = 0) =>
        ChinaTime.At(new DateOnly(2026, month, day), new TimeOnly(hour, minute));

    private static Appeal Log(DateTimeOffset now, CallOutcome outcome = CallOutcome.NotAnswered, TopicKind kind = TopicKind.Matter) =>
        Appeal.Log(
            new NewAppeal(7, 3, kind, now.AddMinutes(-15), outcome, CallerType.Individual, "ignored", "路灯不亮", false, true, AppealActors.Caller),
            Caller, "7KQ2MXD4P9", Clock, now);

    [Fact]
    public void Logging_sets_the_clocks_by_working_days_across_the_Spring_Festival()
    {
        var appeal = Log(China(2, 13, 10));

        Assert.Equal(AppealStatus.Logged, appeal.Status);
        Assert.Equal(ChinaTime.StartOf(new DateOnly(2026, 2, 15)), appeal.CallbackDueAt);    // make-up Saturday the 14th
        Assert.Equal(ChinaTime.StartOf(new DateOnly(2026, 2, 26)), appeal.FirstContactDueAt); // 14, 24, 25
        Assert.Equal(ChinaTime.StartOf(new DateOnly(2026, 3, 6)), appeal.ReplyDueAt);         // ten working days
        Assert.Null(appeal.EnterpriseName);
        Assert.Single(appeal.CallAttempts);
        Assert.Equal(AppealEventKind.Logged, Assert.Single(appeal.Events).Kind);
    }

    [Fact]
    public void An_answered_call_owes_no_callback_and_a_consultation_gets_the_short_reply_clock()
    {
        var appeal = Log(China(3, 2, 10), CallOutcome.Answered, TopicKind.Consultation);

        Assert.Null(appeal.CallbackDueAt);
        Assert.Equal(ChinaTime.StartOf(new DateOnly(2026, 3, 6)), appeal.ReplyDueAt);
    }

    [Fact]
    public void Calling_again_unanswered_owes_a_callback_from_the_first_missed_call_not_the_latest()
    {
        var appeal = Log(China(3, 2, 10), CallOutcome.Answered);
        Assert.Null(appeal.CallbackDueAt);

        appeal.RecordCitizenCall(China(3, 4, 9), CallOutcome.NotAnswered, Clock, China(3, 4, 9, 5), AppealActors.Caller);
        var first = appeal.CallbackDueAt;
        appeal.RecordCitizenCall(China(3, 6, 17), CallOutcome.BusyOrOff, Clock, China(3, 6, 17, 5), AppealActors.Caller);

        Assert.Equal(ChinaTime.StartOf(new DateOnly(2026, 3, 6)), first);
        // The repeat on Friday would be due Monday; the callback owed since Wednesday stays due Thursday 24:00.
        Assert.Equal(first, appeal.CallbackDueAt);
        Assert.Equal(3, appeal.CallAttempts.Count);
        Assert.Equal(2, appeal.Events.Count(e => e.Kind == AppealEventKind.CallAttempt));

        // Once called back, the next missed call starts a clock of its own.
        appeal.RecordCallback(false, null, "张伟", null, China(3, 9, 9));
        appeal.RecordCitizenCall(China(3, 9, 10), CallOutcome.NotAnswered, Clock, China(3, 9, 10), AppealActors.Caller);
        Assert.Equal(ChinaTime.StartOf(new DateOnly(2026, 3, 11)), appeal.CallbackDueAt);
    }

    [Fact]
    public void An_unsatisfied_rating_reopens_once_and_flags_and_a_second_one_closes()
    {
        var appeal = Log(China(3, 2, 10));
        appeal.Reply(ReplyKind.Resolved, "已修复", null, "工作人员", "u1", Clock, China(3, 3, 10));

        appeal.Rate(false, 2, "没修好", Clock, China(3, 4, 10), AppealActors.Caller);

        Assert.Equal(AppealStatus.Reopened, appeal.Status);
        Assert.True(appeal.FlaggedForSupervision);
        Assert.Equal(1, appeal.ReopenCount);
        Assert.Equal(Clock.ReplyDue(China(3, 4, 10), TopicKind.Matter), appeal.ReplyDueAt);
        Assert.Contains(appeal.Events, e => e.Kind == AppealEventKind.Reopened);

        appeal.Reply(ReplyKind.Explained, "线路需整体改造，已列入计划", null, "工作人员", "u1", Clock, China(3, 9, 10));
        appeal.Rate(false, 1, null, Clock, China(3, 10, 10), AppealActors.Caller);

        Assert.Equal(AppealStatus.Closed, appeal.Status);
        Assert.Equal(1, appeal.ReopenCount);
        Assert.Single(appeal.Events, e => e.Kind == AppealEventKind.Reopened);
        Assert.Equal("Rated", appeal.Events.Last().Outcome);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    public void A_rating_of_3_or_more_closes_without_flagging(int score)
    {
        var appeal = Log(China(3, 2, 10));
        appeal.Reply(ReplyKind.Resolved, "已修复", null, "工作人员", "u1", Clock, China(3, 3, 10));

        appeal.Rate(true, score, null, Clock, China(3, 4, 10), AppealActors.Caller);

        Assert.Equal(AppealStatus.Closed, appeal.Status);
        Assert.False(appeal.FlaggedForSupervision);
    }

    [Fact]
    public void Rating_before_a_reply_or_out_of_range_or_after_closing_is_refused()
    {
        var appeal = Log(China(3, 2, 10));
        Assert.Equal(AppealRuleException.NotReplied, Assert.Throws<AppealRuleException>(() => appeal.Rate(true, 5, null, Clock, China(3, 2, 11), "c")).Code);
        appeal.Reply(ReplyKind.Resolved, "已修复", null, "工作人员", "u1", Clock, China(3, 3, 10));
        Assert.Equal(AppealRuleException.ScoreRange, Assert.Throws<AppealRuleException>(() => appeal.Rate(true, 6, null, Clock, China(3, 3, 11), "c")).Code);
        appeal.Rate(true, 5, null, Clock, China(3, 3, 12), "c");
        Assert.Equal(AppealRuleException.Closed, Assert.Throws<AppealRuleException>(() => appeal.Rate(true, 5, null, Clock, China(3, 3, 13), "c")).Code);
        Assert.Equal(AppealRuleException.Closed, Assert.Throws<AppealRuleException>(
            () => appeal.RecordCitizenCall(China(3, 3, 13), CallOutcome.NotAnswered, Clock, China(3, 3, 13), "c")).Code);
    }

    [Fact]
    public void An_unrated_reply_closes_at_exactly_seven_days_and_not_a_tick_before()
    {
        var appeal = Log(China(3, 2, 10));
        var repliedAt = China(3, 3, 10, 30);
        appeal.Reply(ReplyKind.Resolved, "已修复", null, "工作人员", "u1", Clock, repliedAt);
        var due = repliedAt.AddDays(7);
        Assert.Equal(due, appeal.RatingDueAt);

        Assert.False(appeal.CloseUnratedIfDue(due.AddTicks(-1), AppealActors.System));
        Assert.Equal(AppealStatus.Replied, appeal.Status);
        Assert.True(appeal.CloseUnratedIfDue(due, AppealActors.System));
        Assert.Equal(AppealStatus.Closed, appeal.Status);
        Assert.Equal(due, appeal.ClosedAt);
        Assert.Null(appeal.RatingDueAt);
        Assert.Equal("Unrated", appeal.Events.Last().Outcome);
        Assert.False(appeal.CloseUnratedIfDue(due.AddDays(1), AppealActors.System));
    }

    [Fact]
    public void An_appeal_not_yet_replied_or_already_rated_is_never_closed_unrated()
    {
        var open = Log(China(3, 2, 10));
        Assert.False(open.CloseUnratedIfDue(China(12, 31, 10), AppealActors.System));

        var reopened = Log(China(3, 2, 10));
        reopened.Reply(ReplyKind.Resolved, "已修复", null, "工作人员", "u1", Clock, China(3, 3, 10));
        reopened.Rate(false, 1, null, Clock, China(3, 4, 10), AppealActors.Caller);
        Assert.False(reopened.CloseUnratedIfDue(China(12, 31, 10), AppealActors.System));
        Assert.Equal(AppealStatus.Reopened, reopened.Status);
    }

    [Fact]
    public void A_replied_appeal_passed_on_no_longer_waits_for_a_rating_until_it_is_answered_again()
    {
        var appeal = Log(China(3, 2, 10));
        appeal.Reply(ReplyKind.Explained, "不属本部门职责", null, "工作人员", "u1", Clock, China(3, 2, 11));

        appeal.Transfer(9, "转交主管部门办理", "工作人员", "u1", Clock, China(3, 2, 12));

        Assert.Equal(AppealStatus.Transferred, appeal.Status);
        Assert.Null(appeal.RatingDueAt);
        appeal.Reply(ReplyKind.Resolved, "已办理", null, "接收人", "u2", Clock, China(3, 3, 10));
        Assert.Equal(China(3, 10, 10), appeal.RatingDueAt);
    }
}
