using Bozhou.Hotline.Web.Hosting;

namespace Bozhou.Hotline.BrowserTests;

public class AppealJourneyTests
{
    [Fact]
    public async Task On_a_phone_a_citizen_logs_a_missed_call_from_a_cadres_card_reads_the_code_and_finds_the_appeal_again()
    {
        await using var session = await BrowserSession.StartAsync();
        var directory = await session.Factory.SeedDirectoryAsync();
        var page = await session.NewPageAsync(phone: true);

        // The card's "log this call" link.
        await page.GotoAsync($"/appeals/new?cadre={directory.DeputyMayorId}");
        Assert.Equal(directory.DeputyMayorId.ToString(CultureInfo.InvariantCulture), await page.InputValueAsync("select#cadre"));
        Assert.Equal("2026-03-02T10:00", await page.InputValueAsync("input#calledAt"));
        await AssertFitsTheScreenAsync(page);
        await BrowserSession.ScreenshotAsync(page, "appeal-new-phone");

        // Submitting empty is stopped by the browser itself (required fields), before any request.
        await page.ClickAsync("button[type=submit]");
        Assert.EndsWith($"/appeals/new?cadre={directory.DeputyMayorId}", page.Url, StringComparison.Ordinal);

        // The phone as a Chinese input method types it, full-width: the browser lets it through and the server reads it.
        await page.FillAsync("#phone", "１３８－０５５８－１２３４");
        Assert.True(await page.EvalOnSelectorAsync<bool>("#phone", "e => e.checkValidity()"));

        await page.CheckAsync("#outcome-NotAnswered");
        await page.FillAsync("#name", "陈静");
        await page.SelectOptionAsync("#topic", directory.MatterTopicId.ToString(CultureInfo.InvariantCulture));
        await page.FillAsync("#description", "谯城区汤陵路路灯连续一周不亮，夜间行人出行不便，请尽快维修。");
        await page.CheckAsync("#consent");
        await Task.WhenAll(page.WaitForURLAsync("**/appeals/receipt/**"), page.ClickAsync("button[type=submit]"));

        var code = (await page.TextContentAsync("#tracking-code"))!.Trim();
        Assert.Matches("^[0-9A-Z]{5}-[0-9A-Z]{5}$", code);
        Assert.Equal(TrackingCodeCheck.Valid, TrackingCode.TryParse(code, out _));
        Assert.Equal("138****1234", (await page.TextContentAsync("#masked-phone"))!.Trim());
        Assert.Contains("2026年3月3日", await page.TextContentAsync("#callback-due"), StringComparison.Ordinal);
        Assert.True(await page.Locator("#tracking-code").IsVisibleAsync());
        await AssertFitsTheScreenAsync(page);
        await BrowserSession.ScreenshotAsync(page, "appeal-receipt-phone");

        // Later, on another phone: the code as read aloud, in lower case, and the last four digits.
        var other = await session.NewPageAsync(phone: true);
        await other.GotoAsync("/appeals/track");
        await other.FillAsync("#code", code.ToLowerInvariant());
        // The digits in full width too: the field's pattern is a valid expression for the browser (else it would be
        // ignored silently), refuses a letter and takes them.
        await other.FillAsync("#lastFour", "12a4");
        Assert.True(await other.EvalOnSelectorAsync<bool>("#lastFour", "e => e.validity.patternMismatch"));
        await other.FillAsync("#lastFour", "１２３４");
        Assert.True(await other.EvalOnSelectorAsync<bool>("#lastFour", "e => e.checkValidity()"));
        await BrowserSession.ScreenshotAsync(other, "appeal-track-check-phone");
        await Task.WhenAll(other.WaitForURLAsync("**/appeals/track/*"), other.ClickAsync("#track-check button[type=submit]"));

        Assert.Equal(code, (await other.TextContentAsync("#tracking-code"))!.Trim());
        Assert.Equal("138****1234", (await other.TextContentAsync("#masked-phone"))!.Trim());
        Assert.Contains("登记诉求（无人接听）", await other.TextContentAsync("#timeline"), StringComparison.Ordinal);
        Assert.DoesNotContain("13805581234", await other.ContentAsync(), StringComparison.Ordinal);
        await AssertFitsTheScreenAsync(other);
        await BrowserSession.ScreenshotAsync(other, "appeal-track-phone");

        // Staff reply (the workspace's part, done here through the DbContext); the citizen rates it.
        await using (var scope = session.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
            var appeal = await db.Appeals.SingleAsync(a => a.TrackingCode == code.Replace("-", "", StringComparison.Ordinal));
            var clock = await scope.ServiceProvider.GetRequiredService<AppealClockSource>().GetAsync();
            appeal.Reply(ReplyKind.Resolved, "已安排城管部门维修，路灯已恢复照明。", null, "赵工作", "user-1", clock, session.Factory.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        }

        await other.ReloadAsync();
        await AssertFitsTheScreenAsync(other);
        await BrowserSession.ScreenshotAsync(other, "appeal-rate-phone");
        await other.CheckAsync("#resolved-true");
        await other.ClickAsync("label[for=score-4]");
        Assert.True(await other.IsCheckedAsync("#score-4"));
        await other.FillAsync("#comment", "处理及时。");
        await Task.WhenAll(other.WaitForLoadStateAsync(), other.ClickAsync("#rate-form button[type=submit]"));
        await other.WaitForSelectorAsync(".alert-success");
        Assert.Equal("已办结", (await other.TextContentAsync("#status"))!.Trim());
        await BrowserSession.ScreenshotAsync(other, "appeal-rated-phone");
    }

    /// <summary>Nothing wider than the phone: no sideways scrolling.</summary>
    private static async Task AssertFitsTheScreenAsync(IPage page)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"{page.Url} is {overflow}px wider than the screen.");
    }
}
