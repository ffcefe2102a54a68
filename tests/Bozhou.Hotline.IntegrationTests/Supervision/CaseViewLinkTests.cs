using Bozhou.Hotline.IntegrationTests.Workspace;

namespace Bozhou.Hotline.IntegrationTests.Supervision;

/// <summary>
/// What the supervision office's case view says beyond the timeline: where the appeal's extension (延期) stands, lapsed
/// included, and which appeal it was closed into as a duplicate or which were closed into it; and that one interview
/// submitted twice (a double click, two tabs) is one case. The world's clock stands at Monday 2 March 2026 10:00 China time.
/// </summary>
public class CaseViewLinkTests
{
    [Fact]
    public async Task The_case_view_shows_the_extension_and_reads_it_lapsed_once_its_decision_deadline_passes_as_the_handler_page_does()
    {
        var (factory, data, world) = await ExtensionTests.WorldAsync(("Accounts:SessionHours", "72"), ("Accounts:SessionMaxHours", "72"));
        using var _ = factory;
        var id = await data.AddAppealAsync(world.LiId, CallOutcome.Answered,
            then: (a, clock) => a.RequestExtension(new DateOnly(2026, 3, 20), "需市住建局现场勘查", "李明", null, clock, factory.Clock.GetUtcNow()));
        using var office = await data.SignInAsync(WorkspaceWorld.SupervisorEmail);
        using var cadre = await data.SignInAsync(WorkspaceWorld.LiEmail);

        var pending = (await office.GetPageAsync($"/supervision/appeals/{id}")).QuerySelector("#extension")!;
        Assert.Equal("Requested", pending.GetAttribute("data-extension"));
        Assert.Contains("待审批", pending.TextContent, StringComparison.Ordinal);
        Assert.Contains("需市住建局现场勘查", pending.TextContent, StringComparison.Ordinal);

        // The decision was due by the end of Tuesday 3 March: on Wednesday the request has lapsed, on both pages.
        factory.Clock.SetUtcNow(ChinaTime.StartOf(new DateOnly(2026, 3, 4)).AddHours(2));
        var lapsed = (await office.GetPageAsync($"/supervision/appeals/{id}")).QuerySelector("#extension")!;
        Assert.Equal("Lapsed", lapsed.GetAttribute("data-extension"));
        Assert.Contains("逾期未审批", lapsed.TextContent, StringComparison.Ordinal);
        var handler = await WorkspacePages.AppealAsync(cadre, id);
        var status = handler.QuerySelector("#extension-status")!.TextContent;
        Assert.Contains("未在审批时限内审批", status, StringComparison.Ordinal);
        Assert.DoesNotContain("等待督查室审批", status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_extension_still_pending_when_the_handler_replies_leaves_the_queue_and_can_no_longer_be_approved()
    {
        var (factory, data, world) = await ExtensionTests.WorldAsync();
        using var _ = factory;
        var id = await data.AddAppealAsync(world.LiId, CallOutcome.Answered,
            then: (a, clock) => a.RequestExtension(new DateOnly(2026, 3, 20), "需会商", "李明", null, clock, factory.Clock.GetUtcNow()));
        using var office = await data.SignInAsync(WorkspaceWorld.SupervisorEmail);
        using var cadre = await data.SignInAsync(WorkspaceWorld.LiEmail);
        var queue = await office.GetPageAsync("/supervision/extensions");
        var form = queue.QuerySelector<IHtmlFormElement>($"#extensions-table tr[data-appeal='{id}'] form.decide-form")!;
        var dueBefore = (await data.AppealAsync(id)).ReplyDueAt;

        using (var replied = await WorkspacePages.PostAsync(cadre, id, "reply-form", ("Reply.Kind", "Resolved"), ("Reply.Text", "已协调增开晚间班次。"), ("Reply.TicketNumber", "")))
        {
            Assert.Equal(HttpStatusCode.Redirect, replied.StatusCode);
        }

        Assert.NotNull((await office.GetPageAsync("/supervision/extensions")).QuerySelector("#extensions-empty"));
        using var late = await office.SubmitAsync(form, Html.Fields(("approve", "true")), "/supervision/extensions");
        var answer = await office.GetPageAsync(late.Headers.Location!.OriginalString);

        Assert.Contains("已答复或已办结", answer.QuerySelector("main .alert")!.TextContent, StringComparison.Ordinal);
        var appeal = await data.AppealAsync(id);
        Assert.Equal((ExtensionStatus.Requested, dueBefore), (appeal.ExtensionStatus!.Value, appeal.ReplyDueAt));
        Assert.DoesNotContain(appeal.Events, e => e.Kind == AppealEventKind.ExtensionDecided);
    }

    [Fact]
    public async Task The_case_view_links_a_duplicate_to_its_original_and_the_original_to_its_duplicates()
    {
        var (factory, data, world) = await ExtensionTests.WorldAsync();
        using var _ = factory;
        var original = await data.AddAppealAsync(world.LiId, CallOutcome.Answered, at: factory.Clock.GetUtcNow().AddHours(-2));
        var later = await data.AddAppealAsync(world.LiId, CallOutcome.Answered);
        using var cadre = await data.SignInAsync(WorkspaceWorld.LiEmail);
        var page = await WorkspacePages.AppealAsync(cadre, later);
        using (var marked = await cadre.SubmitAsync(page.QuerySelector<IHtmlFormElement>("#possible-duplicates form.duplicate-form")!))
        {
            Assert.Equal(HttpStatusCode.Redirect, marked.StatusCode);
        }

        using var office = await data.SignInAsync(WorkspaceWorld.SupervisorEmail);
        var duplicateView = await office.GetPageAsync($"/supervision/appeals/{later}");
        var originalView = await office.GetPageAsync($"/supervision/appeals/{original}");

        var up = duplicateView.QuerySelector("#duplicate-of a")!;
        Assert.Equal($"/supervision/appeals/{original}", up.GetAttribute("href"));
        Assert.Equal(TrackingCode.Format((await data.AppealAsync(original)).TrackingCode), up.TextContent);
        Assert.Equal([$"/supervision/appeals/{later}"], originalView.QuerySelectorAll("#duplicates a").Select(a => a.GetAttribute("href")!).ToList());
        Assert.Null(originalView.QuerySelector("#duplicate-of"));
    }

    [Fact]
    public async Task One_interview_submitted_from_two_tabs_at_once_is_stored_once_with_one_timeline_event()
    {
        var (factory, data, world) = await ExtensionTests.WorldAsync();
        using var _ = factory;
        var id = await data.AddAppealAsync(world.LiId, CallOutcome.NotAnswered);
        using var office = await data.SignInAsync(WorkspaceWorld.SupervisorEmail);
        var url = $"/supervision/appeals/{id}";
        // Two tabs: two forms, each with its own one-time submission key, so the key alone cannot tell them apart.
        var first = (await office.GetPageAsync(url)).QuerySelector<IHtmlFormElement>("#escalate-form")!;
        var second = (await office.GetPageAsync(url)).QuerySelector<IHtmlFormElement>("#escalate-form")!;
        var fields = Html.Fields(
            ("Step.Kind", "Interview"), ("Step.HeldOn", "2026-03-02"), ("Step.Interviewer", "市委督查室 刘主任"), ("Step.Notes", "未按时回电"),
            ("Step.Outcome", "承诺当日回电"), ("Step.OverrideReason", "群众多次来电反映"));

        var answers = await Task.WhenAll(office.SubmitAsync(first, fields, url), office.SubmitAsync(second, fields, url));
        foreach (var answer in answers)
        {
            // Both are answered as done, back on the case.
            Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
            Assert.Equal(url, answer.Headers.Location!.OriginalString);
            answer.Dispose();
        }

        Assert.Equal(1, await data.QueryAsync(db => db.InterviewCases.CountAsync()));
        Assert.Equal(1, await data.QueryAsync(db => db.AppealEvents.CountAsync(e => e.AppealId == id && e.Kind == AppealEventKind.Interview)));
        Assert.Equal(1, await data.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditAction.LadderOverride)));

        // A different interview on the same day (another interviewer) is a second case.
        var third = (await office.GetPageAsync(url)).QuerySelector<IHtmlFormElement>("#escalate-form")!;
        using (await office.SubmitAsync(third, Html.Fields(
            ("Step.Kind", "Interview"), ("Step.HeldOn", "2026-03-02"), ("Step.Interviewer", "市纪委 王主任"), ("Step.Notes", "再次约谈"),
            ("Step.Outcome", "限期整改"), ("Step.OverrideReason", "群众多次来电反映")), url))
        {
        }

        Assert.Equal(2, await data.QueryAsync(db => db.InterviewCases.CountAsync()));
    }
}
