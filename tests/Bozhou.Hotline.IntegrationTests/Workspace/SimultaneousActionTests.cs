using Bozhou.Hotline.Web.Hosting;
using Bozhou.Hotline.Web.Http;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Bozhou.Hotline.IntegrationTests.Workspace;

/// <summary>
/// Two people press an action on one appeal at the same moment: both forms are loaded first, then both are
/// sent at once, round after round, on each database. One is saved, the other is told to refresh and
/// nothing of it is stored, and the app's next write is not held up by the conflict.
/// </summary>
public class SimultaneousActionTests(ITestOutputHelper output)
{
    private const int Rounds = 6;
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan NextWriteWithin = TimeSpan.FromSeconds(1);

    /// <summary>The pairs sent together: (form, fields) of the cadre and of the staff, each text ending in a tag of its own.</summary>
    private static readonly Func<string, string, ((string Form, (string, string)[] Fields) Cadre, (string Form, (string, string)[] Fields) Staff)>[] Pairs =
    [
        (a, b) => (("reply-form", [("Reply.Kind", "Resolved"), ("Reply.Text", "已解决 " + a)]), ("callback-form", [("Callback.Reached", "true"), ("Callback.Note", "已回电 " + b)])),
        (a, b) => (("note-form", [("Note.Text", "备注 " + a)]), ("note-form", [("Note.Text", "备注 " + b)])),
        (a, b) => (("callback-form", [("Callback.Reached", "false"), ("Callback.Note", "未接通 " + a)]), ("reply-form", [("Reply.Kind", "Explained"), ("Reply.Text", "已说明 " + b)])),
    ];

    [Fact]
    public async Task Two_people_submitting_on_one_appeal_at_the_same_moment_on_SQLite_get_one_saved_and_one_told_to_refresh_and_writes_go_on()
    {
        using var factory = new HotlineFactory();
        await RaceAsync(factory);
    }

    [Fact]
    public async Task Two_people_submitting_on_one_appeal_at_the_same_moment_on_PostgreSQL_get_one_saved_and_one_told_to_refresh_and_writes_go_on()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var factory = new HotlineFactory().UsePostgres(database.ConnectionString);
        await RaceAsync(factory);
    }

    [Fact]
    public async Task A_reminder_sent_while_the_cadre_acts_on_the_appeal_on_SQLite_is_recorded_beside_the_action_never_a_server_error()
    {
        using var factory = new HotlineFactory();
        await OfficeStepDuringActionAsync(factory, Reminder);
    }

    [Fact]
    public async Task A_reminder_sent_while_the_cadre_acts_on_the_appeal_on_PostgreSQL_is_recorded_beside_the_action_never_a_server_error()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var factory = new HotlineFactory().UsePostgres(database.ConnectionString);
        await OfficeStepDuringActionAsync(factory, Reminder);
    }

    [Fact]
    public async Task An_interview_case_opened_while_the_cadre_acts_on_its_appeal_on_SQLite_is_recorded_beside_the_action_never_a_server_error()
    {
        using var factory = new HotlineFactory();
        await OfficeStepDuringActionAsync(factory, InterviewCase);
    }

    [Fact]
    public async Task An_interview_case_opened_while_the_cadre_acts_on_its_appeal_on_PostgreSQL_is_recorded_beside_the_action_never_a_server_error()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var factory = new HotlineFactory().UsePostgres(database.ConnectionString);
        await OfficeStepDuringActionAsync(factory, InterviewCase);
    }

    /// <summary>An office step on one appeal: the form as the office loads it, and what to fill in, ending in the tag.</summary>
    private sealed record OfficeStep(string Name, AppealEventKind Kind, Func<HttpClient, long, Task<(IHtmlFormElement Form, string PageUrl)>> OpenAsync, Func<string, (string, string)[]> Fields);

    private static readonly OfficeStep Reminder = new("reminder", AppealEventKind.Reminder,
        async (office, id) =>
        {
            var queue = await office.GetPageAsync("/supervision?kind=MissedCalls");
            return (queue.QuerySelector<IHtmlFormElement>($"tr[data-appeal='{id}'] form.remind-form")!, "/supervision");
        },
        tag => [("text", "请尽快办理 " + tag)]);

    private static readonly OfficeStep InterviewCase = new("interview case", AppealEventKind.Interview,
        async (office, id) =>
        {
            var url = $"/supervision/cadres/{(await office.GetPageAsync($"/supervision?kind=MissedCalls")).QuerySelector($"tr[data-appeal='{id}'] a[href^='/supervision/cadres/']")!.GetAttribute("href")!["/supervision/cadres/".Length..]}";
            var form = (await office.GetPageAsync(url)).QuerySelector<IHtmlFormElement>("#case-form")!;
            form.QuerySelector<IHtmlInputElement>($"#link-{id}")!.IsChecked = true;
            return (form, url);
        },
        tag => [("Input.Kind", "Interview"), ("Input.HeldOn", "2026-03-02"), ("Input.Interviewer", "市委督查室 刘主任"), ("Input.Notes", "未按时回电"), ("Input.Outcome", "承诺当日回电 " + tag)]);

    /// <summary>
    /// The office's reminder or interview case carries no version: it is about the appeal as it is when it is saved,
    /// so an action saved at the same moment does not refuse it. The cadre's action is saved too, or told to refresh.
    /// </summary>
    private async Task OfficeStepDuringActionAsync(HotlineFactory factory, OfficeStep step)
    {
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        using var cadre = await data.SignInAsync(WorkspaceWorld.LiEmail);
        using var office = await data.SignInAsync(WorkspaceWorld.SupervisorEmail);
        var now = factory.Clock.GetUtcNow();
        AppealClock clock;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            clock = await scope.ServiceProvider.GetRequiredService<AppealClockSource>().GetAsync();
        }

        for (var round = 0; round < Rounds; round++)
        {
            // A missed call not called back, so that it is in the office's queue.
            var id = await data.AddAppealAsync(world.LiId, at: now.AddDays(-20));
            if (step.Kind == AppealEventKind.Interview)
            {
                // The ladder's step before an interview: a reminder left unanswered past its deadline.
                await using var scope = factory.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<EscalationLadder>().RemindAsync(id, null, new Actor(null, "督查室"), now.AddDays(-19));
            }

            var (noteTag, stepTag) = ($"[note {round}]", $"[{step.Name} {round}]");
            var cadrePage = await WorkspacePages.AppealAsync(cadre, id);
            var (form, pageUrl) = await step.OpenAsync(office, id);
            var key = form.QuerySelector<IHtmlInputElement>($"input[name='{SubmissionKeyFilter.FieldName}']")!.Value;

            using var giveUp = new CancellationTokenSource(GiveUpAfter);
            var sent = await Task.WhenAll(
                Send(cadre, cadrePage, ("note-form", [("Note.Text", "备注 " + noteTag)]), giveUp.Token),
                Send(office, form, pageUrl, step.Fields(stepTag), giveUp.Token));

            output.WriteLine($"round {round + 1}: note → {(int)sent[0].Status}, {step.Name} → {(int)sent[1].Status}");
            Assert.Equal(HttpStatusCode.Redirect, sent[1].Status);
            Assert.Contains(sent[0].Status, new[] { HttpStatusCode.Redirect, HttpStatusCode.Conflict });
            var after = await data.AppealAsync(id);
            var sms = await data.QueryAsync(db => db.SmsMessages.AsNoTracking().Where(m => m.AppealId == id).ToListAsync());
            Assert.Single(after.Events, e => e.Kind == step.Kind && e.Text?.EndsWith(stepTag, StringComparison.Ordinal) == true);
            Assert.Equal(sent[0].Status == HttpStatusCode.Redirect ? 1 : 0, after.Events.Count(e => e.Text?.EndsWith(noteTag, StringComparison.Ordinal) == true));
            Assert.Empty(AppealTimelineCheck.Mismatches(after, clock, sms));
            // Saved again after a conflict, the step still stores its form's key: a resend of the form repeats nothing.
            Assert.True(await data.QueryAsync(db => db.FormSubmissions.AnyAsync(s => s.Key == key && s.ResultLocation != null)),
                $"Round {round + 1}: the {step.Name}'s submission key is not stored with where it led.");
        }
    }

    private async Task RaceAsync(HotlineFactory factory)
    {
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        using var cadre = await data.SignInAsync(WorkspaceWorld.LiEmail);
        using var staff = await data.SignInAsync(WorkspaceWorld.StaffEmail);
        using var citizen = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        AppealClock clock;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            clock = await scope.ServiceProvider.GetRequiredService<AppealClockSource>().GetAsync();
        }

        for (var round = 0; round < Rounds; round++)
        {
            var id = await data.AddAppealAsync(world.LiId);
            var (cadreTag, staffTag) = ($"[cadre {round}]", $"[staff {round}]");
            var (cadreAction, staffAction) = Pairs[round % Pairs.Length](cadreTag, staffTag);
            var cadrePage = await WorkspacePages.AppealAsync(cadre, id);
            var staffPage = await WorkspacePages.AppealAsync(staff, id);
            var before = await data.AppealAsync(id);

            using var giveUp = new CancellationTokenSource(GiveUpAfter);
            var sent = await Task.WhenAll(
                Send(cadre, cadrePage, cadreAction, giveUp.Token),
                Send(staff, staffPage, staffAction, giveUp.Token));

            var statuses = sent.Select(s => s.Status).ToList();
            output.WriteLine($"round {round + 1}: cadre {cadreAction.Form} → {(int)statuses[0]}, staff {staffAction.Form} → {(int)statuses[1]}");
            Assert.True(statuses.Order().SequenceEqual([HttpStatusCode.Redirect, HttpStatusCode.Conflict]),
                $"Round {round + 1}: the two answers were {string.Join(" and ", statuses.Select(s => (int)s))}, not one saved (302) and one conflict (409).");
            var (winner, loser) = statuses[0] == HttpStatusCode.Redirect ? (cadreTag, staffTag) : (staffTag, cadreTag);
            var conflict = sent.Single(s => s.Status == HttpStatusCode.Conflict).Page!;
            Assert.Equal("此诉求已被他人更新，请刷新后重试", conflict.QuerySelector("#action-error")!.TextContent.Trim());
            // The page shown again is fresh: the winner's action is on it.
            Assert.Contains(winner, string.Concat(conflict.QuerySelectorAll(".timeline-event").Select(e => e.TextContent)), StringComparison.Ordinal);

            var after = await data.AppealAsync(id);
            var sms = await data.QueryAsync(db => db.SmsMessages.AsNoTracking().Where(m => m.AppealId == id).ToListAsync());
            Assert.Single(after.Events, e => e.Text?.EndsWith(winner, StringComparison.Ordinal) == true);
            Assert.DoesNotContain(after.Events, e => e.Text?.EndsWith(loser, StringComparison.Ordinal) == true);
            Assert.Equal(before.Version + 1, after.Version);
            Assert.Equal(before.Events.Count + 1, after.Events.Count);
            Assert.Empty(AppealTimelineCheck.Mismatches(after, clock, sms));

            var (status, elapsed) = await NewAppealProbe.SubmitAsync(citizen, factory, world, GiveUpAfter);
            output.WriteLine($"         a new appeal afterwards: {(int)status} in {elapsed.TotalMilliseconds:F0} ms");
            Assert.True(status == HttpStatusCode.Redirect && elapsed < NextWriteWithin,
                $"Round {round + 1}: a new appeal through the public form answered {(int)status} after {elapsed.TotalMilliseconds:F0} ms.");
        }
    }

    private static Task<(HttpStatusCode Status, IHtmlDocument? Page)> Send(
        HttpClient client, IHtmlDocument page, (string Form, (string Name, string Value)[] Fields) action, CancellationToken cancellationToken) =>
        Send(client, page.QuerySelector<IHtmlFormElement>("#" + action.Form)!, null, action.Fields, cancellationToken);

    /// <summary>Submits a form; the answer (0: none in time) and the page it carried.</summary>
    private static async Task<(HttpStatusCode Status, IHtmlDocument? Page)> Send(
        HttpClient client, IHtmlFormElement form, string? pageUrl, (string Name, string Value)[] fields, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.SubmitAsync(form, Html.Fields(fields), pageUrl, cancellationToken);
            return (response.StatusCode, await Html.ParseAsync(response));
        }
        catch (OperationCanceledException)
        {
            return (0, null);
        }
    }
}
