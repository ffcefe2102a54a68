namespace Bozhou.Hotline.IntegrationTests.Workspace;

public class AppealActionTests
{
    [Fact]
    public async Task Recording_a_callback_that_reached_the_caller_makes_first_contact_and_stops_the_callback_clock()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var id = await data.AddAppealAsync(world.LiId, CallOutcome.NotAnswered);
        using var staff = await data.SignInAsync(WorkspaceWorld.StaffEmail);

        using var response = await WorkspacePages.PostAsync(staff, id, "callback-form", ("Callback.Reached", "true"), ("Callback.Note", "已回电，来电人说明了情况。"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/workspace/appeals/{id}", response.Headers.Location!.OriginalString);
        var appeal = await data.AppealAsync(id);
        Assert.Equal(AppealStatus.Contacted, appeal.Status);
        Assert.Null(appeal.CallbackDueAt);
        Assert.Equal(factory.Clock.GetUtcNow(), appeal.FirstContactAt);
        var callback = Assert.Single(appeal.Events, e => e.Kind == AppealEventKind.Callback);
        Assert.Equal(EventActor.Staff("张秘书", "李明"), callback.By);
        Assert.Equal("Reached", callback.Outcome);
        Assert.Equal("已回电，来电人说明了情况。", callback.Text);
        var page = await WorkspacePages.AppealAsync(staff, id);
        Assert.Equal("回电记录已保存。", page.QuerySelector("[role=status].alert-success")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_callback_that_did_not_reach_the_caller_is_recorded_without_first_contact()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var id = await data.AddAppealAsync(world.LiId, CallOutcome.BusyOrOff);
        using var cadre = await data.SignInAsync(WorkspaceWorld.LiEmail);

        using var response = await WorkspacePages.PostAsync(cadre, id, "callback-form", ("Callback.Reached", "false"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var appeal = await data.AppealAsync(id);
        Assert.Equal(AppealStatus.Logged, appeal.Status);
        Assert.Null(appeal.FirstContactAt);
        Assert.Equal("NotReached", appeal.Events.Single(e => e.Kind == AppealEventKind.Callback).Outcome);
        Assert.Equal("李明（副市长）", appeal.Events.Single(e => e.Kind == AppealEventKind.Callback).Actor);
    }

    [Fact]
    public async Task A_callback_without_saying_whether_the_caller_was_reached_gets_a_message_and_changes_nothing()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var id = await data.AddAppealAsync(world.LiId);
        using var staff = await data.SignInAsync(WorkspaceWorld.StaffEmail);

        using var response = await WorkspacePages.PostAsync(staff, id, "callback-form", ("Callback.Note", "忘了选"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal("请选择是否联系上", page.QuerySelector("[data-valmsg-for='Callback.Reached']")!.TextContent.Trim());
        Assert.Equal("忘了选", page.QuerySelector("#Callback_Note")!.TextContent.Trim());
        Assert.Single((await data.AppealAsync(id)).Events);
    }

    [Fact]
    public async Task A_quick_SMS_is_recorded_on_the_timeline_and_queued_in_the_outbox_in_the_same_transaction()
    {
        using var factory = new HotlineFactory().WithoutHostedService<SmsOutboxService>();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var id = await data.AddAppealAsync(world.LiId);
        using var staff = await data.SignInAsync(WorkspaceWorld.StaffEmail);

        using var response = await WorkspacePages.PostAsync(staff, id, "sms-form", ("Sms.Template", "InMeeting"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var appeal = await data.AppealAsync(id);
        var sms = Assert.Single(appeal.Events, e => e.Kind == AppealEventKind.QuickSms);
        var expected = $"【亳州干部热线】您好，市政府副市长李明正在开会，会后给您回电。诉求编号{TrackingCode.Format(appeal.TrackingCode)}。";
        Assert.Equal(expected, sms.Text);
        var message = Assert.Single(await data.QueryAsync(db => db.SmsMessages.ToListAsync()));
        Assert.Equal(id, message.AppealId);
        Assert.Equal(expected, message.Body);
        Assert.Equal(SmsPurpose.QuickReply, message.Purpose);
        Assert.Equal(SmsStatus.Pending, message.Status);
        Assert.Equal(WorkspaceTestData.CallerPhoneMasked, message.ToPhoneMasked);
        Assert.Equal(appeal.CallerPhoneCipher, message.ToPhoneCipher);
        Assert.Equal(factory.Clock.GetUtcNow(), message.NextAttemptAt);
    }

    [Fact]
    public async Task A_quick_SMS_to_a_landline_is_refused_in_the_form_and_leaves_no_half_record()
    {
        using var factory = new HotlineFactory().WithoutHostedService<SmsOutboxService>();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var id = await data.AddAppealAsync(world.LiId, phone: WorkspaceTestData.Landline);
        var before = await data.AppealAsync(id);
        using var staff = await data.SignInAsync(WorkspaceWorld.StaffEmail);

        using var response = await WorkspacePages.PostAsync(staff, id, "sms-form", ("Sms.Template", "TextDetails"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains("不是手机号码", page.QuerySelector("#sms-form")!.ParentElement!.QuerySelector(".form-error")!.TextContent, StringComparison.Ordinal);
        var after = await data.AppealAsync(id);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Events.Count, after.Events.Count);
        Assert.Equal(0, await data.QueryAsync(db => db.SmsMessages.CountAsync()));
    }

    [Fact]
    public async Task The_passed_on_SMS_names_the_receiver_and_is_refused_before_any_transfer()
    {
        using var factory = new HotlineFactory().WithoutHostedService<SmsOutboxService>();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var id = await data.AddAppealAsync(world.LiId);
        using var li = await data.SignInAsync(WorkspaceWorld.LiEmail);

        var page = await WorkspacePages.AppealAsync(li, id);
        Assert.True(page.QuerySelector("#sms-PassedOn")!.HasAttribute("disabled"));
        using var forged = await WorkspacePages.PostAsync(li, id, "sms-form", ("Sms.Template", "PassedOn"));
        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.Contains("尚未转办", (await Html.ParseAsync(forged)).QuerySelector("#action-error")!.TextContent, StringComparison.Ordinal);

        using var transferred = await WorkspacePages.PostAsync(li, id, "transfer-form",
            ("Transfer.ToCadreId", world.ZhangId.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Transfer.Reason", "属交通部门职责"));
        Assert.Equal(HttpStatusCode.Redirect, transferred.StatusCode);
        using var zhang = await data.SignInAsync(WorkspaceWorld.ZhangEmail);
        using var passedOn = await WorkspacePages.PostAsync(zhang, id, "sms-form", ("Sms.Template", "PassedOn"));
        Assert.Equal(HttpStatusCode.Redirect, passedOn.StatusCode);

        var message = await data.QueryAsync(db => db.SmsMessages.SingleAsync(m => m.Purpose == SmsPurpose.QuickReply));
        var code = TrackingCode.Format((await data.AppealAsync(id)).TrackingCode);
        Assert.Equal($"【亳州干部热线】您反映的事项（编号{code}）已转交市交通运输局局长张伟办理，将与您联系。", message.Body);
        Assert.Contains((await data.AppealAsync(id)).Events, e => e.Kind == AppealEventKind.QuickSms && e.Text == message.Body);
    }

    [Theory]
    [InlineData("Resolved", "已协调公交公司自3月9日起增开晚间班次。", "")]
    [InlineData("Explained", "该线路已按最大运力运营，暂无法增开，已建议改乘15路。", "")]
    [InlineData("ReferredTo12345", "已转12345热线由公交公司办理。", "BZ2026030200123")]
    public async Task A_reply_gives_the_caller_the_answer_and_starts_the_rating_window(string kind, string text, string ticket)
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var id = await data.AddAppealAsync(world.LiId, CallOutcome.Answered);
        using var staff = await data.SignInAsync(WorkspaceWorld.StaffEmail);

        using var response = await WorkspacePages.PostAsync(staff, id, "reply-form", ("Reply.Kind", kind), ("Reply.Text", text), ("Reply.TicketNumber", ticket));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var appeal = await data.AppealAsync(id);
        Assert.Equal(AppealStatus.Replied, appeal.Status);
        Assert.Equal(Enum.Parse<ReplyKind>(kind), appeal.ReplyKind);
        Assert.Equal(text, appeal.ReplyText);
        Assert.Equal(ticket.Length == 0 ? null : ticket, appeal.TicketNumber12345);
        Assert.Equal(factory.Clock.GetUtcNow().AddDays(7), appeal.RatingDueAt);
        var reply = Assert.Single(appeal.Events, e => e.Kind == AppealEventKind.Reply);
        Assert.False(reply.IsInternal);
        Assert.NotNull((await WorkspacePages.AppealAsync(staff, id)).QuerySelector("#awaiting-rating"));
    }

    [Fact]
    public async Task A_referral_to_12345_without_its_ticket_number_is_refused_in_the_form()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var id = await data.AddAppealAsync(world.LiId, CallOutcome.Answered);
        using var staff = await data.SignInAsync(WorkspaceWorld.StaffEmail);

        using var response = await WorkspacePages.PostAsync(staff, id, "reply-form", ("Reply.Kind", "ReferredTo12345"), ("Reply.Text", "已转12345。"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("转12345办理须填写工单号", (await Html.ParseAsync(response)).QuerySelector("[data-valmsg-for='Reply.TicketNumber']")!.TextContent.Trim());
        Assert.Equal(AppealStatus.Logged, (await data.AppealAsync(id)).Status);
    }

    [Fact]
    public async Task An_internal_note_is_on_the_staff_timeline_marked_internal()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var id = await data.AddAppealAsync(world.LiId);
        using var staff = await data.SignInAsync(WorkspaceWorld.StaffEmail);

        using var response = await WorkspacePages.PostAsync(staff, id, "note-form", ("Note.Text", "来电人情绪激动，回电时注意方式。"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var note = Assert.Single((await data.AppealAsync(id)).Events, e => e.Kind == AppealEventKind.Note);
        Assert.True(note.IsInternal);
        var page = await WorkspacePages.AppealAsync(staff, id);
        var item = page.QuerySelector(".timeline-event[data-kind='Note']")!;
        Assert.Contains("内部备注（群众不可见）", item.TextContent, StringComparison.Ordinal);
        Assert.Contains("来电人情绪激动", item.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_closed_appeal_shows_no_forms_and_a_forged_action_on_it_is_refused_with_a_message()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var now = factory.Clock.GetUtcNow();
        var open = await data.AddAppealAsync(world.LiId);
        var closed = await data.AddAppealAsync(world.LiId, CallOutcome.Answered, now.AddDays(-10), then: (a, clock) =>
        {
            a.Reply(ReplyKind.Resolved, "已解决。", null, "李明", null, clock, now.AddDays(-9));
            a.CloseUnratedIfDue(now.AddDays(-1), "系统");
        });
        using var li = await data.SignInAsync(WorkspaceWorld.LiEmail);
        var closedPage = await WorkspacePages.AppealAsync(li, closed);
        Assert.Null(closedPage.QuerySelector("#callback-form"));
        Assert.NotNull(closedPage.QuerySelector("#closed-note"));
        var version = (await data.AppealAsync(closed)).Version;

        // A form from an open appeal, posted at the closed one.
        var page = await WorkspacePages.AppealAsync(li, open);
        var form = page.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("#callback-form")!;
        form.SetAttribute("action", $"/workspace/appeals/{closed}?handler=Callback");
        using var response = await li.SubmitAsync(form, Html.Fields(("Callback.Reached", "true"), ("version", version.ToString(System.Globalization.CultureInfo.InvariantCulture))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("此诉求已办结，不能再办理。", (await Html.ParseAsync(response)).QuerySelector("#action-error")!.TextContent.Trim());
        Assert.Equal(version, (await data.AppealAsync(closed)).Version);
    }
}
