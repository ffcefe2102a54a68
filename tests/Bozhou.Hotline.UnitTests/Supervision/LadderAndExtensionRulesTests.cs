namespace Bozhou.Hotline.UnitTests.Supervision;

/// <summary>The escalation ladder's order, the one-reminder-a-working-day rule and the extension limits, through their public methods.</summary>
public class LadderAndExtensionRulesTests
{
    private static readonly WorkingDayCalendar Calendar = new(HolidaySchedule.Official2026);

    private static readonly AppealClock Clock = new(Calendar, new ClockSettings());

    private static DateTimeOffset China(int month, int day, int hour) => ChinaTime.At(new DateOnly(2026, month, day), new TimeOnly(hour, 0));

    private static Appeal Log(DateTimeOffset at) =>
        Appeal.Log(
            new NewAppeal(7, 3, TopicKind.Matter, at, CallOutcome.NotAnswered, CallerType.Individual, null, "路灯不亮", false, true, AppealActors.Caller),
            new ProtectedCaller(null, "phone-cipher", new string('a', 64), "138****1234"), "7KQ2MXD4P9", Clock, at);

    [Fact]
    public void An_interview_needs_a_reminder_left_unanswered_until_the_end_of_the_next_working_day()
    {
        var appeal = Log(China(3, 2, 9));
        Assert.Equal(EscalationLadder.NoReminder, EscalationLadder.MissingBeforeInterview(appeal.Events, Calendar, China(3, 9, 9)));

        appeal.RecordReminder(null, "督查室", null, China(3, 6, 10)); // Friday
        // Due at the end of Monday 9 March: not yet on Monday afternoon, then past.
        Assert.Equal(EscalationLadder.ReminderNotUnanswered, EscalationLadder.MissingBeforeInterview(appeal.Events, Calendar, China(3, 9, 15)));
        Assert.Null(EscalationLadder.MissingBeforeInterview(appeal.Events, Calendar, ChinaTime.StartOf(new DateOnly(2026, 3, 10))));

        // A call back within that working day answers the reminder.
        appeal.RecordCallback(false, null, "李明", null, China(3, 9, 11));
        Assert.Equal(EscalationLadder.ReminderNotUnanswered, EscalationLadder.MissingBeforeInterview(appeal.Events, Calendar, China(3, 12, 9)));
    }

    [Fact]
    public void A_referral_needs_an_interview_whose_outcome_is_recorded()
    {
        Assert.Equal(EscalationLadder.NoInterview, EscalationLadder.MissingBeforeReferral([]));
        var interview = new InterviewCase { Kind = EscalationKind.Interview, Outcome = " " };
        Assert.Equal(EscalationLadder.NoInterviewOutcome, EscalationLadder.MissingBeforeReferral([interview]));
        interview.Outcome = "承诺整改";
        Assert.Null(EscalationLadder.MissingBeforeReferral([interview]));
        Assert.Equal(EscalationLadder.NoInterview, EscalationLadder.MissingBeforeReferral([new InterviewCase { Kind = EscalationKind.Referral, Outcome = "x" }]));
    }

    [Fact]
    public void Rest_days_count_with_the_working_day_after_them_for_one_reminder_a_working_day()
    {
        // Saturday 7 and Sunday 8 March belong to Monday 9 March: its "day" starts on Saturday 00:00.
        var saturday = ChinaTime.StartOf(new DateOnly(2026, 3, 7));
        Assert.Equal(saturday, EscalationLadder.WorkingDayStart(Calendar, China(3, 7, 10)));
        Assert.Equal(saturday, EscalationLadder.WorkingDayStart(Calendar, China(3, 9, 16)));
        Assert.Equal(ChinaTime.StartOf(new DateOnly(2026, 3, 10)), EscalationLadder.WorkingDayStart(Calendar, China(3, 10, 8)));
    }

    [Fact]
    public void An_extension_is_asked_once_for_a_later_date_within_one_more_limit_and_moves_the_deadline_only_when_approved()
    {
        var appeal = Log(China(3, 2, 10));
        Assert.Equal(ChinaTime.StartOf(new DateOnly(2026, 3, 17)), appeal.ReplyDueAt);
        Assert.Equal(ChinaTime.StartOf(new DateOnly(2026, 3, 31)), appeal.LatestExtensionDue(Clock));

        Assert.Equal(AppealRuleException.ExtensionNotLater,
            Assert.Throws<AppealRuleException>(() => appeal.RequestExtension(new DateOnly(2026, 3, 16), "会商", "李明", null, Clock, China(3, 3, 9))).Code);
        Assert.Equal(AppealRuleException.ExtensionTooFar,
            Assert.Throws<AppealRuleException>(() => appeal.RequestExtension(new DateOnly(2026, 3, 31), "会商", "李明", null, Clock, China(3, 3, 9))).Code);
        appeal.RequestExtension(new DateOnly(2026, 3, 30), "会商", "李明", null, Clock, China(3, 3, 9));
        Assert.Equal(ChinaTime.StartOf(new DateOnly(2026, 3, 17)), appeal.ReplyDueAt);
        Assert.Equal(ChinaTime.StartOf(new DateOnly(2026, 3, 5)), appeal.ExtensionDecisionDueAt);
        Assert.Equal(AppealRuleException.ExtensionOnce,
            Assert.Throws<AppealRuleException>(() => appeal.RequestExtension(new DateOnly(2026, 3, 20), "再次", "李明", null, Clock, China(3, 3, 10))).Code);

        appeal.DecideExtension(true, null, "督查室", null, China(3, 4, 9));
        Assert.Equal(ChinaTime.StartOf(new DateOnly(2026, 3, 31)), appeal.ReplyDueAt);
        Assert.False(appeal.Events[^1].IsInternal);
        Assert.Equal(AppealRuleException.ExtensionNotPending,
            Assert.Throws<AppealRuleException>(() => appeal.DecideExtension(false, null, "督查室", null, China(3, 4, 10))).Code);
    }
}
