using Bozhou.Hotline.Web.Hosting;
using static Bozhou.Hotline.TestSupport.SupervisionTestData;

namespace Bozhou.Hotline.BrowserTests;

public class SupervisionCaseJourneyTests
{
    [Fact]
    public async Task The_office_goes_from_a_queue_row_to_the_case_and_up_the_ladder_reminder_interview_with_outcome_referral()
    {
        await using var session = await BrowserSession.StartAsync(new AuthenticatedHotlineFactory());
        var data = await SeedAsync(session.Factory);
        var appeal = await data.LogAsync(data.TransportHead, China(2026, 2, 24, 9));
        await data.ChangeAsync(appeal.Id, (a, _) => a.AddNote("已联系街道，待回电（内部）", "张伟", null, China(2026, 2, 26, 9)));
        var page = await session.NewPageAsync();
        await page.SetViewportSizeAsync(1366, 900);
        await page.Context.AddCookiesAsync([new() { Name = TestAuthHandler.Cookie, Value = Uri.EscapeDataString(TestAuthHandler.Value("sup-1", "督查员", Roles.Supervisor)), Url = session.BaseAddress.ToString() }]);
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                errors.Add(m.Text);
            }
        };

        await page.GotoAsync("/supervision?kind=MissedCalls");
        await page.ClickAsync($"tr[data-code='{appeal.TrackingCode}'] a.case-link");
        await page.WaitForURLAsync($"**/supervision/appeals/{appeal.Id}");
        Assert.Contains("已联系街道", await page.InnerTextAsync("#timeline"), StringComparison.Ordinal);
        Assert.Equal("138****0000", (await page.InnerTextAsync("#caller-masked")).Trim());

        await page.FillAsync("#remind-text", "请今日内回电");
        await page.ClickAsync("#remind-form button[type=submit]");
        await page.WaitForSelectorAsync("#ladder li[data-step='Reminder']");

        // Two days on, the reminder went unanswered past its deadline: the interview may follow.
        session.Factory.Clock.SetUtcNow(China(2026, 3, 4, 10));
        await page.ReloadAsync();
        await page.SelectOptionAsync("#Step_Kind", "Interview");
        await page.FillAsync("#Step_Interviewer", "市委督查室 刘主任");
        await page.FillAsync("#Step_Outcome", "承诺当日回电，仍未回电");
        await page.ClickAsync("#escalate-form button[type=submit]");
        await page.WaitForSelectorAsync("#ladder li[data-step='Interview']");

        await page.SelectOptionAsync("#Step_Kind", "Referral");
        await page.FillAsync("#Step_Interviewer", "市纪委监委");
        await page.ClickAsync("#escalate-form button[type=submit]");
        await page.WaitForSelectorAsync("#ladder li[data-step='Referral']");
        Assert.Null(await page.QuerySelectorAsync("#escalate-error"));
        await BrowserSession.ScreenshotAsync(page, "supervision-case-1366");

        var phone = await session.NewPageAsync(phone: true);
        await phone.Context.AddCookiesAsync([new() { Name = TestAuthHandler.Cookie, Value = Uri.EscapeDataString(TestAuthHandler.Value("sup-1", "督查员", Roles.Supervisor)), Url = session.BaseAddress.ToString() }]);
        await phone.GotoAsync($"/supervision/appeals/{appeal.Id}");
        Assert.Equal(3, await phone.Locator("#ladder li[data-step]").CountAsync());
        // Nothing wider than the phone's screen.
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"));
        await BrowserSession.ScreenshotAsync(phone, "supervision-case-390");
        Assert.Empty(errors);
    }
}
