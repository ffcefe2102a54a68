using System.Security.Claims;

namespace Bozhou.Hotline.IntegrationTests.Workspace;

public class ConcurrencyTests
{
    [Fact]
    public async Task The_second_of_two_people_acting_on_one_appeal_is_told_to_refresh_and_nothing_of_theirs_is_saved()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var id = await data.AddAppealAsync(world.LiId);
        using var cadre = await data.SignInAsync(WorkspaceWorld.LiEmail);
        using var staff = await data.SignInAsync(WorkspaceWorld.StaffEmail);
        var cadresPage = await WorkspacePages.AppealAsync(cadre, id);
        var staffPage = await WorkspacePages.AppealAsync(staff, id);

        using var first = await staff.SubmitAsync(staffPage.QuerySelector<IHtmlFormElement>("#callback-form")!, Html.Fields(("Callback.Reached", "true")));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var afterFirst = await data.AppealAsync(id);

        using var second = await cadre.SubmitAsync(cadresPage.QuerySelector<IHtmlFormElement>("#reply-form")!,
            Html.Fields(("Reply.Kind", "Resolved"), ("Reply.Text", "已解决。")));

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var page = await Html.ParseAsync(second);
        Assert.Equal("此诉求已被他人更新，请刷新后重试", page.QuerySelector("#action-error")!.TextContent.Trim());
        // The page shown is fresh: the first person's callback is on it.
        Assert.NotNull(page.QuerySelector(".timeline-event[data-kind='Callback']"));
        var afterSecond = await data.AppealAsync(id);
        Assert.Equal(afterFirst.Version, afterSecond.Version);
        Assert.Equal(afterFirst.Events.Count, afterSecond.Events.Count);
        Assert.Null(afterSecond.RepliedAt);
    }

    [Fact]
    public async Task A_change_committed_between_reading_and_saving_is_caught_by_the_version_token_not_overwritten()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var id = await data.AddAppealAsync(world.LiId);
        var before = await data.AppealAsync(id);
        var userId = await data.QueryAsync(db => db.Users.Where(u => u.Email == WorkspaceWorld.LiEmail).Select(u => u.Id).SingleAsync());
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId)], "test"));
        await using var scope = factory.Services.CreateAsyncScope();
        var actor = await scope.ServiceProvider.GetRequiredService<WorkspaceActors>().ActorAsync(principal, CancellationToken.None);
        var runner = scope.ServiceProvider.GetRequiredService<AppealActionRunner>();

        var outcome = await runner.RunAsync(actor!, id, before.Version, async c =>
        {
            c.Appeal.AddNote("我的备注", c.TimelineActor, c.UserId, c.Now);
            // Someone else commits in between, through another connection.
            await using var other = factory.Services.CreateAsyncScope();
            var db = other.ServiceProvider.GetRequiredService<HotlineDbContext>();
            var theirs = await db.Appeals.SingleAsync(a => a.Id == id);
            theirs.RecordCallback(true, "他人的回电", "张秘书", null, c.Now);
            await db.SaveChangesAsync();
        }, CancellationToken.None);

        Assert.Equal(AppealActionStatus.Conflict, outcome.Status);
        var after = await data.AppealAsync(id);
        Assert.Equal(before.Version + 1, after.Version);
        Assert.DoesNotContain(after.Events, e => e.Kind == AppealEventKind.Note);
        Assert.Contains(after.Events, e => e.Kind == AppealEventKind.Callback && e.Text == "他人的回电");
    }
}
