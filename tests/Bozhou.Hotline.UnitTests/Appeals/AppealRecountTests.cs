namespace Bozhou.Hotline.UnitTests.Appeals;

public class AppealRecountTests
{
    private static readonly WorkingDayCalendar Before = new(HolidaySchedule.Official2026);

    // Thursday 5 March off, Saturday 7 March worked.
    private static readonly WorkingDayCalendar After = new(HolidaySchedule.Official2026.Concat(
    [
        new CalendarDay { Date = new DateOnly(2026, 3, 5), Kind = CalendarDayKind.Holiday },
        new CalendarDay { Date = new DateOnly(2026, 3, 7), Kind = CalendarDayKind.Workday },
    ]));

    private static readonly ProtectedCaller Caller = new("name-cipher", "phone-cipher", new string('a', 64), "138****1234");

    private static DateTimeOffset China(int month, int day, int hour, int minute = 0) =>
        ChinaTime.At(new DateOnly(2026, month, day), new TimeOnly(hour, minute));

    private static DateTimeOffset EndOf(int month, int day) => ChinaTime.StartOf(new DateOnly(2026, month, day).AddDays(1));

    private static Appeal Log(DateTimeOffset now, AppealClock clock, CallOutcome outcome = CallOutcome.NotAnswered) =>
        Appeal.Log(
            new NewAppeal(7, 3, TopicKind.Matter, now, outcome, CallerType.Individual, null, "路灯不亮", false, true, AppealActors.Caller),
            Caller, "7KQ2MXD4P9", clock, now);

    [Fact]
    public void Recounting_moves_each_running_deadline_to_where_an_appeal_logged_under_the_new_calendar_would_have_it()
    {
        var clock = new AppealClock(Before, new ClockSettings());
        var appeal = Log(China(3, 3, 10), clock);
        var version = appeal.Version;

        var moved = appeal.RecountDeadlines(Before, After, China(3, 3, 10, 4), "系统");

        var fresh = Log(China(3, 3, 10), new AppealClock(After, new ClockSettings()));
        Assert.Equal((fresh.CallbackDueAt, fresh.FirstContactDueAt, fresh.ReplyDueAt), (appeal.CallbackDueAt, appeal.FirstContactDueAt, appeal.ReplyDueAt));
        // The holiday and the make-up Saturday both fall inside the reply's ten days, which therefore stay.
        Assert.Equal([AppealDeadline.FirstContact], moved.Select(m => m.Deadline));
        Assert.Equal((EndOf(3, 6), EndOf(3, 7)), (moved[0].From, moved[0].To));
        var recounted = appeal.Events[^1];
        Assert.Equal(AppealEventKind.DeadlinesRecounted, recounted.Kind);
        Assert.True(recounted.IsInternal);
        Assert.Equal("首次联系 First contact: 2026-03-06 24:00 → 2026-03-07 24:00", recounted.Text);
        Assert.Equal(version + 1, appeal.Version);
    }

    [Fact]
    public void The_limit_that_applied_is_kept_though_the_settings_changed_since()
    {
        var appeal = Log(China(3, 3, 10), new AppealClock(Before, new ClockSettings { FirstContactWorkingDays = 5 }));
        Assert.Equal(EndOf(3, 10), appeal.FirstContactDueAt); // 4, 5, 6, 9, 10

        appeal.RecountDeadlines(Before, After, China(3, 3, 11), "系统");

        Assert.Equal(EndOf(3, 10), appeal.FirstContactDueAt); // 4, 6, 7, 9, 10: five days still
    }

    [Fact]
    public void A_passed_deadline_a_met_one_and_a_closed_appeal_stay_and_get_no_event()
    {
        var clock = new AppealClock(Before, new ClockSettings());
        var contacted = Log(China(3, 3, 10), clock);
        contacted.RecordCallback(true, null, "李明", null, China(3, 3, 11));
        var closed = Log(China(3, 3, 10), clock);
        closed.Reply(ReplyKind.Resolved, "已修复", null, "李明", null, clock, China(3, 3, 11));
        closed.Rate(true, 5, null, clock, China(3, 3, 12), AppealActors.Caller);
        var passed = Log(China(3, 2, 10), clock); // callback due by the end of Tuesday 3rd

        var contactedMoved = contacted.RecountDeadlines(Before, After, China(3, 4, 1), "系统");
        Assert.Empty(closed.RecountDeadlines(Before, After, China(3, 4, 1), "系统"));
        var passedMoved = passed.RecountDeadlines(Before, After, China(3, 4, 1), "系统");

        Assert.Empty(contactedMoved); // first contact met; the reply's ten days hold both changes and stay
        Assert.Equal(EndOf(3, 6), contacted.FirstContactDueAt);
        Assert.Equal(EndOf(3, 6), closed.FirstContactDueAt);
        Assert.Equal(AppealEventKind.Closed, closed.Events[^1].Kind);
        Assert.Equal(EndOf(3, 3), passed.CallbackDueAt);
        Assert.DoesNotContain(AppealDeadline.Callback, passedMoved.Select(m => m.Deadline));
    }

    [Fact]
    public void A_reopened_appeals_reply_is_counted_from_the_reopening_and_a_transfer_from_the_transfer()
    {
        var clock = new AppealClock(Before, new ClockSettings());
        var appeal = Log(China(2, 26, 10), clock, CallOutcome.Answered);
        appeal.Reply(ReplyKind.Explained, "暂无法解决", null, "李明", null, clock, China(2, 27, 10));
        appeal.Rate(false, 1, "不满意", clock, China(3, 3, 9), AppealActors.Caller);
        appeal.Transfer(9, "属住建局职责", "李明", null, clock, China(3, 3, 10));
        Assert.Equal(EndOf(3, 4), appeal.TransferAcceptDueAt);
        Assert.Equal(EndOf(3, 17), appeal.ReplyDueAt);

        var changedWednesday = new WorkingDayCalendar(HolidaySchedule.Official2026.Append(new CalendarDay { Date = new DateOnly(2026, 3, 4), Kind = CalendarDayKind.Holiday }));
        appeal.RecountDeadlines(Before, changedWednesday, China(3, 3, 11), "系统");

        Assert.Equal(EndOf(3, 5), appeal.TransferAcceptDueAt);
        Assert.Equal(EndOf(3, 18), appeal.ReplyDueAt);
    }
}
