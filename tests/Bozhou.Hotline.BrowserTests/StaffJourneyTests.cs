namespace Bozhou.Hotline.BrowserTests;

/// <summary>
/// A missed call from end to end: the citizen logs it on a phone, staff find it at the top of the inbox,
/// send the one-key SMS, call back and reply; the citizen's tracking page then shows all of it and takes
/// the rating.
/// </summary>
public class StaffJourneyTests
{
    [Fact]
    public async Task A_citizens_missed_call_is_answered_by_staff_from_the_top_of_the_inbox_and_the_citizen_sees_it_and_rates_the_reply()
    {
        var factory = new HotlineFactory().WithoutHostedService<SmsOutboxService>();
        await using var session = await BrowserSession.StartAsync(factory);
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var now = factory.Clock.GetUtcNow();
        await data.AddAppealAsync(world.LiId, CallOutcome.Answered, now.AddDays(-2), world.PolicyTopicId,
            description: "咨询城乡居民医保缴费标准和缴费时间。", then: (a, _) => a.RecordCallback(true, null, "张秘书", null, now.AddDays(-2)));

        // The citizen, on a phone, logs the unanswered call from the cadre's "log this call" link.
        var citizen = await session.NewPageAsync(phone: true);
        await citizen.GotoAsync($"/appeals/new?cadre={world.LiId}");
        await citizen.CheckAsync("#outcome-NotAnswered");
        await citizen.FillAsync("#phone", "138 0558 1234");
        await citizen.SelectOptionAsync("#topic", world.TransportTopicId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await citizen.FillAsync("#description", "城区12路公交晚上8点以后班次太少，下班等车经常超过40分钟，希望增加晚间班次。");
        await citizen.CheckAsync("#consent");
        await Task.WhenAll(citizen.WaitForURLAsync("**/appeals/receipt/**"), citizen.ClickAsync("button[type=submit]"));
        var code = (await citizen.TextContentAsync("#tracking-code"))!.Trim();
        var missed = await data.QueryAsync(db => db.Appeals.Where(a => a.TrackingCode == code.Replace("-", "", StringComparison.Ordinal)).Select(a => a.Id).SingleAsync());
        await BrowserSession.ScreenshotAsync(citizen, "journey-0-receipt-phone");

        var page = await session.NewPageAsync();

        await page.GotoAsync("/account/login");
        await page.FillAsync("#Input_Email", WorkspaceWorld.StaffEmail);
        await page.FillAsync("#Input_Password", WorkspaceTestData.Password);
        await BrowserSession.ScreenshotAsync(page, "workspace-1-login");
        await page.ClickAsync("#login-form button[type=submit]");
        await page.WaitForURLAsync("**/workspace");

        var first = page.Locator(".inbox-row").First;
        Assert.Equal(missed.ToString(System.Globalization.CultureInfo.InvariantCulture), await first.GetAttributeAsync("data-appeal-id"));
        Assert.Equal("未接来电待回电", (await first.Locator(".inbox-badge").First.TextContentAsync())!.Trim());
        await BrowserSession.ScreenshotAsync(page, "workspace-2-inbox");

        await first.Locator("a").First.ClickAsync();
        await page.WaitForURLAsync($"**/workspace/appeals/{missed}");
        Assert.Equal("tel:+8613805581234", await page.GetAttributeAsync("#caller-phone", "href"));
        await BrowserSession.ScreenshotAsync(page, "workspace-3-appeal");

        await page.CheckAsync("#sms-InMeeting");
        await page.ClickAsync("#sms-form button[type=submit]");
        await Expect(page, "短信已提交发送。");

        await page.CheckAsync("#callback-reached-yes");
        await page.FillAsync("#Callback_Note", "已回电，来电人反映晚高峰后12路间隔过长。");
        await page.ClickAsync("#callback-form button[type=submit]");
        await Expect(page, "回电记录已保存。");

        await page.CheckAsync("#reply-Resolved");
        await page.FillAsync("#Reply_Text", "已协调市公交公司，自3月9日起12路晚间增开4个班次，末班车延至22:00。");
        await page.ClickAsync("#reply-form button[type=submit]");
        await Expect(page, "答复已提交。");
        Assert.True(await page.IsVisibleAsync("#awaiting-rating"));
        await BrowserSession.ScreenshotAsync(page, "workspace-4-replied");

        var appeal = await data.AppealAsync(missed);
        Assert.Equal(AppealStatus.Replied, appeal.Status);
        Assert.Equal(
            [AppealEventKind.Logged, AppealEventKind.QuickSms, AppealEventKind.Callback, AppealEventKind.Reply],
            appeal.Events.OrderBy(e => e.Id).Select(e => e.Kind));
        // The receipt, the cadre's call-back text, the quick reply, the first contact and the reply, all waiting in the outbox.
        var outboxed = await data.QueryAsync(db => db.SmsMessages.OrderBy(m => m.Id).Select(m => new { m.Purpose, m.Status }).ToListAsync());
        Assert.Equal(
            [SmsPurpose.Receipt, SmsPurpose.CadreMissedCall, SmsPurpose.QuickReply, SmsPurpose.CallerFirstContact, SmsPurpose.CallerReplied],
            outboxed.Select(m => m.Purpose));
        Assert.All(outboxed, m => Assert.Equal(SmsStatus.Pending, m.Status));
        await page.ClickAsync("a.nav-link[href='/workspace/outbox']");
        Assert.Equal("Pending", await page.GetAttributeAsync(".outbox-row", "data-status"));
        await BrowserSession.ScreenshotAsync(page, "workspace-5-outbox");

        // Back on the citizen's phone: the tracking page shows the SMS, the callback and the reply, and asks for a rating.
        await citizen.GotoAsync($"/appeals/track/{code.Replace("-", "", StringComparison.Ordinal)}");
        var timeline = await citizen.TextContentAsync("#timeline");
        Assert.Contains("已协调市公交公司", timeline, StringComparison.Ordinal);
        await BrowserSession.ScreenshotAsync(citizen, "journey-7-track-replied-phone");
        await citizen.CheckAsync("#resolved-true");
        await citizen.ClickAsync("label[for=score-5]");
        await citizen.FillAsync("#comment", "增开班次后等车时间明显缩短，感谢。");
        await Task.WhenAll(citizen.WaitForLoadStateAsync(), citizen.ClickAsync("#rate-form button[type=submit]"));
        await citizen.WaitForSelectorAsync(".alert-success");
        Assert.Equal("已办结", (await citizen.TextContentAsync("#status"))!.Trim());
        await BrowserSession.ScreenshotAsync(citizen, "journey-8-rated-phone");
        var rated = await data.AppealAsync(missed);
        Assert.Equal(AppealStatus.Closed, rated.Status);
        Assert.Equal(5, rated.RatingScore);

        var phone = await session.NewPageAsync(phone: true);
        await phone.GotoAsync("/account/login");
        await phone.FillAsync("#Input_Email", WorkspaceWorld.LiEmail);
        await phone.FillAsync("#Input_Password", WorkspaceTestData.Password);
        await phone.ClickAsync("#login-form button[type=submit]");
        await phone.WaitForURLAsync("**/workspace");
        await BrowserSession.ScreenshotAsync(phone, "workspace-6-inbox-phone");
    }

    private static async Task Expect(IPage page, string flash)
    {
        var status = page.Locator("main .alert-success[role=status]");
        await status.WaitForAsync();
        Assert.Equal(flash, (await status.TextContentAsync())!.Trim());
    }
}
