namespace Bozhou.Hotline.IntegrationTests.Workspace;

/// <summary>
/// 回电 from the inbox: the row's button POSTs to <c>/workspace/appeals/{id}/call</c>, which shows the caller's phone to
/// dial (one audited reveal per POST) with the outcome form, which records the callback through the appeal page's handler.
/// </summary>
public class CallBackTests
{
    [Fact]
    public async Task The_inbox_call_button_shows_the_phone_once_audited_and_the_outcome_is_recorded_as_the_callback()
    {
        using var factory = new HotlineFactory().WithoutHostedService<SmsOutboxService>();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var id = await data.AddAppealAsync(world.LiId, CallOutcome.NotAnswered);
        using var cadre = await data.SignInAsync(WorkspaceWorld.LiEmail);

        var inbox = await cadre.GetPageAsync("/workspace");
        Assert.DoesNotContain(WorkspaceTestData.CallerPhone, inbox.Body!.InnerHtml, StringComparison.Ordinal);
        var button = CallForm(inbox, id);
        Assert.Equal(0, await RevealsAsync(data));

        using var called = await cadre.SubmitAsync(button);
        Assert.Equal(HttpStatusCode.OK, called.StatusCode);
        Assert.Contains("no-store", called.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var page = await Html.ParseAsync(called);
        Assert.Equal("tel:" + WorkspaceTestData.CallerPhone, page.QuerySelector("#call-dial")!.GetAttribute("href"));
        Assert.Equal("#callback-form", page.QuerySelector("#call-dial")!.GetAttribute("data-call-outcome"));
        Assert.Equal("王女士", page.QuerySelector("#caller-name")!.TextContent.Trim());
        var reveal = await data.QueryAsync(db => db.AuditEntries.SingleAsync(e => e.Action == AuditAction.RevealPersonalData));
        Assert.Equal(($"Appeal:{id}", TestWorld.People.LiMing.Label, AppealViewQuery.PhoneAndNameShownOnCallPage), (reveal.Subject, reveal.UserName, reveal.Details));

        using var recorded = await cadre.SubmitAsync(page.QuerySelector<IHtmlFormElement>("#callback-form")!,
            Html.Fields(("Callback.Reached", "true"), ("Callback.Note", "已回电，来电人说明了站点位置。")), $"/workspace/appeals/{id}/call");

        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        Assert.Equal("/workspace", recorded.Headers.Location!.OriginalString);
        var appeal = await data.AppealAsync(id);
        var callback = appeal.Events.Single(e => e.Kind == AppealEventKind.Callback);
        Assert.Equal(("Reached", "已回电，来电人说明了站点位置。", TestWorld.People.LiMing.Label), (callback.Outcome, callback.Text, callback.Actor));
        Assert.Null(appeal.CallbackDueAt);
        Assert.NotNull(appeal.FirstContactAt);
        Assert.Equal(1, await RevealsAsync(data));
    }

    [Fact]
    public async Task An_outcome_without_the_reached_choice_records_nothing_and_the_corrected_one_still_leads_back_to_the_inbox()
    {
        using var factory = new HotlineFactory().WithoutHostedService<SmsOutboxService>();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var id = await data.AddAppealAsync(world.LiId, CallOutcome.NotAnswered);
        using var cadre = await data.SignInAsync(WorkspaceWorld.LiEmail);
        using var called = await cadre.SubmitAsync(CallForm(await cadre.GetPageAsync("/workspace"), id));
        var call = await Html.ParseAsync(called);

        using var refused = await cadre.SubmitAsync(call.QuerySelector<IHtmlFormElement>("#callback-form")!,
            Html.Fields(("Callback.Note", "对方未接。")), $"/workspace/appeals/{id}/call");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var shown = await Html.ParseAsync(refused);
        var form = shown.QuerySelector<IHtmlFormElement>("#callback-form")!;
        Assert.Contains("请选择是否联系上", form.TextContent, StringComparison.Ordinal);
        Assert.Equal("对方未接。", form.QuerySelector<IHtmlTextAreaElement>("textarea")!.Value);
        Assert.DoesNotContain((await data.AppealAsync(id)).Events, e => e.Kind == AppealEventKind.Callback);

        using var recorded = await cadre.SubmitAsync(form, Html.Fields(("Callback.Reached", "false")), $"/workspace/appeals/{id}?handler=Callback");

        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        Assert.Equal("/workspace", recorded.Headers.Location!.OriginalString);
        Assert.Single((await data.AppealAsync(id)).Events, e => e.Kind == AppealEventKind.Callback);
    }

    [Fact]
    public async Task The_call_post_without_its_antiforgery_token_is_refused_and_shows_nothing()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var id = await data.AddAppealAsync(world.LiId);
        using var cadre = await data.SignInAsync(WorkspaceWorld.LiEmail);
        var form = CallForm(await cadre.GetPageAsync("/workspace"), id);

        using var forged = await cadre.SubmitAsync(form, Html.Fields(("__RequestVerificationToken", "")));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.DoesNotContain(WorkspaceTestData.CallerPhone, await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await RevealsAsync(data));
    }

    [Fact]
    public async Task The_call_post_for_another_cadres_appeal_is_404_and_for_one_passed_on_403_and_neither_shows_the_phone()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var own = await data.AddAppealAsync(world.LiId);
        var wangs = await data.AddAppealAsync(world.WangId);
        var passedOn = await data.AddAppealAsync(world.LiId, then: (a, clock) =>
            a.Transfer(world.WangId, "请王副市长办理", "李明", null, clock, factory.Clock.GetUtcNow()));
        using var cadre = await data.SignInAsync(WorkspaceWorld.LiEmail);
        var form = CallForm(await cadre.GetPageAsync("/workspace"), own);

        form.SetAttribute("action", $"/workspace/appeals/{wangs}/call");
        using var notTheirs = await cadre.SubmitAsync(form);
        form.SetAttribute("action", $"/workspace/appeals/{passedOn}/call");
        using var followed = await cadre.SubmitAsync(form);

        Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, followed.StatusCode);
        Assert.Equal(0, await RevealsAsync(data));
    }

    [Fact]
    public async Task Staff_are_sent_to_the_appeal_page_to_give_a_reason_for_a_confidential_callers_phone()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var confidential = await data.AddAppealAsync(world.LiId, confidential: true);
        var ordinary = await data.AddAppealAsync(world.LiId, phone: "+8613900000001");
        using var staff = await data.SignInAsync(WorkspaceWorld.StaffEmail);

        var inbox = await staff.GetPageAsync("/workspace");
        var link = inbox.QuerySelector($".inbox-row[data-appeal-id='{confidential}'] .inbox-call a")!;
        Assert.Equal($"/workspace/appeals/{confidential}#reveal-form", link.GetAttribute("href"));
        Assert.Null(inbox.QuerySelector($".inbox-row[data-appeal-id='{confidential}'] form.call-form"));

        // A form aimed at it anyway is sent to the appeal page, the number unshown.
        var form = CallForm(inbox, ordinary);
        form.SetAttribute("action", $"/workspace/appeals/{confidential}/call");
        using var redirected = await staff.SubmitAsync(form);
        Assert.Equal(HttpStatusCode.Redirect, redirected.StatusCode);
        Assert.Equal($"/workspace/appeals/{confidential}#reveal-form", redirected.Headers.Location!.OriginalString);
        Assert.Equal(0, await RevealsAsync(data));

        // Staff call an ordinary caller back from the inbox like the cadre, and the audit names them.
        using var called = await staff.SubmitAsync(CallForm(await staff.GetPageAsync("/workspace"), ordinary));
        Assert.Equal("tel:+8613900000001", (await Html.ParseAsync(called)).QuerySelector("#call-dial")!.GetAttribute("href"));
        Assert.Equal("张秘书", (await data.QueryAsync(db => db.AuditEntries.SingleAsync(e => e.Action == AuditAction.RevealPersonalData))).UserName);
    }

    [Fact]
    public async Task Only_rows_owed_a_call_get_the_button_and_the_call_address_by_get_only_leads_to_the_appeal()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var now = factory.Clock.GetUtcNow();
        var missed = await data.AddAppealAsync(world.LiId, CallOutcome.NotAnswered);
        var contacted = await data.AddAppealAsync(world.LiId, CallOutcome.Answered, then: (a, _) => a.RecordCallback(true, null, "李明", null, now));
        using var cadre = await data.SignInAsync(WorkspaceWorld.LiEmail);

        var inbox = await cadre.GetPageAsync("/workspace");
        Assert.NotNull(inbox.QuerySelector($".inbox-row[data-appeal-id='{missed}'] form.call-form"));
        Assert.Null(inbox.QuerySelector($".inbox-row[data-appeal-id='{contacted}'] .inbox-call"));

        using var get = await cadre.GetAsync(new Uri($"/workspace/appeals/{missed}/call", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, get.StatusCode);
        Assert.Equal($"/workspace/appeals/{missed}", get.Headers.Location!.OriginalString);
        Assert.Equal(0, await RevealsAsync(data));
    }

    [Fact]
    public async Task The_call_page_reads_in_English_with_Chinese_only_in_what_the_caller_gave()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var id = await data.AddAppealAsync(world.LiId);
        using var cadre = await data.SignInAsync(WorkspaceWorld.LiEmail);
        using (await cadre.GetAsync(new Uri("/culture/en?returnUrl=%2Fworkspace", UriKind.Relative)))
        {
        }

        var inbox = await cadre.GetPageAsync("/workspace");
        Assert.Equal("Call back", CallForm(inbox, id).QuerySelector("button")!.FirstChild!.TextContent.Trim());
        using var called = await cadre.SubmitAsync(CallForm(inbox, id));
        var page = await Html.ParseAsync(called);

        Assert.Equal("Call 138 0000 0000", page.QuerySelector("#call-dial")!.TextContent.Trim());
        var main = page.QuerySelector("main")!;
        foreach (var own in main.QuerySelectorAll("[lang='zh-CN']").ToList())
        {
            own.Remove();
        }

        Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", main.TextContent);
    }

    [Fact]
    public async Task An_enterprise_callers_name_is_marked_Chinese_on_the_English_inbox_call_page_and_appeal_page()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        const string Enterprise = "亳州市康源中药饮片有限公司";
        var id = await data.AddAppealAsync(world.LiId, enterprise: Enterprise);
        using var cadre = await data.SignInAsync(WorkspaceWorld.LiEmail);
        using (await cadre.GetAsync(new Uri("/culture/en?returnUrl=%2Fworkspace", UriKind.Relative)))
        {
        }

        var inbox = await cadre.GetPageAsync("/workspace");
        using var called = await cadre.SubmitAsync(CallForm(inbox, id));
        var call = await Html.ParseAsync(called);
        var appeal = await cadre.GetPageAsync($"/workspace/appeals/{id}");

        foreach (var (name, page) in new[] { ("inbox", inbox), ("call page", call), ("appeal page", appeal) })
        {
            var main = page.QuerySelector("main")!;
            Assert.True(main.TextContent.Contains(Enterprise, StringComparison.Ordinal), $"The {name} does not name the enterprise.");
            foreach (var own in main.QuerySelectorAll("[lang='zh-CN']").ToList())
            {
                own.Remove();
            }

            Assert.False(System.Text.RegularExpressions.Regex.IsMatch(main.TextContent, @"\p{IsCJKUnifiedIdeographs}"),
                $"The English {name} has Chinese outside lang=\"zh-CN\": {main.TextContent}");
        }
    }

    [Fact]
    public async Task The_call_back_from_the_inbox_runs_on_PostgreSQL()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var factory = new HotlineFactory().UsePostgres(database.ConnectionString).WithoutHostedService<SmsOutboxService>();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var id = await data.AddAppealAsync(world.LiId, CallOutcome.NotAnswered);
        using var staff = await data.SignInAsync(WorkspaceWorld.StaffEmail);

        using var called = await staff.SubmitAsync(CallForm(await staff.GetPageAsync("/workspace"), id));
        var page = await Html.ParseAsync(called);
        using var recorded = await staff.SubmitAsync(page.QuerySelector<IHtmlFormElement>("#callback-form")!, Html.Fields(("Callback.Reached", "true")), $"/workspace/appeals/{id}/call");

        Assert.Equal("tel:" + WorkspaceTestData.CallerPhone, page.QuerySelector("#call-dial")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        Assert.Equal("Reached", (await data.AppealAsync(id)).Events.Single(e => e.Kind == AppealEventKind.Callback).Outcome);
        Assert.Equal(1, await RevealsAsync(data));
    }

    private static IHtmlFormElement CallForm(IHtmlDocument inbox, long id)
    {
        var form = inbox.QuerySelector<IHtmlFormElement>($".inbox-row[data-appeal-id='{id}'] form.call-form");
        Assert.True(form is not null, $"The inbox has no call button for appeal {id}.");
        Assert.Equal($"/workspace/appeals/{id}/call", form.GetAttribute("action"));
        return form;
    }

    private static Task<int> RevealsAsync(WorkspaceTestData data) =>
        data.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditAction.RevealPersonalData));
}
