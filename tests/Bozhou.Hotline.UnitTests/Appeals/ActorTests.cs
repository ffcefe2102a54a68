namespace Bozhou.Hotline.UnitTests.Appeals;

public class ActorTests
{
    private static readonly AppealClock Clock = new(new WorkingDayCalendar(HolidaySchedule.Official2026), new ClockSettings());

    private static Appeal AppealHandledBy(int cadreId) =>
        Appeal.Log(
            new NewAppeal(cadreId, 3, TopicKind.Matter, ChinaTime.At(new DateOnly(2026, 3, 2), new TimeOnly(9, 45)), CallOutcome.NotAnswered,
                CallerType.Individual, null, "路灯不亮", false, true, EventActor.Caller),
            new ProtectedCaller("name-cipher", "phone-cipher", new string('a', 64), "138****1234"), "7KQ2MXD4P9", Clock,
            ChinaTime.At(new DateOnly(2026, 3, 2), new TimeOnly(10, 0)));

    [Fact]
    public void Staff_acting_for_cadres_are_named_on_the_timeline_for_the_cadre_who_handles_the_appeal()
    {
        var staff = Actor.ForCadres(new WorkspaceActor("u1", "张秘书", isStaff: true, new Dictionary<int, string> { [7] = "李明", [8] = "王强" }));

        Assert.Equal(EventActor.Staff("张秘书", "李明"), staff.OnTimelineOf(AppealHandledBy(7)));
        Assert.Equal(EventActor.Staff("张秘书", "王强"), staff.OnTimelineOf(AppealHandledBy(8)));
        Assert.Equal(ActorKind.Workspace, staff.Kind);
        Assert.Equal("u1", staff.UserId);
    }

    [Fact]
    public void The_caller_and_the_system_are_recorded_by_kind_with_no_user_id()
    {
        var appeal = AppealHandledBy(7);

        Assert.Equal(EventActor.Caller, Actor.Caller("7KQ2MXD4P9").OnTimelineOf(appeal));
        Assert.Null(Actor.Caller("7KQ2MXD4P9").UserId);
        Assert.Equal(EventActor.System, Actor.System.OnTimelineOf(appeal));
        Assert.Null(Actor.System.UserId);
    }

    [Fact]
    public void Only_the_office_and_the_system_act_on_the_appeal_as_it_is_and_are_read_again_on_a_conflict()
    {
        var cadre = Actor.ForCadres(new WorkspaceActor("u2", "李明", isStaff: false, new Dictionary<int, string> { [7] = "李明" }));

        Assert.True(new Actor("u3", "督查室").ActsOnAppealAsItIs);
        Assert.True(Actor.System.ActsOnAppealAsItIs);
        Assert.False(cadre.ActsOnAppealAsItIs);
        Assert.False(Actor.Caller("7KQ2MXD4P9").ActsOnAppealAsItIs);
    }
}
