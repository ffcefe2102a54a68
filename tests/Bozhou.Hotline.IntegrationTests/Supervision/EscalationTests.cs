using static Bozhou.Hotline.TestSupport.SupervisionTestData;

namespace Bozhou.Hotline.IntegrationTests.Supervision;

/// <summary>The ladder: reminder (催办) → interview (约谈) → referral for serious handling (严肃处理).</summary>
public class EscalationTests
{
    private static readonly DateTimeOffset Monday = China(2026, 3, 2, 10);

    [Fact]
    public async Task A_reminder_is_a_timeline_event_and_an_SMS_to_the_handling_cadre_in_the_outbox()
    {
        using var missed = await SupervisionPages.MissedCallAsync();
        var (factory, data, appeal, client) = missed;
        var form = await client.RemindFormAsync(appeal.TrackingCode);

        using var response = await client.SubmitAsync(form, Html.Fields(("text", "请今日内回电")), "/supervision");
        var after = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(appeal.TrackingCode, after.QuerySelector("main .alert-success")!.TextContent, StringComparison.Ordinal);
        var reminder = await data.QueryAsync(db => db.AppealEvents.SingleAsync(e => e.AppealId == appeal.Id && e.Kind == AppealEventKind.Reminder));
        Assert.Equal(EventActor.Office("督查员甲"), reminder.By);
        Assert.Equal("请今日内回电", reminder.Text);
        Assert.Equal(data.TransportHead, reminder.ToCadreId);
        Assert.Equal(Monday, reminder.At);
        var sms = await data.QueryAsync(db => db.SmsMessages.SingleAsync(m => m.AppealId == appeal.Id));
        Assert.Equal(SmsStatus.Pending, sms.Status);
        Assert.Equal("138****0002", sms.ToPhoneMasked);
        Assert.Contains(TrackingCode.Format(appeal.TrackingCode), sms.Body, StringComparison.Ordinal);
        Assert.StartsWith("【亳州干部热线】督查室催办", sms.Body, StringComparison.Ordinal);
        // Readable the way the outbox drainer reads it.
        Assert.Equal("+8613800000002", factory.Services.GetRequiredService<CallerDataProtector>().Reveal(sms.ToPhoneCipher));
    }

    [Fact]
    public async Task An_interview_case_links_the_cadres_appeals_each_of_which_gets_an_internal_interview_event()
    {
        using var factory = new AuthenticatedHotlineFactory();
        var data = await SeedAsync(factory);
        var first = await data.LogAsync(data.TransportHead, China(2026, 2, 10, 9));
        var second = await data.LogAsync(data.TransportHead, China(2026, 2, 11, 9));
        var notLinked = await data.LogAsync(data.TransportHead, China(2026, 2, 12, 9));
        // Each reminded on Wednesday 25 February and left unanswered past Thursday's end: the interview may follow.
        foreach (var id in new[] { first.Id, second.Id })
        {
            await data.ChangeAsync(id, (a, _) => a.RecordReminder(null, "督查员甲", null, China(2026, 2, 25, 10)));
        }

        using var client = factory.CreateClientAs("督查员甲", Roles.Supervisor);
        var page = await client.GetPageAsync($"/supervision/cadres/{data.TransportHead}");
        Assert.NotNull(page.QuerySelector("#no-cases"));
        var form = page.QuerySelector<IHtmlFormElement>("#case-form")!;
        foreach (var id in new[] { first.Id, second.Id })
        {
            form.QuerySelector<IHtmlInputElement>($"#link-{id}")!.IsChecked = true;
        }

        using var response = await client.SubmitAsync(form, Html.Fields(
            ("Input.Kind", "Interview"), ("Input.HeldOn", "2026-03-02"), ("Input.Interviewer", "市委督查室 刘主任"),
            ("Input.Notes", "两件来电未回拨"), ("Input.Outcome", "承诺三日内全部回电")), $"/supervision/cadres/{data.TransportHead}");
        var record = await Html.ParseAsync(response);

        var row = record.QuerySelector("#cases-table tbody tr")!;
        Assert.Equal("Interview", row.GetAttribute("data-kind"));
        Assert.Contains(first.TrackingCode, row.TextContent, StringComparison.Ordinal);
        Assert.Contains(second.TrackingCode, row.TextContent, StringComparison.Ordinal);
        var stored = await data.QueryAsync(db => db.InterviewCases.Include(c => c.Appeals).SingleAsync());
        Assert.Equal(data.TransportHead, stored.CadreId);
        Assert.Equal(new DateOnly(2026, 3, 2), stored.HeldOn);
        Assert.Equal("市委督查室 刘主任", stored.Interviewer);
        Assert.Equal("承诺三日内全部回电", stored.Outcome);
        Assert.Equal([first.Id, second.Id], stored.Appeals.Select(a => a.AppealId).Order());
        var events = await data.QueryAsync(db => db.AppealEvents.Where(e => e.Kind == AppealEventKind.Interview).ToListAsync());
        Assert.Equal([first.Id, second.Id], events.Select(e => e.AppealId).Order());
        Assert.All(events, e => Assert.True(e.IsInternal));
        Assert.DoesNotContain(events, e => e.AppealId == notLinked.Id);
    }

    [Fact]
    public async Task A_referral_for_serious_handling_puts_a_referral_event_on_the_linked_appeals()
    {
        using var factory = new AuthenticatedHotlineFactory();
        var data = await SeedAsync(factory);
        var appeal = await data.LogAsync(data.DistrictHead, China(2026, 1, 5, 9));
        // The interview before it, with its outcome.
        await data.QueryAsync(async db =>
        {
            db.InterviewCases.Add(new InterviewCase
            {
                CadreId = data.DistrictHead, Kind = EscalationKind.Interview, HeldOn = new DateOnly(2026, 2, 10), Interviewer = "市委督查室",
                Outcome = "承诺一周内办结", CreatedAt = China(2026, 2, 10), CreatedBy = "督查员甲", Appeals = [new InterviewCaseAppeal { AppealId = appeal.Id }],
            });
            return await db.SaveChangesAsync();
        });
        using var client = factory.CreateClientAs("督查员甲", Roles.Supervisor);
        var page = await client.GetPageAsync($"/supervision/cadres/{data.DistrictHead}");
        var form = page.QuerySelector<IHtmlFormElement>("#case-form")!;
        form.QuerySelector<IHtmlInputElement>($"#link-{appeal.Id}")!.IsChecked = true;

        using var response = await client.SubmitAsync(form, Html.Fields(
            ("Input.Kind", "Referral"), ("Input.HeldOn", "2026-03-02"), ("Input.Interviewer", "市纪委监委"),
            ("Input.Notes", "约谈后仍未办理"), ("Input.Outcome", "移交市纪委监委严肃处理")), $"/supervision/cadres/{data.DistrictHead}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await data.QueryAsync(db => db.InterviewCases.SingleAsync(c => c.Kind == EscalationKind.Referral));
        Assert.Null(stored.OverrideReason);
        var referral = await data.QueryAsync(db => db.AppealEvents.SingleAsync(e => e.Kind == AppealEventKind.Referral));
        Assert.Equal(appeal.Id, referral.AppealId);
        Assert.Contains("市纪委监委", referral.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_incomplete_case_form_comes_back_with_its_errors_and_stores_nothing()
    {
        using var factory = new AuthenticatedHotlineFactory();
        var data = await SeedAsync(factory);
        var appeal = await data.LogAsync(data.Mayor, China(2026, 2, 5, 9));
        var other = await data.LogAsync(data.DistrictHead, China(2026, 2, 5, 9));
        using var client = factory.CreateClientAs("督查员甲", Roles.Supervisor);
        var page = await client.GetPageAsync($"/supervision/cadres/{data.Mayor}");
        var form = page.QuerySelector<IHtmlFormElement>("#case-form")!;

        // No interviewer, and another cadre's appeal slipped into the form.
        using var response = await client.SubmitAsync(form, Html.Fields(("Input.Interviewer", ""), ("Input.AppealIds", other.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))), $"/supervision/cadres/{data.Mayor}");
        var again = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errors = again.QuerySelector(".validation-summary-errors")!.TextContent;
        Assert.Contains("约谈人", errors, StringComparison.Ordinal);
        Assert.Contains("只能关联该干部承办的诉求", errors, StringComparison.Ordinal);
        Assert.Equal(0, await data.QueryAsync(db => db.InterviewCases.CountAsync()));
        Assert.NotNull(again.QuerySelector($"#link-{appeal.Id}"));
    }
}
