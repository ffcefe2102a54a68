using Bozhou.Hotline.IntegrationTests.Appeals;
using Bozhou.Hotline.IntegrationTests.Supervision;
using Bozhou.Hotline.IntegrationTests.Workspace;
using static Bozhou.Hotline.TestSupport.SupervisionTestData;

namespace Bozhou.Hotline.IntegrationTests.Http;

/// <summary>
/// A POST sent again (a double click, the browser's resend, a retry after a time-out) stores nothing twice: every
/// form whose repeat would double an effect, posted twice with the same one-time key.
/// </summary>
public class RepeatedSubmissionTests
{
    public static TheoryData<string, string, string, string> WorkspaceForms => new()
    {
        { "callback-form", "Callback.Reached", "true", nameof(AppealEventKind.Callback) },
        { "sms-form", "Sms.Template", "InMeeting", nameof(AppealEventKind.QuickSms) },
        { "note-form", "Note.Text", "来电人下午方便接听。", nameof(AppealEventKind.Note) },
    };

    [Theory]
    [MemberData(nameof(WorkspaceForms))]
    public async Task A_workspace_action_posted_twice_is_stored_once_and_the_repeat_is_told_it_was_already_saved(
        string formId, string field, string value, string eventKind)
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var id = await data.AddAppealAsync(world.LiId, CallOutcome.NotAnswered);
        using var staff = await data.SignInAsync(WorkspaceWorld.StaffEmail);
        var page = await WorkspacePages.AppealAsync(staff, id);
        var form = page.QuerySelector<IHtmlFormElement>("#" + formId)!;
        var fields = Html.Fields((field, value)).ToList();
        if (formId == "note-form")
        {
            fields.Add(new("Note.Text", value));
        }

        using var first = await staff.SubmitAsync(form, fields);
        using var repeat = await staff.SubmitAsync(form, fields);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, repeat.StatusCode);
        Assert.Equal(first.Headers.Location, repeat.Headers.Location);
        var after = await staff.GetPageAsync(repeat.Headers.Location!.OriginalString);
        Assert.Contains("此前已提交并保存", after.QuerySelector(".alert")!.TextContent, StringComparison.Ordinal);
        var appeal = await data.AppealAsync(id);
        Assert.Single(appeal.Events, e => e.Kind.ToString() == eventKind);
        var sms = await data.QueryAsync(db => db.SmsMessages.CountAsync(m => m.AppealId == id));
        // The quick reply is one text; the first reached callback tells the caller of the first contact, once.
        Assert.Equal(formId is "sms-form" or "callback-form" ? 1 : 0, sms);
    }

    [Fact]
    public async Task A_citizens_rating_posted_twice_is_stored_once()
    {
        using var logged = await new HotlineFactory().LogOneAppealAsync(replied: true);
        var (factory, client, code) = logged;
        var page = await client.GetPageAsync("/appeals/track/" + code);
        var form = page.QuerySelector<IHtmlFormElement>("form#rate-form")!;
        var fields = Html.Fields(("Rating.Resolved", "false"), ("Rating.Score", "2"), ("Rating.Comment", "还没修好。")).ToList();

        using var first = await client.SubmitAsync(form, fields);
        using var repeat = await client.SubmitAsync(form, fields);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(first.Headers.Location, repeat.Headers.Location);
        var appeal = await factory.LoadAppealAsync(code);
        // One unsatisfied rating reopens once (发回重办); a second would have closed the appeal.
        Assert.Equal(AppealStatus.Reopened, appeal.Status);
        Assert.Single(appeal.Events, e => e.Kind == AppealEventKind.Rating);
    }

    [Fact]
    public async Task A_reminder_posted_twice_is_one_timeline_event_and_one_SMS()
    {
        using var missed = await SupervisionPages.MissedCallAsync(followRedirects: false);
        var (_, data, appeal, client) = missed;
        var form = await client.RemindFormAsync(appeal.TrackingCode);

        using var first = await client.SubmitAsync(form, Html.Fields(("text", "请今日内回电")), "/supervision");
        using var repeat = await client.SubmitAsync(form, Html.Fields(("text", "请今日内回电")), "/supervision");

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, repeat.StatusCode);
        Assert.Equal(1, await data.QueryAsync(db => db.AppealEvents.CountAsync(e => e.AppealId == appeal.Id && e.Kind == AppealEventKind.Reminder)));
        Assert.Equal(1, await data.QueryAsync(db => db.SmsMessages.CountAsync(m => m.AppealId == appeal.Id)));
    }

    [Fact]
    public async Task A_second_reminder_on_the_same_day_from_a_fresh_form_is_refused_with_a_message_and_sends_nothing()
    {
        using var missed = await SupervisionPages.MissedCallAsync();
        var (factory, data, appeal, client) = missed;
        await RemindAsync(client, appeal.TrackingCode);

        var after = await RemindAsync(client, appeal.TrackingCode);

        Assert.Contains("本工作日已对诉求", after.QuerySelector("main .alert")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await data.QueryAsync(db => db.SmsMessages.CountAsync(m => m.AppealId == appeal.Id)));
        // The next day a reminder goes out again.
        factory.Clock.Advance(TimeSpan.FromDays(1));
        await RemindAsync(client, appeal.TrackingCode);
        Assert.Equal(2, await data.QueryAsync(db => db.SmsMessages.CountAsync(m => m.AppealId == appeal.Id)));
    }

    [Fact]
    public async Task A_reminder_on_a_closed_appeal_is_refused_with_a_message_and_sends_nothing()
    {
        using var missed = await SupervisionPages.MissedCallAsync();
        var (factory, data, appeal, client) = missed;
        var form = await client.RemindFormAsync(appeal.TrackingCode);
        await data.ChangeAsync(appeal.Id, (a, clock) =>
        {
            a.Reply(ReplyKind.Resolved, "已解决。", null, "李秘书", null, clock, factory.Clock.GetUtcNow());
            a.Rate(true, 5, null, clock, factory.Clock.GetUtcNow(), AppealActors.Caller);
        });

        using var response = await client.SubmitAsync(form, Html.Fields(("text", "")), "/supervision");
        var after = await Html.ParseAsync(response);

        Assert.Contains("已办结，无需催办", after.QuerySelector("main .alert")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await data.QueryAsync(db => db.SmsMessages.CountAsync(m => m.AppealId == appeal.Id)));
        Assert.Equal(0, await data.QueryAsync(db => db.AppealEvents.CountAsync(e => e.AppealId == appeal.Id && e.Kind == AppealEventKind.Reminder)));
    }

    [Fact]
    public async Task An_interview_case_posted_twice_is_opened_once()
    {
        using var factory = new AuthenticatedHotlineFactory();
        var data = await SeedAsync(factory);
        var appeal = await data.LogAsync(data.TransportHead, China(2026, 2, 10, 9),
            then: (a, _) => a.RecordReminder(null, "督查员甲", null, China(2026, 2, 11, 9)));
        using var client = factory.CreateClientAs("督查员甲", followRedirects: false, Roles.Supervisor);
        var page = await client.GetPageAsync($"/supervision/cadres/{data.TransportHead}");
        var form = page.QuerySelector<IHtmlFormElement>("#case-form")!;
        form.QuerySelector<IHtmlInputElement>($"#link-{appeal.Id}")!.IsChecked = true;
        var fields = Html.Fields(
            ("Input.Kind", "Interview"), ("Input.HeldOn", "2026-03-02"), ("Input.Interviewer", "市委督查室 刘主任"),
            ("Input.Notes", "来电未回拨"), ("Input.Outcome", "承诺三日内回电")).ToList();

        using var first = await client.SubmitAsync(form, fields, $"/supervision/cadres/{data.TransportHead}");
        using var repeat = await client.SubmitAsync(form, fields, $"/supervision/cadres/{data.TransportHead}");

        Assert.Equal(first.Headers.Location, repeat.Headers.Location);
        Assert.Equal(1, await data.QueryAsync(db => db.InterviewCases.CountAsync()));
        Assert.Equal(1, await data.QueryAsync(db => db.AppealEvents.CountAsync(e => e.AppealId == appeal.Id && e.Kind == AppealEventKind.Interview)));
    }

    [Fact]
    public async Task A_refused_sign_in_sent_again_from_the_same_form_with_the_right_password_signs_in()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        using var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await client.GetPageAsync("/account/login");
        var form = page.QuerySelector<IHtmlFormElement>("#login-form")!;

        using var refused = await client.SubmitAsync(form, Html.Fields(("Input.Email", WorkspaceWorld.StaffEmail), ("Input.Password", "wrong-password-2026")), "/account/login");
        using var again = await client.SubmitAsync(form, Html.Fields(("Input.Email", WorkspaceWorld.StaffEmail), ("Input.Password", WorkspaceTestData.Password)), "/account/login");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Contains(again.Headers.GetValues("Set-Cookie"), c => c.StartsWith("hotline.auth", StringComparison.Ordinal));
    }

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> RemindAsync(HttpClient client, string code)
    {
        var form = await client.RemindFormAsync(code);
        using var response = await client.SubmitAsync(form, Html.Fields(("text", "")), "/supervision");
        return await Html.ParseAsync(response);
    }
}
