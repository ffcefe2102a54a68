using Bozhou.Hotline.IntegrationTests.Workspace;

namespace Bozhou.Hotline.IntegrationTests.Admin;

public class SettingsAdminTests
{
    private const string Url = "/admin/settings";

    private static async Task<HttpResponseMessage> SaveAsync(HttpClient admin, params (string Name, string Value)[] fields)
    {
        var form = (await admin.GetPageAsync(Url)).QuerySelector<IHtmlFormElement>("#settings-form")!;
        return await admin.SubmitAsync(form, Html.Fields(fields), Url);
    }

    private static Task<List<AuditEntry>> SettingsAuditAsync(WorkspaceTestData data) =>
        data.QueryAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Subject == "Settings").OrderBy(e => e.Id).ToListAsync());

    private static string Error(IDocument page, string field) =>
        page.QuerySelector($"[data-valmsg-for='Input.{field}']")!.TextContent.Trim();

    [Fact]
    public async Task A_callback_limit_saved_as_two_working_days_sets_the_deadline_of_appeals_logged_afterwards_and_leaves_earlier_ones()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var earlierId = await data.AddAppealAsync(world.LiId);
        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);
        Assert.Equal("1", (await admin.GetPageAsync(Url)).QuerySelector<IHtmlInputElement>("#Input_CallbackWorkingDays")!.Value);

        using var saved = await SaveAsync(admin, ("Input.CallbackWorkingDays", "2"));
        var laterId = await data.AddAppealAsync(world.LiId);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var earlier = await data.AppealAsync(earlierId);
        var later = await data.AppealAsync(laterId);
        // Logged on Monday 2 March 2026: one working day ends at the end of Tuesday, two at the end of Wednesday.
        Assert.Equal(new DateTimeOffset(2026, 3, 4, 0, 0, 0, TimeSpan.FromHours(8)), earlier.CallbackDueAt);
        Assert.Equal(earlier.CallbackDueAt!.Value.AddDays(1), later.CallbackDueAt);
        Assert.Equal("2", (await admin.GetPageAsync(Url)).QuerySelector<IHtmlInputElement>("#Input_CallbackWorkingDays")!.Value);
    }

    [Fact]
    public async Task Each_save_is_one_audit_entry_with_the_values_before_and_after()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);

        using var first = await SaveAsync(admin, ("Input.CallbackWorkingDays", "2"));
        using var second = await SaveAsync(admin, ("Input.ReplyOtherWorkingDays", "15"), ("Input.Sms[TextDetails]", "请将具体事项短信发至本号码，诉求编号{code}"));
        using var unchanged = await SaveAsync(admin);

        var entries = await SettingsAuditAsync(data);
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal((AuditAction.AdminChange, WorkspaceWorld.AdminEmail), (e.Action, e.UserName)));
        Assert.Contains("\"Clocks:CallbackWorkingDays\":1", entries[0].Before, StringComparison.Ordinal);
        Assert.Contains("\"Clocks:CallbackWorkingDays\":2", entries[0].After, StringComparison.Ordinal);
        Assert.Equal("{\"Clocks:ReplyOtherWorkingDays\":10,\"Sms:TextDetails\":\"您好，{name}暂不便接听，请回复短信告知具体事项。诉求编号{code}。\"}", entries[1].Before);
        Assert.Equal("{\"Clocks:ReplyOtherWorkingDays\":15,\"Sms:TextDetails\":\"请将具体事项短信发至本号码，诉求编号{code}\"}", entries[1].After);
        Assert.Contains("设置没有变化", (await admin.GetPageAsync(Url)).Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_supervision_offices_mobile_is_saved_in_E164_audited_and_a_landline_is_refused()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);

        using (var refused = await SaveAsync(admin, ("Input.SupervisionMobile", "0558-5123456")))
        {
            Assert.Equal("请填写有效的中国大陆手机号码，或留空", Error(await Html.ParseAsync(refused), "SupervisionMobile"));
        }

        using var saved = await SaveAsync(admin, ("Input.SupervisionMobile", "139 0000 0001"));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("+8613900000001", await data.QueryAsync(db => db.SavedSettings.Select(s => s.SupervisionMobile).SingleAsync()));
        Assert.Contains("\"Supervision:AlertMobile\":\"+8613900000001\"", (await SettingsAuditAsync(data)).Single().After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_settings_get_Chinese_messages_in_the_form_and_nothing_is_written()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);

        using var response = await SaveAsync(admin,
            ("Input.CallbackWorkingDays", "0"), ("Input.RetentionDays", ""), ("Input.Sms[InMeeting]", " "),
            ("Input.Sms[PassedOn]", "您反映的事项已转交有关部门办理"), ("Input.Sms[TextDetails]", new string('请', 201) + "{code}"),
            ("Input.Sms[CadreReminder]", "催办{0}"), ("Input.Sms[CallerLogged]", "查询码{code}，请于{deadline}前查询"),
            ("Input.SmsSignature", "亳州干部热线"), ("Input.PublicBaseUrl", "rx.bozhou.gov.cn"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal("“未接来电回电时限”须为 1 至 10 之间的整数", Error(page, "CallbackWorkingDays"));
        Assert.Equal("“诉求办结后保存来电人姓名和电话的天数”须为 1 至 3650 之间的整数", Error(page, "RetentionDays"));
        Assert.Equal("请填写“一键回复：在开会”", Error(page, "Sms[InMeeting]"));
        Assert.Equal("“一键回复：已转交”须包含占位符 {name}", Error(page, "Sms[PassedOn]"));
        Assert.Equal("“一键回复：请短信告知”不能超过 200 字，请精简", Error(page, "Sms[TextDetails]"));
        Assert.Equal("“督查室催办短信”含有无法识别的占位符 {0}，此模板可用的占位符为：{code} {due}", Error(page, "Sms[CadreReminder]"));
        Assert.Equal("“告知来电人：诉求已登记”含有无法识别的占位符 {deadline}，此模板可用的占位符为：{code} {name} {due} {link}", Error(page, "Sms[CallerLogged]"));
        Assert.Equal("短信签名须为【】括起的2至12个字（含括号不超过 16 字），如【亳州干部热线】", Error(page, "SmsSignature"));
        Assert.Equal("平台公网地址须为以 http:// 或 https:// 开头的完整网址", Error(page, "PublicBaseUrl"));
        Assert.Equal(0, await data.QueryAsync(db => db.SavedSettings.CountAsync()));
        Assert.Empty(await SettingsAuditAsync(data));
    }

    [Theory]
    [InlineData("https://rx.bozhou.gov.cn@evil.example/")] // reads as the city's address, leads elsewhere
    [InlineData("https://rx.bozhou.gov.cn/?next=")] // the code would land in a query string
    [InlineData("https://rx.bozhou.gov.cn/#")] // or in a fragment the server never sees
    [InlineData("javascript:alert(1)")]
    [InlineData("ftp://rx.bozhou.gov.cn/")]
    public async Task A_public_address_that_would_not_lead_to_the_tracking_page_is_refused(string url)
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);

        using var response = await SaveAsync(admin, ("Input.PublicBaseUrl", url));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("平台公网地址须为以 http:// 或 https:// 开头的完整网址", Error(await Html.ParseAsync(response), "PublicBaseUrl"));
        Assert.Equal(0, await data.QueryAsync(db => db.SavedSettings.CountAsync()));
    }

    [Fact]
    public async Task The_English_form_refuses_a_missing_placeholder_in_English()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);
        using (await admin.GetAsync(new Uri("/culture/en?returnUrl=/", UriKind.Relative)))
        {
        }

        using var response = await SaveAsync(admin, ("Input.Sms[CadreMissedCall]", "请尽快回电，诉求{code}"));

        Assert.Equal("\"To the handler: missed call, please call back\" must contain the placeholder {due}", Error(await Html.ParseAsync(response), "Sms[CadreMissedCall]"));
    }

    [Fact]
    public async Task The_form_shows_each_texts_length_as_sent_and_its_number_of_SMS_segments()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);
        var longer = "您的诉求{code}已由{name}办结，" + new string('请', 60);

        using var saved = await SaveAsync(admin, ("Input.Sms[CallerRepliedResolved]", longer + "于{due}前评价"));
        var page = await admin.GetPageAsync(Url);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var logged = page.QuerySelector(".sms-template[data-text='CallerLogged'] .sms-length")!;
        var expected = new SmsTemplates().Render(SmsText.CallerLogged, SmsTexts.Sample).Length;
        Assert.Equal((expected.ToString(CultureInfo.InvariantCulture), "1"), (logged.GetAttribute("data-length"), logged.GetAttribute("data-segments")));
        Assert.Contains($"示例共 {expected} 字，计 1 条短信", logged.TextContent, StringComparison.Ordinal);
        var replied = page.QuerySelector(".sms-template[data-text='CallerRepliedResolved'] .sms-length")!;
        var length = int.Parse(replied.GetAttribute("data-length")!, CultureInfo.InvariantCulture);
        Assert.InRange(length, 71, 134);
        Assert.Equal("2", replied.GetAttribute("data-segments"));
    }

    [Fact]
    public async Task An_edited_quick_reply_is_the_body_of_the_next_quick_SMS_and_an_edited_reminder_the_body_of_the_next_reminder()
    {
        using var factory = new HotlineFactory().WithoutHostedService<SmsOutboxService>();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var id = await data.AddAppealAsync(world.LiId);
        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);
        using var saved = await SaveAsync(admin,
            ("Input.Sms[InMeeting]", "您好，我正在开会，会后给您回电（{code}）"), ("Input.Sms[CadreReminder]", "诉求{code}已超时限，请于今日内联系来电人"),
            ("Input.SmsSignature", "【亳州市政府】"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        using var staff = await data.SignInAsync(WorkspaceWorld.StaffEmail);
        var code = TrackingCode.Format((await data.AppealAsync(id)).TrackingCode);
        Assert.Contains($"【亳州市政府】您好，我正在开会，会后给您回电（{code}）", (await WorkspacePages.AppealAsync(staff, id)).QuerySelector("#sms-form")!.TextContent, StringComparison.Ordinal);

        using var sent = await WorkspacePages.PostAsync(staff, id, "sms-form", ("Sms.Template", "InMeeting"));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<EscalationLadder>().RemindAsync(id, null, new Actor(null, "督查室"), factory.Clock.GetUtcNow(), TestContext.Current.CancellationToken);
        }

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var appeal = await data.AppealAsync(id);
        Assert.Equal($"【亳州市政府】您好，我正在开会，会后给您回电（{code}）", Assert.Single(appeal.Events, e => e.Kind == AppealEventKind.QuickSms).Text);
        var bodies = await data.QueryAsync(db => db.SmsMessages.AsNoTracking().OrderBy(m => m.Id).Select(m => m.Body).ToListAsync());
        Assert.Equal([$"【亳州市政府】您好，我正在开会，会后给您回电（{code}）", $"【亳州市政府】诉求{code}已超时限，请于今日内联系来电人"], bodies);
    }

    [Fact]
    public async Task The_retention_period_saved_in_settings_is_the_one_the_daily_purge_uses()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var closedAt = factory.Clock.GetUtcNow().AddHours(1);
        var appealId = await data.AddAppealAsync(world.LiId, CallOutcome.Answered, then: (appeal, clock) =>
        {
            appeal.Reply(ReplyKind.Resolved, "已协调公交公司增加晚间班次。", null, "李明", null, clock, closedAt.AddMinutes(-30));
            appeal.Rate(true, 5, null, clock, closedAt, "来电人");
        });
        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);
        using var saved = await SaveAsync(admin, ("Input.RetentionDays", "30"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var purger = factory.Services.GetRequiredService<PersonalDataPurger>();

        factory.Clock.SetUtcNow(closedAt.AddDays(30).AddTicks(-1));
        Assert.Equal(0, await purger.PurgeDueAsync(TestContext.Current.CancellationToken));
        factory.Clock.SetUtcNow(closedAt.AddDays(30));
        Assert.Equal(1, await purger.PurgeDueAsync(TestContext.Current.CancellationToken));

        Assert.Null((await data.AppealAsync(appealId)).CallerPhoneCipher);
    }

    [Fact]
    public void A_configured_clock_outside_the_settings_forms_range_stops_start_up_with_the_range_named()
    {
        // Six transfers is within what the start-up check allowed before (0–10) but not what the form accepts (0–5):
        // such a value could not have been saved again unchanged.
        using var factory = new HotlineFactory().With("Clocks:MaxTransfers", "6");

        var error = Record.Exception(() => factory.CreateClient());

        Assert.NotNull(error);
        Assert.Contains("Clocks:MaxTransfers must be between 0 and 5 (is 6).", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Clocks_configured_at_either_end_of_their_range_are_saved_unchanged_by_the_settings_form(bool highest)
    {
        using var factory = new HotlineFactory();
        foreach (var limit in ClockLimits.All)
        {
            factory.With($"Clocks:{limit.Name}", (highest ? limit.Max : limit.Min).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);
        var form = (await admin.GetPageAsync("/admin/settings")).QuerySelector<IHtmlFormElement>("#settings-form")!;

        using var response = await admin.SubmitAsync(form, pageUrl: "/admin/settings");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(1, await data.QueryAsync(db => db.SavedSettings.CountAsync()));
    }

    [Fact]
    public async Task Settings_answer_403_to_cadre_staff_and_supervisor_on_get_and_post_and_change_nothing()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        foreach (var email in new[] { WorkspaceWorld.LiEmail, WorkspaceWorld.StaffEmail, WorkspaceWorld.SupervisorEmail })
        {
            using var client = await data.SignInAsync(email);
            // A token this user may hold, so that only the authorization can refuse the post.
            var ownForm = (await client.GetPageAsync("/account/change-password")).QuerySelector<IHtmlFormElement>("form[method='post']")!;
            var token = ownForm.QuerySelector<IHtmlInputElement>("input[name='__RequestVerificationToken']")!.Value;
            using var get = await client.GetAsync(new Uri(Url, UriKind.Relative), TestContext.Current.CancellationToken);
            using var post = await client.PostAsync(new Uri(Url, UriKind.Relative), new FormUrlEncodedContent(
                Html.Fields(("__RequestVerificationToken", token), ("Input.CallbackWorkingDays", "5"))), TestContext.Current.CancellationToken);
            foreach (var response in new[] { get, post })
            {
                Assert.True(response.StatusCode is HttpStatusCode.Forbidden
                    || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/account/access-denied", StringComparison.Ordinal)),
                    $"{email} {response.RequestMessage!.Method} {Url} answered {(int)response.StatusCode} {response.Headers.Location}");
            }
        }

        Assert.Equal(0, await data.QueryAsync(db => db.SavedSettings.CountAsync()));
        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);
        Assert.NotNull((await admin.GetPageAsync("/admin")).QuerySelector("a[href='/admin/settings']"));
        Assert.NotNull((await admin.GetPageAsync("/admin")).QuerySelector("#nav-settings"));
    }
}
