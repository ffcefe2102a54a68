using Bozhou.Hotline.IntegrationTests.Appeals;
using Bozhou.Hotline.IntegrationTests.Workspace;

namespace Bozhou.Hotline.IntegrationTests.Supervision;

/// <summary>
/// Extensions (延期): the handler asks once, with a reason, for a date no further than one more full limit; the office
/// decides within 1 working day in its own queue; approved, the deadline moves and the citizen's page says so.
/// The world's clock stands at Monday 2 March 2026 10:00 China time; a transport matter logged then is due for its
/// reply at the end of Monday 16 March (10 working days), and may be extended to the end of Monday 30 March at most.
/// </summary>
public class ExtensionTests
{
    private static readonly DateTimeOffset Due = ChinaTime.StartOf(new DateOnly(2026, 3, 17));

    [Fact]
    public async Task The_handler_asks_once_within_one_more_limit_and_an_approval_moves_the_deadline_and_tells_the_citizen()
    {
        var (factory, data, world) = await WorldAsync();
        using var _ = factory;
        var id = await data.AddAppealAsync(world.LiId, CallOutcome.Answered);
        using var cadre = await data.SignInAsync(WorkspaceWorld.LiEmail);

        var tooFar = await Html.ParseAsync(await WorkspacePages.PostAsync(cadre, id, "extension-form", ("Extension.Until", "2026-03-31"), ("Extension.Reason", "需多部门会商")));
        Assert.Contains("最多再加一个完整办理时限", tooFar.QuerySelector(".form-error")!.TextContent, StringComparison.Ordinal);
        var notLater = await Html.ParseAsync(await WorkspacePages.PostAsync(cadre, id, "extension-form", ("Extension.Until", "2026-03-16"), ("Extension.Reason", "需多部门会商")));
        Assert.Contains("须晚于现有答复期限", notLater.QuerySelector(".form-error")!.TextContent, StringComparison.Ordinal);
        Assert.Null((await data.AppealAsync(id)).ExtensionStatus);

        using (var asked = await WorkspacePages.PostAsync(cadre, id, "extension-form", ("Extension.Until", "2026-03-30"), ("Extension.Reason", "需市住建局现场勘查")))
        {
            Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        }

        var requested = await data.AppealAsync(id);
        Assert.Equal((ExtensionStatus.Requested, Due), (requested.ExtensionStatus!.Value, requested.ReplyDueAt));
        Assert.True(requested.Events.Single(e => e.Kind == AppealEventKind.ExtensionRequested).IsInternal);
        // Once per appeal: the page now says where the request stands and offers no second one.
        var page = await WorkspacePages.AppealAsync(cadre, id);
        Assert.Null(page.QuerySelector("#extension-form"));
        Assert.Contains("等待督查室审批", page.QuerySelector("#extension-status")!.TextContent, StringComparison.Ordinal);

        using var office = await data.SignInAsync(WorkspaceWorld.SupervisorEmail);
        var queue = await office.GetPageAsync("/supervision/extensions");
        var row = queue.QuerySelector($"#extensions-table tr[data-appeal='{id}']")!;
        Assert.Contains("需市住建局现场勘查", row.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/supervision/appeals/{id}", row.QuerySelector("a.case-link")!.GetAttribute("href"));
        using var approved = await office.SubmitAsync(row.QuerySelector<IHtmlFormElement>("form.decide-form")!, Html.Fields(("approve", "true")), "/supervision/extensions");
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        var after = await office.GetPageAsync(approved.Headers.Location!.OriginalString);

        Assert.NotNull(after.QuerySelector("#extensions-empty"));
        var moved = await data.AppealAsync(id);
        Assert.Equal(ExtensionStatus.Approved, moved.ExtensionStatus);
        Assert.Equal(ChinaTime.StartOf(new DateOnly(2026, 3, 31)), moved.ReplyDueAt);
        Assert.Equal(Due, moved.ReplyDueBeforeExtensionAt);
        using var citizen = factory.CreateClient();
        using (await citizen.CheckAsync(moved.TrackingCode, "0000"))
        {
        }

        var status = await citizen.GetPageAsync("/appeals/track/" + moved.TrackingCode);
        Assert.Contains("经督查室批准，答复期限延至 2026-03-30", status.QuerySelector("#timeline")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("需市住建局现场勘查", status.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_or_undecided_extension_leaves_the_deadline_where_it_was()
    {
        // Sessions long enough for the office to come back two days later with the form it had open.
        var (factory, data, world) = await WorldAsync(("Accounts:SessionHours", "72"), ("Accounts:SessionMaxHours", "72"));
        using var _ = factory;
        var refused = await data.AddAppealAsync(world.LiId, CallOutcome.Answered,
            then: (a, clock) => a.RequestExtension(new DateOnly(2026, 3, 20), "需会商", "李明", null, clock, factory.Clock.GetUtcNow()));
        var undecided = await data.AddAppealAsync(world.LiId, CallOutcome.Answered,
            then: (a, clock) => a.RequestExtension(new DateOnly(2026, 3, 20), "需会商", "李明", null, clock, factory.Clock.GetUtcNow()));
        using var office = await data.SignInAsync(WorkspaceWorld.SupervisorEmail);
        var queue = await office.GetPageAsync("/supervision/extensions");
        var lateForm = queue.QuerySelector<IHtmlFormElement>($"#extensions-table tr[data-appeal='{undecided}'] form.decide-form")!;

        using (await office.SubmitAsync(queue.QuerySelector<IHtmlFormElement>($"#extensions-table tr[data-appeal='{refused}'] form.decide-form")!,
            Html.Fields(("approve", "false"), ("note", "理由不充分")), "/supervision/extensions"))
        {
        }

        var afterRefusal = await data.AppealAsync(refused);
        Assert.Equal((ExtensionStatus.Refused, Due), (afterRefusal.ExtensionStatus!.Value, afterRefusal.ReplyDueAt));
        Assert.True(afterRefusal.Events.Single(e => e.Kind == AppealEventKind.ExtensionDecided).IsInternal);

        // The decision was due by the end of Tuesday 3 March: on Wednesday the request has lapsed.
        factory.Clock.SetUtcNow(ChinaTime.StartOf(new DateOnly(2026, 3, 4)).AddHours(2));
        Assert.NotNull((await office.GetPageAsync("/supervision/extensions")).QuerySelector("#extensions-empty"));
        using var late = await office.SubmitAsync(lateForm, Html.Fields(("approve", "true")), "/supervision/extensions");
        var lateAnswer = await office.GetPageAsync(late.Headers.Location!.OriginalString);

        Assert.Contains("已超过审批时限", lateAnswer.QuerySelector("main .alert")!.TextContent, StringComparison.Ordinal);
        var lapsed = await data.AppealAsync(undecided);
        Assert.Equal((ExtensionStatus.Requested, Due), (lapsed.ExtensionStatus!.Value, lapsed.ReplyDueAt));
    }

    [Fact]
    public async Task An_extension_is_refused_once_the_reply_deadline_has_passed()
    {
        var (factory, data, world) = await WorldAsync();
        using var _ = factory;
        var id = await data.AddAppealAsync(world.LiId, CallOutcome.Answered);
        // Wednesday 18 March: the reply was due by the end of Monday the 16th; the 27th is within one more limit.
        factory.Clock.SetUtcNow(ChinaTime.StartOf(new DateOnly(2026, 3, 18)).AddHours(2));
        using var cadre = await data.SignInAsync(WorkspaceWorld.LiEmail);

        var refused = await Html.ParseAsync(await WorkspacePages.PostAsync(cadre, id, "extension-form", ("Extension.Until", "2026-03-27"), ("Extension.Reason", "需多部门会商")));

        Assert.Contains("答复期限已过", refused.QuerySelector(".form-error")!.TextContent, StringComparison.Ordinal);
        var appeal = await data.AppealAsync(id);
        Assert.Equal(((ExtensionStatus?)null, Due), (appeal.ExtensionStatus, appeal.ReplyDueAt));
        Assert.DoesNotContain(appeal.Events, e => e.Kind == AppealEventKind.ExtensionRequested);
    }

    [Fact]
    public async Task Replies_are_judged_against_the_approved_deadline_and_the_scorecard_shows_each_cadres_extension_rate()
    {
        var (factory, data, world) = await WorldAsync();
        using var _ = factory;
        var now = factory.Clock.GetUtcNow();
        var repliedOn = ChinaTime.StartOf(new DateOnly(2026, 3, 20)).AddHours(2); // after the 16th, before the 27th
        await data.AddAppealAsync(world.LiId, CallOutcome.Answered, then: (a, clock) =>
        {
            a.RequestExtension(new DateOnly(2026, 3, 27), "需会商", "李明", null, clock, now);
            a.DecideExtension(true, null, "督查室", null, now.AddHours(1));
            a.Reply(ReplyKind.Resolved, "已办结", null, "李明", null, clock, repliedOn);
        });
        await data.AddAppealAsync(world.LiId, CallOutcome.Answered, then: (a, clock) =>
        {
            a.RequestExtension(new DateOnly(2026, 3, 27), "需会商", "李明", null, clock, now);
            a.DecideExtension(false, null, "督查室", null, now.AddHours(1));
            a.Reply(ReplyKind.Resolved, "已办结", null, "李明", null, clock, repliedOn);
        });
        await data.AddAppealAsync(world.LiId, CallOutcome.Answered);
        factory.Clock.SetUtcNow(ChinaTime.StartOf(new DateOnly(2026, 3, 31)));

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var clock = await scope.ServiceProvider.GetRequiredService<AppealClockSource>().GetAsync();
            var rows = await scope.ServiceProvider.GetRequiredService<StatsRollup>().ComputeDayAsync(new DateOnly(2026, 3, 2), clock, factory.Clock.GetUtcNow());
            var li = rows.Single(r => r.CadreId == world.LiId);
            // All three were due by now; only the extended one replied on time (against its approved deadline).
            Assert.Equal((3, 1), (li.RepliesDue, li.RepliesOnTime));
        }

        // The scorecard reads the extensions from the daily roll-ups, as it reads every other count.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var clock = await scope.ServiceProvider.GetRequiredService<AppealClockSource>().GetAsync();
            await scope.ServiceProvider.GetRequiredService<StatsRollup>().RebuildAsync(new DateOnly(2026, 3, 1), null, clock, factory.Clock.GetUtcNow());
        }

        using var office = await data.SignInAsync(WorkspaceWorld.SupervisorEmail);
        var card = await office.GetPageAsync("/supervision/scorecards?level=cadre&period=2026-03");
        var cell = card.QuerySelector($"#scorecard tbody tr[data-id='{world.LiId}'] td.extension-rate")!;
        Assert.Equal(("2", "3"), (cell.GetAttribute("data-requested"), cell.GetAttribute("data-logged")));
        Assert.Contains("66.7%", cell.TextContent, StringComparison.Ordinal);
    }

    /// <summary>The workspace world (cadres, staff, the supervision office) with the outbox left undrained, and <paramref name="settings"/> applied.</summary>
    internal static async Task<(HotlineFactory Factory, WorkspaceTestData Data, WorkspaceWorld World)> WorldAsync(params (string Key, string Value)[] settings)
    {
        var factory = new HotlineFactory().WithoutHostedService<SmsOutboxService>();
        foreach (var (key, value) in settings)
        {
            factory.With(key, value);
        }

        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        return (factory, data, world);
    }
}
