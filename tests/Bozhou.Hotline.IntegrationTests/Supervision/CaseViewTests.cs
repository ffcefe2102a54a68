using static Bozhou.Hotline.TestSupport.SupervisionTestData;

namespace Bozhou.Hotline.IntegrationTests.Supervision;

/// <summary>
/// The supervision office's case view (/supervision/appeals/{id}): reached from every queue row, the whole timeline
/// with staff notes, the phone masked with an audited reveal, each deadline and how late, and the ladder in its order.
/// </summary>
public class CaseViewTests
{
    private const string Phone = "+8613800000000";

    [Fact]
    public async Task Every_queue_row_links_to_a_case_view_that_answers_with_the_whole_timeline_and_its_staff_notes()
    {
        using var missed = await SupervisionPages.MissedCallAsync();
        var (_, data, appeal, client) = missed;
        await data.LogAsync(data.DistrictHead, China(2026, 2, 25, 9), topicId: data.TopicConsultation);
        await data.ChangeAsync(appeal.Id, (a, _) => a.AddNote("已与街道核实，站牌下周恢复（内部）", "张伟", null, China(2026, 2, 26, 9)));

        var followed = 0;
        foreach (var kind in SupervisionQueues.All)
        {
            var queue = await client.GetPageAsync($"/supervision?kind={kind}");
            foreach (var row in queue.QuerySelectorAll("#queue-table tbody tr"))
            {
                var href = row.QuerySelector("a.case-link")!.GetAttribute("href")!;
                Assert.Equal($"/supervision/appeals/{row.GetAttribute("data-appeal")}", href);
                var page = await client.GetPageAsync(href);
                Assert.NotNull(page.QuerySelector("#timeline"));
                Assert.NotNull(page.QuerySelector("#deadlines"));
                followed++;
            }
        }

        // Two missed calls, both also without first contact and overdue for their reply by Monday 2 March.
        Assert.True(followed >= 4, $"{followed} rows followed");
        var view = await client.GetPageAsync($"/supervision/appeals/{appeal.Id}");
        var note = view.QuerySelectorAll("#timeline li").Single(li => li.GetAttribute("data-kind") == nameof(AppealEventKind.Note));
        Assert.Contains("已与街道核实", note.TextContent, StringComparison.Ordinal);
        Assert.Contains("list-group-item-warning", note.ClassName, StringComparison.Ordinal);
        Assert.Equal("138****0000", view.QuerySelector("#caller-masked")!.TextContent.Trim());
        Assert.Null(view.QuerySelector("#caller-phone"));
        // The callback owed since Tuesday 24 February was due at the end of Wednesday: late Thu, Fri, the make-up Saturday, Mon.
        Assert.Equal("4", view.QuerySelector("#deadlines tr[data-deadline='Callback']")!.GetAttribute("data-late"));
    }

    [Fact]
    public async Task The_scorecard_drills_down_to_the_cadre_whose_appeals_and_interview_cases_link_to_the_case_view()
    {
        using var missed = await SupervisionPages.MissedCallAsync();
        var (_, data, appeal, client) = missed;
        await EscalateAsync(client, appeal.Id, "Interview", overrideReason: "群众多次来电反映");

        var card = await client.GetPageAsync("/supervision/scorecards?level=cadre&period=2026-03");
        var cadreUrl = card.QuerySelector($"#scorecard tbody tr[data-id='{data.TransportHead}'] a.name")!.GetAttribute("href")!;
        Assert.Equal($"/supervision/cadres/{data.TransportHead}", cadreUrl);
        var cadre = await client.GetPageAsync(cadreUrl);

        var expected = $"/supervision/appeals/{appeal.Id}";
        Assert.Equal(expected, cadre.QuerySelector($"#open-appeals tr[data-appeal='{appeal.Id}'] a.case-link")!.GetAttribute("href"));
        Assert.Equal(expected, cadre.QuerySelector("#cases-table a.case-link")!.GetAttribute("href"));
        Assert.Contains("群众多次来电反映", cadre.QuerySelector("#cases-table .override")!.TextContent, StringComparison.Ordinal);
        await client.GetPageAsync(expected);
    }

    [Fact]
    public async Task The_case_view_answers_404_for_an_appeal_that_does_not_exist()
    {
        using var missed = await SupervisionPages.MissedCallAsync();
        using var response = await missed.Client.GetAsync(new Uri($"/supervision/appeals/{missed.Appeal.Id + 1000}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_callers_phone_is_revealed_on_the_case_view_only_with_a_reason_and_each_reveal_is_audited()
    {
        using var factory = new AuthenticatedHotlineFactory();
        var data = await SeedAsync(factory);
        var cipher = factory.Services.GetRequiredService<CallerDataProtector>().ProtectPhone(Phone);
        var appeal = await data.LogAsync(data.TransportHead, China(2026, 2, 24, 9), phoneCipher: cipher);
        using var client = factory.CreateClientAs("督查员甲", Roles.Supervisor);
        var url = $"/supervision/appeals/{appeal.Id}";
        var form = (await client.GetPageAsync(url)).QuerySelector<IHtmlFormElement>("#reveal-form")!;

        using var refused = await client.SubmitAsync(form, Html.Fields(("reason", " ")), url);
        var without = await Html.ParseAsync(refused);
        Assert.Null(without.QuerySelector("#caller-phone"));
        Assert.NotNull(without.QuerySelector("#reveal-form .form-error"));
        Assert.Equal(0, await data.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditAction.RevealPersonalData)));

        using var shown = await client.SubmitAsync(form, Html.Fields(("reason", "核实群众反映的回电情况")), url);
        var with = await Html.ParseAsync(shown);
        Assert.Equal("tel:" + Phone, with.QuerySelector("#caller-phone")!.GetAttribute("href"));
        var audit = await data.QueryAsync(db => db.AuditEntries.SingleAsync(a => a.Action == AuditAction.RevealPersonalData));
        Assert.Equal($"Appeal:{appeal.Id}", audit.Subject);
        Assert.Equal("督查员甲", audit.UserName);
        Assert.Contains("核实群众反映的回电情况", audit.Details, StringComparison.Ordinal);
        // A plain view afterwards is masked again.
        Assert.Null((await client.GetPageAsync(url)).QuerySelector("#caller-phone"));
    }

    [Fact]
    public async Task An_interview_before_any_reminder_is_refused_naming_the_missing_reminder()
    {
        using var missed = await SupervisionPages.MissedCallAsync();
        var (_, data, appeal, client) = missed;

        var refused = await EscalateAsync(client, appeal.Id, "Interview");

        Assert.Contains($"诉求 {appeal.TrackingCode} 尚未催办", refused.QuerySelector("#escalate-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await data.QueryAsync(db => db.InterviewCases.CountAsync()));
        Assert.Equal(0, await data.QueryAsync(db => db.AppealEvents.CountAsync(e => e.Kind == AppealEventKind.Interview)));
    }

    [Fact]
    public async Task An_interview_follows_only_a_reminder_left_unanswered_past_its_deadline()
    {
        using var missed = await SupervisionPages.MissedCallAsync();
        var (factory, data, appeal, client) = missed;
        // Reminded on the case on Monday 2 March 10:00: the handler has until Tuesday's end to answer it.
        var page = await client.GetPageAsync($"/supervision/appeals/{appeal.Id}");
        using (await client.SubmitAsync(page.QuerySelector<IHtmlFormElement>("#remind-form")!, Html.Fields(("text", "请尽快回电")), $"/supervision/appeals/{appeal.Id}"))
        {
        }

        var early = await EscalateAsync(client, appeal.Id, "Interview");
        Assert.Contains("尚未逾期未回应", early.QuerySelector("#escalate-error")!.TextContent, StringComparison.Ordinal);

        // A second appeal whose reminder was answered by a call back the next morning: no interview either.
        var answered = await data.LogAsync(data.TransportHead, China(2026, 2, 24, 10), then: (a, _) =>
        {
            a.RecordReminder(null, "督查员甲", null, China(2026, 2, 25, 10));
            a.RecordCallback(true, null, "张伟", null, China(2026, 2, 26, 9));
        });
        var afterAnswer = await EscalateAsync(client, answered.Id, "Interview");
        Assert.Contains("尚未逾期未回应", afterAnswer.QuerySelector("#escalate-error")!.TextContent, StringComparison.Ordinal);

        factory.Clock.SetUtcNow(China(2026, 3, 4, 0)); // Tuesday 24:00: the reminder went unanswered
        var opened = await EscalateAsync(client, appeal.Id, "Interview", outcome: "承诺当日回电");

        Assert.Null(opened.QuerySelector("#escalate-error"));
        var stored = await data.QueryAsync(db => db.InterviewCases.Include(c => c.Appeals).SingleAsync());
        Assert.Equal((EscalationKind.Interview, data.TransportHead, appeal.Id), (stored.Kind, stored.CadreId, stored.Appeals.Single().AppealId));
        Assert.Null(stored.OverrideReason);
        Assert.Equal(["Reminder", "Interview"], opened.QuerySelectorAll("#ladder li").Select(li => li.GetAttribute("data-step")));
    }

    [Fact]
    public async Task A_referral_follows_only_an_interview_whose_outcome_is_recorded()
    {
        using var missed = await SupervisionPages.MissedCallAsync();
        var (_, data, appeal, client) = missed;
        await data.ChangeAsync(appeal.Id, (a, _) => a.RecordReminder(null, "督查员甲", null, China(2026, 2, 25, 10)));

        var noInterview = await EscalateAsync(client, appeal.Id, "Referral");
        Assert.Contains("尚未约谈", noInterview.QuerySelector("#escalate-error")!.TextContent, StringComparison.Ordinal);

        await EscalateAsync(client, appeal.Id, "Interview", outcome: "");
        var noOutcome = await EscalateAsync(client, appeal.Id, "Referral");
        Assert.Contains("约谈尚未登记结果", noOutcome.QuerySelector("#escalate-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await data.QueryAsync(db => db.InterviewCases.CountAsync(c => c.Kind == EscalationKind.Referral)));

        var url = $"/supervision/appeals/{appeal.Id}";
        using (var recorded = await client.SubmitAsync(noOutcome.QuerySelector<IHtmlFormElement>("form.outcome-form")!, Html.Fields(("outcome", "约谈后仍未回电")), url))
        {
            Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        }

        var referred = await EscalateAsync(client, appeal.Id, "Referral");

        Assert.Null(referred.QuerySelector("#escalate-error"));
        Assert.Equal(["Reminder", "Interview", "Referral"], referred.QuerySelectorAll("#ladder li").Select(li => li.GetAttribute("data-step")));
        Assert.Contains("约谈后仍未回电", referred.QuerySelector("#ladder .case-outcome")!.TextContent, StringComparison.Ordinal);
        var kinds = await data.QueryAsync(db => db.AppealEvents.Where(e => e.AppealId == appeal.Id).OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync());
        Assert.Equal([AppealEventKind.Reminder, AppealEventKind.Interview, AppealEventKind.Interview, AppealEventKind.Referral], kinds.Where(k => k >= AppealEventKind.Reminder && k <= AppealEventKind.Referral));
    }

    [Fact]
    public async Task A_step_out_of_order_with_a_written_reason_is_stored_audited_and_shown_on_the_case_and_in_the_bulletin()
    {
        using var missed = await SupervisionPages.MissedCallAsync();
        var (_, data, appeal, client) = missed;
        const string Reason = "群众多次反映且情节严重，经主任批准直接移交";

        var referred = await EscalateAsync(client, appeal.Id, "Referral", overrideReason: Reason);

        Assert.Null(referred.QuerySelector("#escalate-error"));
        var stored = await data.QueryAsync(db => db.InterviewCases.SingleAsync());
        Assert.Equal((EscalationKind.Referral, Reason), (stored.Kind, stored.OverrideReason));
        var audit = await data.QueryAsync(db => db.AuditEntries.SingleAsync(a => a.Action == AuditAction.LadderOverride));
        Assert.Equal("督查员甲", audit.UserName);
        Assert.Contains(Reason, audit.Details, StringComparison.Ordinal);
        var timeline = await data.QueryAsync(db => db.AppealEvents.SingleAsync(e => e.AppealId == appeal.Id && e.Kind == AppealEventKind.Referral));
        Assert.Contains(Reason, timeline.Text, StringComparison.Ordinal);
        Assert.Contains(Reason, referred.QuerySelector("#ladder .override")!.TextContent, StringComparison.Ordinal);
        var bulletin = await client.GetPageAsync("/supervision/bulletin?jurisdiction=city&month=2026-03");
        Assert.Contains(Reason, bulletin.QuerySelector("#bulletin-overrides")!.TextContent, StringComparison.Ordinal);
    }

    /// <summary>Posts the case view's escalation form and returns the page it answers with (after the redirect when saved).</summary>
    private static async Task<IHtmlDocument> EscalateAsync(HttpClient client, long appealId, string kind, string outcome = "", string overrideReason = "")
    {
        var url = $"/supervision/appeals/{appealId}";
        var form = (await client.GetPageAsync(url)).QuerySelector<IHtmlFormElement>("#escalate-form")!;
        using var response = await client.SubmitAsync(form, Html.Fields(
            ("Step.Kind", kind), ("Step.HeldOn", "2026-03-02"), ("Step.Interviewer", "市委督查室 刘主任"), ("Step.Notes", "未按时回电"),
            ("Step.Outcome", outcome), ("Step.OverrideReason", overrideReason)), url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Html.ParseAsync(response);
    }
}
