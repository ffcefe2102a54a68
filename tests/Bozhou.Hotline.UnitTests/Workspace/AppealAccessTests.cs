namespace Bozhou.Hotline.UnitTests.Workspace;

public class AppealAccessTests
{
    [Fact]
    public void A_cadre_acts_for_its_own_post_and_the_earlier_post_kept_after_a_change_of_post()
    {
        Assert.Equal([7], AppealAccess.CadresActedFor([Roles.Cadre], ownCadreId: 7, delegatedCadreIds: [], disabled: false));
        Assert.Equal([6, 7], AppealAccess.CadresActedFor([Roles.Cadre], ownCadreId: 7, delegatedCadreIds: [6], disabled: false).Order());
    }

    [Fact]
    public void Staff_act_for_the_cadres_delegated_to_them()
    {
        var cadres = AppealAccess.CadresActedFor([Roles.Staff], ownCadreId: null, delegatedCadreIds: [3, 5], disabled: false);

        Assert.Equal([3, 5], cadres.Order());
    }

    [Theory]
    [InlineData(Roles.Supervisor)]
    [InlineData(Roles.Admin)]
    public void Supervisors_and_administrators_act_for_no_cadre_even_with_a_post_or_delegation_recorded(string role)
    {
        Assert.Empty(AppealAccess.CadresActedFor([role], ownCadreId: 7, delegatedCadreIds: [8], disabled: false));
    }

    [Fact]
    public void A_disabled_account_acts_for_nobody()
    {
        Assert.Empty(AppealAccess.CadresActedFor([Roles.Cadre, Roles.Staff], ownCadreId: 7, delegatedCadreIds: [8], disabled: true));
    }

    [Fact]
    public void Only_the_handler_may_act_and_the_cadre_first_called_may_still_read_after_passing_it_on()
    {
        var sender = Actor(isStaff: false, (1, "李明"));
        var receiver = Actor(isStaff: false, (2, "张伟"));
        var stranger = Actor(isStaff: false, (3, "赵刚"));

        // Logged to 1, transferred to 2.
        Assert.False(AppealAccess.MayAct(sender, handlerCadreId: 2));
        Assert.True(AppealAccess.MayView(sender, loggedToCadreId: 1, handlerCadreId: 2));
        Assert.True(AppealAccess.MayAct(receiver, handlerCadreId: 2));
        Assert.False(AppealAccess.MayView(stranger, loggedToCadreId: 1, handlerCadreId: 2));
    }

    [Fact]
    public void Staff_entries_on_the_timeline_say_for_whom_they_acted()
    {
        var staff = Actor(isStaff: true, (1, "李明"));
        var cadre = Actor(isStaff: false, (1, "李明"));

        Assert.Equal(EventActor.Staff("张秘书", "李明"), staff.TimelineActorFor(1));
        Assert.Equal(EventActor.Cadre("张秘书"), cadre.TimelineActorFor(1));
    }

    [Fact]
    public void Delegated_staff_see_a_confidential_caller_masked_and_may_reveal_to_call_back_while_the_cadre_sees_in_full()
    {
        var staff = Actor(isStaff: true, (1, "李明"));
        var cadre = Actor(isStaff: false, (1, "李明"));
        var stranger = Actor(isStaff: true, (2, "张伟"));

        Assert.False(AppealAccess.ShowsCallerInFull(staff, handlerCadreId: 1, confidential: true));
        Assert.True(AppealAccess.MayRevealToCallBack(staff, handlerCadreId: 1, confidential: true));
        Assert.True(AppealAccess.ShowsCallerInFull(cadre, handlerCadreId: 1, confidential: true));
        Assert.False(AppealAccess.MayRevealToCallBack(cadre, handlerCadreId: 1, confidential: true));
        Assert.True(AppealAccess.ShowsCallerInFull(staff, handlerCadreId: 1, confidential: false));
        Assert.False(AppealAccess.MayRevealToCallBack(stranger, handlerCadreId: 1, confidential: true));
    }

    private static WorkspaceActor Actor(bool isStaff, params (int Id, string Name)[] cadres) =>
        new("user", "张秘书", isStaff, cadres.ToDictionary(c => c.Id, c => c.Name));
}
