using Bozhou.Hotline.Core.Appeals;
using Bozhou.Hotline.Core.Workspace;
using Bozhou.Hotline.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Bozhou.Hotline.BrowserTests;

/// <summary>
/// The staff side of a missed call: sign in, find it at the top of the inbox, send the one-key SMS, call
/// back and reply. The appeal is logged through the database here; the citizen's side (logging the call on
/// /appeals/new and rating the reply on /appeals/track) joins this journey when the appeals feature lands.
/// </summary>
public class StaffJourneyTests
{
    [Fact]
    public async Task Staff_answer_a_missed_call_from_the_top_of_the_inbox_with_an_SMS_a_callback_and_a_reply()
    {
        var factory = new HotlineFactory().With("Sms:DrainInBackground", "false");
        await using var session = await BrowserSession.StartAsync(factory);
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var now = factory.Clock.GetUtcNow();
        await data.AddAppealAsync(world.LiId, CallOutcome.Answered, now.AddDays(-2), world.PolicyTopicId,
            description: "咨询城乡居民医保缴费标准和缴费时间。", then: (a, _) => a.RecordCallback(true, null, "张秘书", null, now.AddDays(-2)));
        var missed = await data.AddAppealAsync(world.LiId, CallOutcome.NotAnswered, now.AddMinutes(-40), world.TransportTopicId,
            description: "城区12路公交晚上8点以后班次太少，下班等车经常超过40分钟，希望增加晚间班次。");
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
        Assert.Equal("tel:+8613800000000", await page.GetAttributeAsync("#caller-phone", "href"));
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
        Assert.Equal(SmsStatus.Pending, (await data.QueryAsync(db => db.SmsMessages.SingleAsync())).Status);
        await page.ClickAsync("a.nav-link[href='/workspace/outbox']");
        Assert.Equal("Pending", await page.GetAttributeAsync(".outbox-row", "data-status"));
        await BrowserSession.ScreenshotAsync(page, "workspace-5-outbox");

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
