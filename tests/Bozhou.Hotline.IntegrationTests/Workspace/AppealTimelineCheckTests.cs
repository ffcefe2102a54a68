namespace Bozhou.Hotline.IntegrationTests.Workspace;

/// <summary>The soak's judge, judged: it passes an appeal moved by its own methods and catches one that was not.</summary>
public class AppealTimelineCheckTests
{
    private static readonly AppealClock Clock = new(new WorkingDayCalendar(HolidaySchedule.Official2026), new ClockSettings());
    private static readonly DateTimeOffset Monday = HotlineFactory.DefaultNow;

    [Fact]
    public void An_appeal_moved_only_by_its_own_methods_is_its_timeline()
    {
        var appeal = Handled();

        Assert.Empty(AppealTimelineCheck.Mismatches(appeal, Clock));
    }

    [Fact]
    public void A_change_whose_event_is_missing_is_named()
    {
        var appeal = Handled();
        appeal.Events.RemoveAll(e => e.Kind == AppealEventKind.Transfer);

        var mismatches = AppealTimelineCheck.Mismatches(appeal, Clock);

        Assert.Contains(mismatches, m => m.StartsWith("HandlerCadreId", StringComparison.Ordinal));
        Assert.Contains(mismatches, m => m.StartsWith("TransferCount", StringComparison.Ordinal));
        Assert.Contains(mismatches, m => m.StartsWith("Version", StringComparison.Ordinal));
    }

    [Fact]
    public void An_event_whose_change_is_missing_is_named()
    {
        var appeal = Handled();
        appeal.Events.Add(new AppealEvent { At = Monday.AddHours(5), Kind = AppealEventKind.Callback, Actor = "张秘书", Outcome = "Reached" });

        var mismatches = AppealTimelineCheck.Mismatches(appeal, Clock);

        Assert.Contains(mismatches, m => m.Contains("comes after the appeal was closed", StringComparison.Ordinal));
        Assert.Contains(mismatches, m => m.StartsWith("Version", StringComparison.Ordinal));
    }

    /// <summary>Logged as a missed call, called back, passed on, signed for, answered, sent back once and closed.</summary>
    private static Appeal Handled()
    {
        var input = new NewAppeal(1, 1, TopicKind.Matter, Monday, CallOutcome.NotAnswered, CallerType.Individual, null, "路灯不亮", false, true, "来电人");
        var appeal = Appeal.Log(input, new ProtectedCaller("name", "phone", "hash", "138****0000"), "7KQ2MXD4P9", Clock, Monday);
        appeal.RecordCallback(true, "已回电", "张秘书", null, Monday.AddMinutes(30));
        appeal.Transfer(2, "属交通部门职责", "李明", null, Clock, Monday.AddHours(1));
        appeal.AcceptTransfer("张伟", null, Monday.AddHours(2));
        appeal.Reply(ReplyKind.Resolved, "已修复", null, "张伟", null, Clock, Monday.AddHours(3));
        appeal.Rate(false, 2, "没修好", Clock, Monday.AddHours(4), "来电人");
        appeal.RecordReminder("请尽快办理", "督查室", null, Monday.AddHours(4));
        appeal.Reply(ReplyKind.Explained, "已更换线路", null, "张伟", null, Clock, Monday.AddHours(4));
        appeal.Rate(true, 5, null, Clock, Monday.AddHours(4), "来电人");
        return appeal;
    }
}
