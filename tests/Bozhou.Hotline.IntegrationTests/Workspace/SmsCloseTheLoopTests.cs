using Bozhou.Hotline.Core.Phones;
using Bozhou.Hotline.IntegrationTests.Appeals;

namespace Bozhou.Hotline.IntegrationTests.Workspace;

/// <summary>
/// PRODUCT §4: the caller and the handling side are told by SMS at each step, through the outbox and the HTTP gateway
/// (a local test server), each text signed and written from its template.
/// </summary>
public class SmsCloseTheLoopTests
{
    private const string Signature = "【亳州干部热线】";
    private const string LiMobile = "+8613905580000";
    private const string ZhangMobile = "+8613800000002";
    private const string LiOffice = "+865585123456";
    private const string ZhangOffice = "+865585601234";
    private const string CallerPhone = "+8613805581234";

    [Fact]
    public async Task A_missed_call_logged_on_the_form_texts_the_caller_a_receipt_and_the_cadre_to_call_back()
    {
        await using var scene = await SceneAsync();
        var code = await scene.LogOnFormAsync();

        await scene.DrainAsync();

        var receipt = Assert.Single(scene.Gateway.To(CallerPhone));
        Assert.Equal($"{Signature}您的诉求已登记，查询码{TrackingCode.Format(code)}。凭查询码和来电号码后四位可查询办理进度。", receipt);
        // Logged on Monday 2 March: the call back is due by the end of the next working day.
        Assert.Equal($"{Signature}群众来电未接通，诉求{TrackingCode.Format(code)}请于3月3日24时前回电。", Assert.Single(scene.Gateway.To(LiMobile)));
        Assert.Equal(2, scene.Gateway.Requests);
    }

    [Fact]
    public async Task A_caller_who_declines_SMS_gets_none_while_the_cadre_is_still_told()
    {
        await using var scene = await SceneAsync();
        var code = await scene.LogOnFormAsync(("Input.DeclinesSms", "true"));
        var appeal = await scene.Data.QueryAsync(db => db.Appeals.SingleAsync(a => a.TrackingCode == code));
        using (var staff = await scene.Data.SignInAsync(WorkspaceWorld.StaffEmail))
        {
            await scene.PostAsync(staff, appeal.Id, "callback-form", ("Callback.Reached", "true"));
            await scene.PostAsync(staff, appeal.Id, "reply-form", ("Reply.Kind", "Resolved"), ("Reply.Text", "已协调处理。"), ("Reply.TicketNumber", ""));
        }

        await scene.DrainAsync();

        Assert.True((await scene.Data.AppealAsync(appeal.Id)).DeclinesSms);
        Assert.Empty(scene.Gateway.To(CallerPhone));
        Assert.Single(scene.Gateway.To(LiMobile));
    }

    [Fact]
    public async Task The_first_contact_tells_the_caller_the_handlers_name_and_office_phone_once_and_the_status_page_shows_them()
    {
        await using var scene = await SceneAsync();
        var id = await scene.Data.AddAppealAsync(scene.World.LiId, phone: CallerPhone);
        var code = (await scene.Data.AppealAsync(id)).TrackingCode;
        using (var staff = await scene.Data.SignInAsync(WorkspaceWorld.StaffEmail))
        {
            await scene.PostAsync(staff, id, "callback-form", ("Callback.Reached", "true"));
            await scene.PostAsync(staff, id, "callback-form", ("Callback.Reached", "true"), ("Callback.Note", "再次联系"));
        }

        await scene.DrainAsync();

        Assert.Equal(
            $"{Signature}您的诉求{TrackingCode.Format(code)}由市政府副市长李明承办，办公电话{ChinesePhone.Display(LiOffice)}，如有疑问可来电联系。",
            Assert.Single(scene.Gateway.To(CallerPhone)));

        using var caller = scene.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var checkedIn = await caller.CheckAsync(code, "1234");
        var page = await caller.GetPageAsync($"/appeals/track/{code}");
        Assert.Contains("李明", page.QuerySelector("#handler-name")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("市政府", page.QuerySelector("#handler-unit")!.TextContent.Trim());
        Assert.Equal($"tel:{LiOffice}", page.QuerySelector("#handler-office-phone a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task The_status_page_names_no_handler_before_a_first_contact()
    {
        await using var scene = await SceneAsync();
        var id = await scene.Data.AddAppealAsync(scene.World.LiId, phone: CallerPhone);
        var code = (await scene.Data.AppealAsync(id)).TrackingCode;

        using var caller = scene.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var checkedIn = await caller.CheckAsync(code, "1234");
        var page = await caller.GetPageAsync($"/appeals/track/{code}");

        Assert.NotNull(page.QuerySelector("#status"));
        Assert.Null(page.QuerySelector("#handler-contact"));
    }

    [Fact]
    public async Task A_confidential_appeals_texts_name_no_one()
    {
        await using var scene = await SceneAsync();
        var id = await scene.Data.AddAppealAsync(scene.World.LiId, phone: CallerPhone, confidential: true);
        using (var li = await scene.Data.SignInAsync(WorkspaceWorld.LiEmail))
        {
            await scene.PostAsync(li, id, "callback-form", ("Callback.Reached", "true"));
        }

        await scene.DrainAsync();

        var text = Assert.Single(scene.Gateway.To(CallerPhone));
        Assert.Contains("由承办单位承办", text, StringComparison.Ordinal);
        Assert.DoesNotContain("李明", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_transfer_tells_the_caller_whom_with_the_unit_once_and_the_office_phone_and_the_receiver_to_accept_by_the_deadline()
    {
        await using var scene = await SceneAsync();
        // The published position carries the unit already: the text must not say it twice.
        await scene.Data.Factory.WithDbAsync(db => db.Cadres.Where(c => c.Id == scene.World.ZhangId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Position, "市交通运输局局长")));
        await scene.SetAccountMobileAsync(WorkspaceWorld.ZhangEmail, "+8613700000002");
        var id = await scene.Data.AddAppealAsync(scene.World.LiId, phone: CallerPhone);
        var code = TrackingCode.Format((await scene.Data.AppealAsync(id)).TrackingCode);
        using (var li = await scene.Data.SignInAsync(WorkspaceWorld.LiEmail))
        {
            await scene.PostAsync(li, id, "transfer-form",
                ("Transfer.ToCadreId", scene.World.ZhangId.ToString(CultureInfo.InvariantCulture)), ("Transfer.Reason", "属交通部门职责"));
        }

        await scene.DrainAsync();

        Assert.Equal($"{Signature}您的诉求{code}已转交市交通运输局局长张伟办理，联系电话{ChinesePhone.Display(ZhangOffice)}。", Assert.Single(scene.Gateway.To(CallerPhone)));
        Assert.Equal($"{Signature}市政府副市长李明转来诉求{code}，请于3月3日24时前签收办理。", Assert.Single(scene.Gateway.To("+8613700000002")));
        // The account's mobile stands for the cadre: the directory mobile gets nothing.
        Assert.Empty(scene.Gateway.To(ZhangMobile));
    }

    [Fact]
    public async Task A_reply_tells_the_caller_its_kind_where_to_read_it_and_until_when_to_rate_through_a_short_link()
    {
        await using var scene = await SceneAsync();
        using (var admin = await scene.Data.SignInAsync(WorkspaceWorld.AdminEmail))
        {
            var form = (await admin.GetPageAsync("/admin/settings")).QuerySelector<IHtmlFormElement>("#settings-form")!;
            using var saved = await admin.SubmitAsync(form, Html.Fields(("Input.PublicBaseUrl", "https://rx.bozhou.gov.cn/")), "/admin/settings");
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var id = await scene.Data.AddAppealAsync(scene.World.LiId, phone: CallerPhone);
        using (var staff = await scene.Data.SignInAsync(WorkspaceWorld.StaffEmail))
        {
            await scene.PostAsync(staff, id, "reply-form", ("Reply.Kind", "Explained"), ("Reply.Text", "该线路已按最大运力运营。"), ("Reply.TicketNumber", ""));
        }

        await scene.DrainAsync();

        var appeal = await scene.Data.AppealAsync(id);
        var link = "https://rx.bozhou.gov.cn/t/" + appeal.TrackingCode;
        Assert.Equal(
            $"{Signature}您的诉求{TrackingCode.Format(appeal.TrackingCode)}已答复并说明情况，请查看答复内容，并于{SmsTexts.DueText(appeal.RatingDueAt!.Value)}前评价。{link}",
            Assert.Single(scene.Gateway.To(CallerPhone)));
        using var anonymous = scene.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var followed = await anonymous.GetAsync(new Uri("/t/" + appeal.TrackingCode, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, followed.StatusCode);
        Assert.Equal("/appeals/track/" + appeal.TrackingCode, followed.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task An_unsatisfied_rating_tells_the_caller_and_the_handling_side_that_it_was_sent_back()
    {
        await using var scene = await SceneAsync();
        var id = await scene.Data.AddAppealAsync(scene.World.LiId, phone: CallerPhone,
            then: (a, clock) => a.Reply(ReplyKind.Resolved, "已处理。", null, "李明", null, clock, HotlineFactory.DefaultNow));
        var code = (await scene.Data.AppealAsync(id)).TrackingCode;
        using var caller = scene.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var checkedIn = await caller.CheckAsync(code, "1234");
        var page = await caller.GetPageAsync($"/appeals/track/{code}");
        using var rated = await caller.SubmitAsync(page.QuerySelector<IHtmlFormElement>("#rate-form")!,
            Html.Fields(("Rating.Resolved", "false"), ("Rating.Score", "1")));
        Assert.Equal(HttpStatusCode.Redirect, rated.StatusCode);

        await scene.DrainAsync();

        var appeal = await scene.Data.AppealAsync(id);
        Assert.Equal(AppealStatus.Reopened, appeal.Status);
        var due = SmsTexts.DueText(appeal.ReplyDueAt);
        Assert.Equal($"{Signature}您的诉求{TrackingCode.Format(code)}已发回重办，承办单位将于{due}前重新答复。", Assert.Single(scene.Gateway.To(CallerPhone)));
        Assert.Equal($"{Signature}诉求{TrackingCode.Format(code)}群众评价不满意，已发回重办，请于{due}前重新答复。", Assert.Single(scene.Gateway.To(LiMobile)));
    }

    [Fact]
    public async Task An_appeal_closed_unrated_tells_the_caller_once()
    {
        await using var scene = await SceneAsync();
        var id = await scene.Data.AddAppealAsync(scene.World.LiId, phone: CallerPhone,
            then: (a, clock) => a.Reply(ReplyKind.Resolved, "已处理。", null, "李明", null, clock, HotlineFactory.DefaultNow));
        scene.Factory.Clock.Advance(TimeSpan.FromDays(8));

        var closer = scene.Factory.Services.GetRequiredService<UnratedAppealCloser>();
        Assert.Equal(1, await closer.CloseDueAsync());
        Assert.Equal(0, await closer.CloseDueAsync());
        await scene.DrainAsync();

        var code = TrackingCode.Format((await scene.Data.AppealAsync(id)).TrackingCode);
        Assert.Equal($"{Signature}您的诉求{code}在评价期内未评价，已办结。如有新的问题，欢迎再次反映。", Assert.Single(scene.Gateway.To(CallerPhone)));
    }

    [Fact]
    public async Task A_reminder_goes_to_the_staff_acting_for_the_cadre_at_the_mobile_on_their_account()
    {
        await using var scene = await SceneAsync();
        await scene.SetAccountMobileAsync(WorkspaceWorld.StaffEmail, "+8613700000001");
        var id = await scene.Data.AddAppealAsync(scene.World.LiId, phone: CallerPhone);
        await using (var scope = scene.Factory.Services.CreateAsyncScope())
        {
            var ladder = scope.ServiceProvider.GetRequiredService<EscalationLadder>();
            var result = await ladder.RemindAsync(id, null, Actor.System, scene.Factory.Clock.GetUtcNow());
            Assert.Equal(ReminderOutcome.Sent, result.Outcome);
        }

        await scene.DrainAsync();

        var code = TrackingCode.Format((await scene.Data.AppealAsync(id)).TrackingCode);
        Assert.Equal($"{Signature}督查室催办：请抓紧办理诉求{code}，尽快联系来电人并答复。", Assert.Single(scene.Gateway.To("+8613700000001")));
        Assert.Empty(scene.Gateway.To(LiMobile));
    }

    [Fact]
    public async Task In_quiet_hours_only_the_receipt_goes_and_the_rest_waits_until_7_China_time()
    {
        await using var scene = await SceneAsync();
        // Monday 2 March 2026, 23:00 China time.
        scene.Factory.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 2, 15, 0, 0, TimeSpan.Zero));
        var code = await scene.LogOnFormAsync();

        await scene.DrainAsync();
        Assert.Single(scene.Gateway.To(CallerPhone));
        Assert.Empty(scene.Gateway.To(LiMobile));
        var held = await scene.Data.QueryAsync(db => db.SmsMessages.AsNoTracking().SingleAsync(m => m.Purpose == SmsPurpose.CadreMissedCall));
        Assert.Equal((SmsStatus.Pending, 0, new DateTimeOffset(2026, 3, 2, 23, 0, 0, TimeSpan.Zero)), (held.Status, held.Attempts, held.NextAttemptAt));
        using (var staff = await scene.Data.SignInAsync(WorkspaceWorld.StaffEmail))
        {
            var outbox = await staff.GetPageAsync("/workspace/outbox");
            Assert.Contains("07:00", outbox.QuerySelector($".outbox-row[data-message-id='{held.Id}'] .held-until")!.TextContent, StringComparison.Ordinal);
        }

        scene.Factory.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 2, 22, 59, 0, TimeSpan.Zero));
        await scene.DrainAsync();
        Assert.Empty(scene.Gateway.To(LiMobile));

        scene.Factory.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 2, 23, 0, 0, TimeSpan.Zero));
        await scene.DrainAsync();
        Assert.Contains(TrackingCode.Format(code), Assert.Single(scene.Gateway.To(LiMobile)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_digest_goes_at_8_30_on_a_working_day_once_per_person_with_what_is_due_today_and_overdue()
    {
        await using var scene = await SceneAsync();
        await scene.SetAccountMobileAsync(WorkspaceWorld.StaffEmail, "+8613700000001");
        // A missed call on Monday 2 March: the call back is due by the end of Tuesday 3 March.
        await scene.Data.AddAppealAsync(scene.World.LiId);
        // Logged a fortnight before: its call back, first contact and reply are overdue.
        await scene.Data.AddAppealAsync(scene.World.LiId, at: new DateTimeOffset(2026, 2, 10, 2, 0, 0, TimeSpan.Zero));
        await scene.Data.AddAppealAsync(scene.World.ZhangId, at: new DateTimeOffset(2026, 2, 10, 2, 0, 0, TimeSpan.Zero));
        var job = scene.Factory.Services.GetRequiredService<SmsDigestJob>();

        // Tuesday 3 March, 08:29 and 08:30 China time.
        scene.Factory.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 3, 0, 29, 0, TimeSpan.Zero));
        Assert.False(await job.TryRunAsync(CancellationToken.None));
        scene.Factory.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 3, 0, 30, 0, TimeSpan.Zero));
        Assert.True(await job.TryRunAsync(CancellationToken.None));
        Assert.False(await job.TryRunAsync(CancellationToken.None));
        Assert.Equal(0, await job.SendDueAsync());
        await scene.DrainAsync();

        Assert.Equal($"{Signature}今日到期诉求1件，已超期1件，请登录工作台及时办理。", Assert.Single(scene.Gateway.To("+8613700000001")));
        Assert.Equal($"{Signature}今日到期诉求0件，已超期1件，请登录工作台及时办理。", Assert.Single(scene.Gateway.To(ZhangMobile)));
        Assert.Empty(scene.Gateway.To(LiMobile));
        Assert.Equal(2, scene.Gateway.Requests);
        using var zhang = await scene.Data.SignInAsync(WorkspaceWorld.ZhangEmail);
        var outbox = await zhang.GetPageAsync("/workspace/outbox");
        var digest = Assert.Single(outbox.QuerySelectorAll(".outbox-row"));
        Assert.Equal("Sent", digest.GetAttribute("data-status"));
        Assert.Contains("每日提醒", digest.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-05-04", 0)] // Monday in the Labour Day holiday
    [InlineData("2026-03-07", 0)] // an ordinary Saturday
    [InlineData("2026-05-09", 1)] // Saturday made a working day (调休)
    [InlineData("2026-05-11", 1)] // an ordinary Monday
    public async Task The_digest_follows_the_holiday_calendar(string date, int texts)
    {
        await using var scene = await SceneAsync();
        await scene.Data.AddAppealAsync(scene.World.ZhangId);
        var day = DateOnly.Parse(date, CultureInfo.InvariantCulture);
        scene.Factory.Clock.SetUtcNow(ChinaTime.At(day, new TimeOnly(8, 30)));

        Assert.Equal(texts, await scene.Factory.Services.GetRequiredService<SmsDigestJob>().SendDueAsync());
    }

    [Fact]
    public async Task An_identical_text_within_ten_minutes_and_texts_over_the_daily_limit_are_not_sent_and_are_shown_and_audited()
    {
        await using var scene = await SceneAsync(("Sms:DailyLimitPerPhone", "2"));
        var id = await scene.Data.AddAppealAsync(scene.World.LiId, phone: CallerPhone);
        using var staff = await scene.Data.SignInAsync(WorkspaceWorld.StaffEmail);

        await scene.PostAsync(staff, id, "sms-form", ("Sms.Template", "InMeeting"));
        await scene.DrainAsync();
        scene.Factory.Clock.Advance(TimeSpan.FromMinutes(5));
        await scene.PostAsync(staff, id, "sms-form", ("Sms.Template", "InMeeting"));
        await scene.DrainAsync();
        scene.Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        await scene.PostAsync(staff, id, "sms-form", ("Sms.Template", "TextDetails"));
        await scene.DrainAsync();
        scene.Factory.Clock.Advance(TimeSpan.FromMinutes(20));
        await scene.PostAsync(staff, id, "sms-form", ("Sms.Template", "InMeeting"));
        await scene.DrainAsync();

        Assert.Equal(2, scene.Gateway.To(CallerPhone).Count);
        var statuses = await scene.Data.QueryAsync(db => db.SmsMessages.AsNoTracking().OrderBy(m => m.Id).Select(m => m.Status).ToListAsync());
        Assert.Equal([SmsStatus.Sent, SmsStatus.Duplicate, SmsStatus.Sent, SmsStatus.OverDailyLimit], statuses);
        var outbox = await staff.GetPageAsync("/workspace/outbox");
        Assert.Single(outbox.QuerySelectorAll(".outbox-row[data-status='Duplicate']"));
        Assert.Single(outbox.QuerySelectorAll(".outbox-row[data-status='OverDailyLimit']"));
        var audited = await scene.Data.QueryAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditAction.SmsWithheld).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal(2, audited.Count);
        Assert.Contains("within 10 minutes", audited[0].Details, StringComparison.Ordinal);
        Assert.Contains("2 texts today", audited[1].Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_HTTP_gateway_gets_the_body_with_its_Content_Length_not_chunked()
    {
        await using var scene = await SceneAsync();
        await scene.LogOnFormAsync();

        await scene.DrainAsync();

        Assert.Equal(2, scene.Gateway.Framing.Count);
        Assert.All(scene.Gateway.Framing, f =>
        {
            Assert.True(f.ContentLength > 0, "no Content-Length");
            Assert.Equal("", f.TransferEncoding);
        });
    }

    [Fact]
    public async Task A_placeholder_inside_a_cadres_title_is_sent_as_written_not_filled_in()
    {
        await using var scene = await SceneAsync();
        await scene.Data.Factory.WithDbAsync(db => db.Cadres.Where(c => c.Id == scene.World.ZhangId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Position, "局长{phone}{link}")));
        var id = await scene.Data.AddAppealAsync(scene.World.LiId, phone: CallerPhone);
        using (var li = await scene.Data.SignInAsync(WorkspaceWorld.LiEmail))
        {
            await scene.PostAsync(li, id, "transfer-form",
                ("Transfer.ToCadreId", scene.World.ZhangId.ToString(CultureInfo.InvariantCulture)), ("Transfer.Reason", "属交通部门职责"));
        }

        await scene.DrainAsync();

        var text = Assert.Single(scene.Gateway.To(CallerPhone));
        Assert.Contains("局长{phone}{link}张伟", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_template_that_fills_in_past_the_outbox_limit_is_cut_to_fit_and_the_reply_still_goes()
    {
        await using var scene = await SceneAsync();
        var longBase = "https://rx.bozhou.gov.cn/" + new string('a', 170);
        var manyLinks = "答复{code}，{due}前评价" + string.Concat(Enumerable.Repeat("{link}", 25));
        using (var admin = await scene.Data.SignInAsync(WorkspaceWorld.AdminEmail))
        {
            var form = (await admin.GetPageAsync("/admin/settings")).QuerySelector<IHtmlFormElement>("#settings-form")!;
            using var saved = await admin.SubmitAsync(form,
                Html.Fields(("Input.PublicBaseUrl", longBase), ("Input.Sms[CallerRepliedExplained]", manyLinks)), "/admin/settings");
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var id = await scene.Data.AddAppealAsync(scene.World.LiId, phone: CallerPhone);
        using (var staff = await scene.Data.SignInAsync(WorkspaceWorld.StaffEmail))
        {
            await scene.PostAsync(staff, id, "reply-form", ("Reply.Kind", "Explained"), ("Reply.Text", "该线路已按最大运力运营。"), ("Reply.TicketNumber", ""));
        }

        await scene.DrainAsync();

        var text = Assert.Single(scene.Gateway.To(CallerPhone));
        Assert.StartsWith(Signature + "答复", text, StringComparison.Ordinal);
        Assert.InRange(text.Length, 400, SmsMessage.BodyMaxLength);
    }

    /// <summary>The workspace world on the HTTP test gateway, drained by the test; Li and Zhang with office phones.</summary>
    private static async Task<Scene> SceneAsync(params (string Key, string Value)[] settings)
    {
        var gateway = await SmsTestServer.StartAsync();
        var factory = new HotlineFactory()
            .With("Sms:Gateway", "Http").With("Sms:Url", gateway.Url)
            .WithoutHostedService<SmsOutboxService>()
            // Only the test sends digests; the unrated sweep comes at most monthly in the background.
            .With("Sms:DigestEnabled", "false").With("Appeals:UnratedSweepInterval", "30.00:00:00");
        foreach (var (key, value) in settings)
        {
            factory.With(key, value);
        }

        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        await factory.WithDbAsync(async db =>
        {
            await db.Cadres.Where(c => c.Id == world.LiId).ExecuteUpdateAsync(s => s.SetProperty(c => c.OfficePhone, LiOffice));
            return await db.Cadres.Where(c => c.Id == world.ZhangId).ExecuteUpdateAsync(s => s.SetProperty(c => c.OfficePhone, ZhangOffice));
        });
        return new Scene(factory, gateway, data, world);
    }

    private sealed record Scene(HotlineFactory Factory, SmsTestServer Gateway, WorkspaceTestData Data, WorkspaceWorld World) : IAsyncDisposable
    {
        public Task<int> DrainAsync() => Factory.Services.GetRequiredService<SmsOutboxDrainer>().DrainOnceAsync(CancellationToken.None);

        /// <summary>Posts a form of the appeal page and expects it done (a redirect).</summary>
        public async Task PostAsync(HttpClient client, long id, string formId, params (string Name, string Value)[] fields)
        {
            using var response = await WorkspacePages.PostAsync(client, id, formId, fields);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{formId} answered {(int)response.StatusCode}");
        }

        /// <summary>A citizen logs a missed call to 李明 on /appeals/new; returns the tracking code.</summary>
        public async Task<string> LogOnFormAsync(params (string Name, string Value)[] changes)
        {
            using var client = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            var form = await client.OpenFormAsync(World.LiId);
            var fields = new Dictionary<string, string>
            {
                ["Input.CadreId"] = World.LiId.ToString(CultureInfo.InvariantCulture),
                ["Input.CalledAt"] = ChinaTime.ToChina(Factory.Clock.GetUtcNow().AddMinutes(-10)).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
                ["Input.Outcome"] = nameof(CallOutcome.NotAnswered),
                ["Input.CallerType"] = nameof(CallerType.Individual),
                ["Input.Name"] = "陈静",
                ["Input.Phone"] = "138 0558 1234",
                ["Input.TopicId"] = World.TransportTopicId.ToString(CultureInfo.InvariantCulture),
                ["Input.Description"] = "城区12路公交晚上班次太少，希望增加晚间班次。",
                ["Input.ConsentToContact"] = "true",
            };
            foreach (var (name, value) in changes)
            {
                fields[name] = value;
            }

            using var response = await client.SubmitAsync(form, fields);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            return response.Headers.Location!.OriginalString["/appeals/receipt/".Length..];
        }

        /// <summary>Sets an account's mobile as an administrator does on /admin/accounts.</summary>
        public async Task SetAccountMobileAsync(string email, string mobile)
        {
            var userId = await Data.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
            using var admin = await Data.SignInAsync(WorkspaceWorld.AdminEmail);
            var page = await admin.GetPageAsync($"/admin/accounts/{userId}");
            using var saved = await admin.SubmitAsync(page.QuerySelector<IHtmlFormElement>("#account-mobile")!, Html.Fields(("Mobile", mobile)));
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        public async ValueTask DisposeAsync()
        {
            Factory.Dispose();
            await Gateway.DisposeAsync();
        }
    }
}
