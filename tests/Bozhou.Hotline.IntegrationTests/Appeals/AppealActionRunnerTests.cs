using System.Security.Claims;

namespace Bozhou.Hotline.IntegrationTests.Appeals;

/// <summary>The one way to act on an appeal: access by kind of actor, the version check, rule refusals, one save.</summary>
public class AppealActionRunnerTests
{
    [Fact]
    public async Task A_caller_reaches_only_the_appeal_whose_code_it_proved()
    {
        await using var scene = await SceneAsync(w => w.LiId);
        var (data, id, before, runner) = (scene.Data, scene.Id, scene.Before, scene.Runner);

        var outcome = await runner.RunForCallerAsync(
            Actor.Caller("ZZZZZZZZ"), c => c.Appeal.RecordCitizenCall(c.Now, CallOutcome.NotAnswered, c.Clock, c.Now, c.TimelineActor), CancellationToken.None);

        Assert.Equal(AppealActionStatus.NotFound, outcome.Status);
        Assert.Equal(before.Version, (await data.AppealAsync(id)).Version);
    }

    [Fact]
    public async Task The_callers_change_is_saved_with_its_timeline_event_in_the_callers_name()
    {
        await using var scene = await SceneAsync(w => w.LiId);
        var (data, id, before, runner) = (scene.Data, scene.Id, scene.Before, scene.Runner);

        var outcome = await runner.RunForCallerAsync(
            Actor.Caller(before.TrackingCode), c => c.Appeal.RecordCitizenCall(c.Now, CallOutcome.NotAnswered, c.Clock, c.Now, c.TimelineActor), CancellationToken.None);

        Assert.True(outcome.IsDone);
        var after = await data.AppealAsync(id);
        Assert.Equal(before.Version + 1, after.Version);
        Assert.Contains(after.Events, e => e.Kind == AppealEventKind.CallAttempt && e.ActorKind == EventActorKind.Caller);
    }

    [Fact]
    public async Task A_rule_refusal_returns_its_code_and_saves_nothing()
    {
        await using var scene = await SceneAsync(w => w.LiId);
        var (data, id, before, runner) = (scene.Data, scene.Id, scene.Before, scene.Runner);

        var outcome = await runner.RunForCallerAsync(
            Actor.Caller(before.TrackingCode), c => c.Appeal.Rate(true, 5, null, c.Clock, c.Now, c.TimelineActor), CancellationToken.None);

        Assert.Equal(AppealActionStatus.Rule, outcome.Status);
        Assert.Equal(AppealRuleException.NotReplied, outcome.RuleCode);
        var after = await data.AppealAsync(id);
        Assert.Equal(before.Version, after.Version);
        Assert.DoesNotContain(after.Events, e => e.Kind == AppealEventKind.Rating);
    }

    [Fact]
    public async Task A_cadres_form_shown_before_the_appeal_changed_is_a_conflict_and_saves_nothing()
    {
        await using var scene = await SceneAsync(w => w.LiId);
        var (data, id, before, runner) = (scene.Data, scene.Id, scene.Before, scene.Runner);
        var actor = await scene.ActorAsync(WorkspaceWorld.LiEmail);

        var outcome = await runner.RunAsync(actor, id, before.Version - 1, c =>
        {
            c.Appeal.AddNote("旧表单的备注", c.TimelineActor, c.UserId, c.Now);
            return Task.CompletedTask;
        }, CancellationToken.None);

        Assert.Equal(AppealActionStatus.Conflict, outcome.Status);
        Assert.DoesNotContain((await data.AppealAsync(id)).Events, e => e.Kind == AppealEventKind.Note);
    }

    [Fact]
    public async Task A_cadre_who_does_not_handle_the_appeal_is_told_it_does_not_exist()
    {
        await using var scene = await SceneAsync(w => w.WangId);
        var (data, id, before, runner) = (scene.Data, scene.Id, scene.Before, scene.Runner);
        var actor = await scene.ActorAsync(WorkspaceWorld.LiEmail);

        var outcome = await runner.RunAsync(actor, id, before.Version, c =>
        {
            c.Appeal.AddNote("不该出现的备注", c.TimelineActor, c.UserId, c.Now);
            return Task.CompletedTask;
        }, CancellationToken.None);

        Assert.Equal(AppealActionStatus.NotFound, outcome.Status);
        Assert.DoesNotContain((await data.AppealAsync(id)).Events, e => e.Kind == AppealEventKind.Note);
    }

    [Fact]
    public async Task An_office_step_meets_a_concurrent_change_by_reading_the_appeal_again()
    {
        await using var scene = await SceneAsync(w => w.LiId);
        var (factory, data, id, runner) = (scene.Factory, scene.Data, scene.Id, scene.Runner);
        var tries = 0;

        var outcome = await runner.RunAsync(new Actor(null, "督查室"), id, null, async c =>
        {
            c.Appeal.RecordReminder("请尽快办理。", c.TimelineActor, c.UserId, c.Now);
            if (++tries == 1)
            {
                // A cadre's callback is saved between this step's read and its save.
                await using var other = factory.Services.CreateAsyncScope();
                var db = other.ServiceProvider.GetRequiredService<HotlineDbContext>();
                var theirs = await db.Appeals.SingleAsync(a => a.Id == id);
                theirs.RecordCallback(true, "他人的回电", "李明", null, c.Now);
                await db.SaveChangesAsync();
            }
        }, CancellationToken.None);

        Assert.True(outcome.IsDone);
        Assert.Equal(2, tries);
        var after = await data.AppealAsync(id);
        Assert.Single(after.Events, e => e.Kind == AppealEventKind.Reminder);
        Assert.Contains(after.Events, e => e.Kind == AppealEventKind.Callback && e.Text == "他人的回电");
    }

    [Fact]
    public async Task A_transfer_to_a_cadre_who_holds_no_post_today_is_refused_and_saves_nothing()
    {
        await using var scene = await SceneAsync(w => w.LiId);
        var (data, world, id, before) = (scene.Data, scene.World, scene.Id, scene.Before);
        var actor = await scene.ActorAsync(WorkspaceWorld.LiEmail);
        var actions = scene.Scope.ServiceProvider.GetRequiredService<CadreActions>();

        var outcome = await actions.TransferAsync(actor, id, before.Version, new TransferRequest(world.FormerId, "请牵头办理。"), CancellationToken.None);

        Assert.Equal(AppealActionStatus.Rule, outcome.Status);
        Assert.Equal(CadreActions.UnknownCadre, outcome.RuleCode);
        var after = await data.AppealAsync(id);
        Assert.Equal(world.LiId, after.HandlerCadreId);
        Assert.Equal(0, await data.QueryAsync(db => db.SmsMessages.CountAsync(s => s.AppealId == id)));
    }

    /// <summary>The workspace world on a fresh factory with one appeal logged to the cadre <paramref name="handler"/> picks, and a scope to act in.</summary>
    private static async Task<Scene> SceneAsync(Func<WorkspaceWorld, int> handler)
    {
        var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var id = await data.AddAppealAsync(handler(world));
        var before = await data.AppealAsync(id);
        return new Scene(factory, data, world, id, before, factory.Services.CreateAsyncScope());
    }

    private sealed record Scene(HotlineFactory Factory, WorkspaceTestData Data, WorkspaceWorld World, long Id, Appeal Before, AsyncServiceScope Scope) : IAsyncDisposable
    {
        public AppealActionRunner Runner => Scope.ServiceProvider.GetRequiredService<AppealActionRunner>();

        /// <summary>The workspace actor of the account <paramref name="email"/>, as the pages make it from the signed-in user.</summary>
        public async Task<Actor> ActorAsync(string email)
        {
            var userId = await Data.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
            var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId)], "test"));
            return (await Scope.ServiceProvider.GetRequiredService<WorkspaceActors>().ActorAsync(principal, CancellationToken.None))!;
        }

        public async ValueTask DisposeAsync()
        {
            await Scope.DisposeAsync();
            await Factory.DisposeAsync();
        }
    }
}
