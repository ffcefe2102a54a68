using Bozhou.Hotline.Core.Phones;

namespace Bozhou.Hotline.BrowserTests;

/// <summary>
/// The loop closed by SMS, end to end on the HTTP gateway (a local test server standing for the citizen's phone): the
/// citizen logs a missed call; staff call back and reply; the phone holds the receipt, the first-contact text with the
/// handler's office phone and the reply text, whose link the citizen follows to rate the reply.
/// </summary>
public class SmsJourneyTests
{
    private const string CitizenPhone = "+8613805581234";
    private const string LiOffice = "+865585123456";

    [Fact]
    public async Task A_citizen_is_texted_at_each_step_and_rates_the_reply_through_the_link_in_the_text()
    {
        await using var gateway = await SmsTestServer.StartAsync();
        var factory = new HotlineFactory()
            .With("Sms:Gateway", "Http").With("Sms:Url", gateway.Url).With("Sms:DigestEnabled", "false")
            .WithoutHostedService<SmsOutboxService>();
        await using var session = await BrowserSession.StartAsync(factory);
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        await data.QueryAsync(db => db.Cadres.Where(c => c.Id == world.LiId).ExecuteUpdateAsync(s => s.SetProperty(c => c.OfficePhone, LiOffice)));
        var drainer = factory.Services.GetRequiredService<SmsOutboxDrainer>();

        // The administrator gives the site's public address, so that texts carry a link to the tracking page.
        var admin = await session.NewPageAsync();
        await SignInAsync(admin, WorkspaceWorld.AdminEmail);
        await admin.GotoAsync("/admin/settings");
        await admin.FillAsync("#Input_PublicBaseUrl", session.BaseAddress.ToString());
        await admin.ClickAsync("#settings-form button[type=submit]");
        await admin.WaitForSelectorAsync("main .alert-success");
        await admin.Locator("#sms-settings").ScrollIntoViewIfNeededAsync();
        await BrowserSession.ScreenshotAsync(admin, "sms-0-settings-templates");

        // The citizen, on a phone, logs the unanswered call.
        var citizen = await session.NewPageAsync(phone: true);
        await citizen.GotoAsync($"/appeals/new?cadre={world.LiId}");
        await citizen.CheckAsync("#outcome-NotAnswered");
        await citizen.FillAsync("#phone", "138 0558 1234");
        await citizen.SelectOptionAsync("#topic", world.TransportTopicId.ToString(CultureInfo.InvariantCulture));
        await citizen.FillAsync("#description", "城区12路公交晚上8点以后班次太少，下班等车经常超过40分钟，希望增加晚间班次。");
        await citizen.CheckAsync("#consent");
        await Task.WhenAll(citizen.WaitForURLAsync("**/appeals/receipt/**"), citizen.ClickAsync("button[type=submit]"));
        var shown = (await citizen.TextContentAsync("#tracking-code"))!.Trim();
        var code = shown.Replace("-", "", StringComparison.Ordinal);
        var id = await data.QueryAsync(db => db.Appeals.Where(a => a.TrackingCode == code).Select(a => a.Id).SingleAsync());
        await drainer.DrainOnceAsync(CancellationToken.None);

        // Staff call back, reaching the citizen, and reply.
        var staff = await session.NewPageAsync();
        await SignInAsync(staff, WorkspaceWorld.StaffEmail);
        await staff.GotoAsync($"/workspace/appeals/{id}");
        await staff.CheckAsync("#callback-reached-yes");
        await staff.ClickAsync("#callback-form button[type=submit]");
        await staff.WaitForSelectorAsync("main .alert-success[role=status]");
        await drainer.DrainOnceAsync(CancellationToken.None);
        await staff.CheckAsync("#reply-Resolved");
        await staff.FillAsync("#Reply_Text", "已协调市公交公司，自3月9日起12路晚间增开4个班次，末班车延至22:00。");
        await staff.ClickAsync("#reply-form button[type=submit]");
        await staff.WaitForSelectorAsync("#awaiting-rating");
        await drainer.DrainOnceAsync(CancellationToken.None);
        await staff.GotoAsync("/workspace/outbox");
        await BrowserSession.ScreenshotAsync(staff, "sms-1-outbox-sent");

        // The citizen's phone: the receipt, the first contact with the handler's office phone, the reply with its link.
        var texts = gateway.To(CitizenPhone);
        Assert.Equal(3, texts.Count);
        Assert.All(texts, t => Assert.StartsWith("【亳州干部热线】", t, StringComparison.Ordinal));
        Assert.Contains($"查询码{shown}", texts[0], StringComparison.Ordinal);
        Assert.Contains($"市政府副市长李明承办，办公电话{ChinesePhone.Display(LiOffice)}", texts[1], StringComparison.Ordinal);
        Assert.Contains("已办结答复", texts[2], StringComparison.Ordinal);
        var link = texts[2][texts[2].IndexOf("http", StringComparison.Ordinal)..];
        Assert.Equal(new Uri(session.BaseAddress, "/t/" + code), new Uri(link));

        // A fresh phone follows the link: the code is filled in, the last four digits prove the caller.
        var phone = await session.NewPageAsync(phone: true);
        await phone.GotoAsync(link);
        Assert.Equal(code, (await phone.InputValueAsync("#code")).Trim());
        await phone.FillAsync("#lastFour", "1234");
        await Task.WhenAll(phone.WaitForURLAsync($"**/appeals/track/{code}"), phone.ClickAsync("#track-check button[type=submit]"));
        Assert.Equal($"tel:{LiOffice}", await phone.GetAttributeAsync("#handler-office-phone a", "href"));
        await BrowserSession.ScreenshotAsync(phone, "sms-2-track-from-link-phone");
        await phone.CheckAsync("#resolved-true");
        await phone.ClickAsync("label[for=score-5]");
        await Task.WhenAll(phone.WaitForLoadStateAsync(), phone.ClickAsync("#rate-form button[type=submit]"));
        await phone.WaitForSelectorAsync(".alert-success");
        Assert.Equal("已办结", (await phone.TextContentAsync("#status"))!.Trim());
        await BrowserSession.ScreenshotAsync(phone, "sms-3-rated-phone");
        Assert.Equal(5, (await data.AppealAsync(id)).RatingScore);
    }

    private static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/account/login");
        await page.FillAsync("#Input_Email", email);
        await page.FillAsync("#Input_Password", WorkspaceTestData.Password);
        await page.ClickAsync("#login-form button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
    }
}
