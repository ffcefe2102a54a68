using Bozhou.Hotline.IntegrationTests.DirectoryPages;
using Bozhou.Hotline.IntegrationTests.Workspace;
using Microsoft.AspNetCore.OutputCaching;

namespace Bozhou.Hotline.IntegrationTests.Admin;

public class CadreAdminTests
{
    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The workspace world on <paramref name="factory"/> with the administrator signed in.</summary>
    private static async Task<(WorkspaceTestData Data, WorkspaceWorld World, HttpClient Admin)> SignedInAdminAsync(HotlineFactory factory)
    {
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        return (data, world, await data.SignInAsync(WorkspaceWorld.AdminEmail));
    }

    /// <summary>The form <paramref name="formId"/> of the cadre's edit page, as the admin sees it.</summary>
    private static async Task<IHtmlFormElement> EditFormAsync(HttpClient admin, int cadreId, string formId) =>
        (await admin.GetPageAsync($"/admin/cadres/edit/{cadreId}")).QuerySelector<IHtmlFormElement>("#" + formId)!;

    private static Task<Cadre> CadreAsync(WorkspaceTestData data, int id) =>
        data.QueryAsync(db => db.Cadres.AsNoTracking().SingleAsync(c => c.Id == id));

    /// <summary>The one audit entry of an administrator's change; fails if there is none or more than one.</summary>
    private static Task<AuditEntry> SingleAdminChangeAsync(WorkspaceTestData data) =>
        data.QueryAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditAction.AdminChange).SingleAsync());

    /// <summary>The confirmation page that the cadre page's 免去职务 button leads to (a POST that ends nothing).</summary>
    private static async Task<IHtmlDocument> EndConfirmationAsync(HttpClient admin, int cadreId)
    {
        using var first = await admin.SubmitAsync(await EditFormAsync(admin, cadreId, "end-post-form"));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        return await admin.GetPageAsync(first.Headers.Location!.OriginalString);
    }

    /// <summary>Ends the cadre's post the way the administrator does: the button, then the confirmation's button.</summary>
    private static async Task<HttpResponseMessage> EndPostAsync(HttpClient admin, int cadreId)
    {
        var confirm = await EndConfirmationAsync(admin, cadreId);
        return await admin.SubmitAsync(confirm.QuerySelector<IHtmlFormElement>("#end-confirm-form")!, pageUrl: $"/admin/cadres/end/{cadreId}");
    }

    [Fact]
    public async Task Admin_creates_a_cadre_with_the_phone_in_E164_an_audit_entry_and_the_directory_cache_evicted()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        var departmentId = await data.QueryAsync(db => db.Departments.Where(d => d.NameZh == "市交通运输局").Select(d => d.Id).SingleAsync());
        var cache = factory.Services.GetRequiredService<IOutputCacheStore>();
        await cache.SetAsync("directory-page", [1], ["directory"], TimeSpan.FromHours(1), CancellationToken.None);
        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);
        var form = (await admin.GetPageAsync("/admin/cadres/edit")).QuerySelector<IHtmlFormElement>("#cadre-form")!;

        using var response = await admin.SubmitAsync(form, Html.Fields(
            ("Input.DepartmentId", Id(departmentId)), ("Input.Name", "孙丽"), ("Input.NamePinyin", "Sun Li"), ("Input.Position", "副局长"),
            ("Input.Duties", "分管公路建设、道路运输"), ("Input.Mobile", "139 0558 1234"), ("Input.OfficePhone", "0558-5123456"), ("Input.ProtocolOrder", "2")),
            "/admin/cadres/edit");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cadre = await data.QueryAsync(db => db.Cadres.AsNoTracking().SingleAsync(c => c.Name == "孙丽"));
        Assert.Equal(("+8613905581234", "+865585123456", departmentId), (cadre.Mobile, cadre.OfficePhone, cadre.DepartmentId));
        Assert.Equal(new DateOnly(2026, 3, 2), cadre.PostStart);
        var audit = await SingleAdminChangeAsync(data);
        Assert.Equal((AuditAction.AdminChange, $"Cadre:{cadre.Id}", WorkspaceWorld.AdminEmail), (audit.Action, audit.Subject, audit.UserName));
        Assert.Null(audit.Before);
        Assert.Contains("\"Name\":\"孙丽\"", audit.After, StringComparison.Ordinal);
        Assert.Null(await cache.GetAsync("directory-page", CancellationToken.None));
    }

    [Fact]
    public async Task Bad_input_is_shown_in_the_form_and_nothing_is_saved()
    {
        using var factory = new HotlineFactory();
        var (data, world, signedIn) = await SignedInAdminAsync(factory);
        using var admin = signedIn;
        var url = $"/admin/cadres/edit/{world.ZhangId}";
        var form = await EditFormAsync(admin, world.ZhangId, "cadre-form");

        using var response = await admin.SubmitAsync(form, Html.Fields(("Input.Mobile", "12345"), ("Input.Name", ""), ("Input.DepartmentId", "99999")), url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal("请填写有效的中国大陆手机或固定电话号码", page.QuerySelector("[data-valmsg-for='Input.Mobile']")!.TextContent.Trim());
        Assert.Equal("请填写姓名", page.QuerySelector("[data-valmsg-for='Input.Name']")!.TextContent.Trim());
        Assert.Equal("张伟", (await CadreAsync(data, world.ZhangId)).Name);
        Assert.Equal(0, await data.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditAction.AdminChange)));

        using var unknownDepartment = await admin.SubmitAsync(form, Html.Fields(("Input.DepartmentId", "99999")), url);
        Assert.Equal("请选择一个现有单位", (await Html.ParseAsync(unknownDepartment)).QuerySelector("[data-valmsg-for='Input.DepartmentId']")!.TextContent.Trim());
    }

    [Fact]
    public async Task Editing_a_cadre_audits_only_the_changed_fields()
    {
        using var factory = new HotlineFactory();
        var (data, world, signedIn) = await SignedInAdminAsync(factory);
        using var admin = signedIn;
        var url = $"/admin/cadres/edit/{world.ZhangId}";
        var form = await EditFormAsync(admin, world.ZhangId, "cadre-form");

        using var response = await admin.SubmitAsync(form, Html.Fields(("Input.Mobile", "13905589999")), url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("+8613905589999", (await CadreAsync(data, world.ZhangId)).Mobile);
        var audit = await SingleAdminChangeAsync(data);
        Assert.Equal($"Cadre:{world.ZhangId}", audit.Subject);
        Assert.Equal("{\"Mobile\":\"+8613800000002\"}", audit.Before);
        Assert.Equal("{\"Mobile\":\"+8613905589999\"}", audit.After);
    }

    [Fact]
    public async Task A_change_of_post_ends_the_old_record_yesterday_and_an_old_appeal_keeps_the_old_post()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var appealId = await data.AddAppealAsync(world.ZhangId, at: factory.Clock.GetUtcNow().AddDays(-3));
        var housing = await data.QueryAsync(db => db.Departments.Where(d => d.NameZh == "市住房和城乡建设局").Select(d => d.Id).SingleAsync());
        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);
        var form = await EditFormAsync(admin, world.ZhangId, "change-post-form");

        using var response = await admin.SubmitAsync(form, Html.Fields(("Move.DepartmentId", Id(housing)), ("Move.Position", "副局长"), ("Move.PositionEn", "Deputy Director")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var records = await data.QueryAsync(db => db.Cadres.AsNoTracking().Where(c => c.Name == "张伟").OrderBy(c => c.Id).ToListAsync());
        Assert.Equal(2, records.Count);
        Assert.Equal((world.ZhangId, new DateOnly(2026, 3, 1), "局长"), (records[0].Id, records[0].PostEnd!.Value, records[0].Position));
        Assert.Equal((housing, "副局长", new DateOnly(2026, 3, 2), (DateOnly?)null), (records[1].DepartmentId, records[1].Position, records[1].PostStart, records[1].PostEnd));
        Assert.Equal(world.ZhangId, (await data.AppealAsync(appealId)).CadreId);
        var account = await data.QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == WorkspaceWorld.ZhangEmail));
        Assert.Equal(records[1].Id, account.CadreId);
        var subjects = await data.QueryAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditAction.AdminChange).Select(e => e.Subject).ToListAsync());
        Assert.Equal([$"Cadre:{world.ZhangId}", $"Cadre:{records[1].Id}", $"User:{account.Id}"], subjects.Order(StringComparer.Ordinal).ToList());

        var ended = await admin.GetPageAsync($"/admin/cadres/edit/{world.ZhangId}");
        Assert.Null(ended.QuerySelector("#change-post-form"));
    }

    [Fact]
    public async Task Ending_a_post_takes_the_cadre_off_the_directory_from_today()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);

        using var response = await EndPostAsync(admin, world.WangId);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var wang = await CadreAsync(data, world.WangId);
        Assert.Equal(new DateOnly(2026, 3, 1), wang.PostEnd);
        Assert.Contains("PostEnd", (await SingleAdminChangeAsync(data)).After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cadre_whose_post_the_administrator_ends_is_refused_by_the_appeal_form_at_once()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        using var citizen = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        async Task<HttpResponseMessage> SubmitAsync()
        {
            var page = await citizen.GetPageAsync($"/appeals/new?cadre={world.WangId}");
            var topic = page.QuerySelectorAll("select[name='Input.TopicId'] option").Select(o => o.GetAttribute("value")).First(v => !string.IsNullOrEmpty(v))!;
            return await citizen.SubmitAsync(page.QuerySelector<IHtmlFormElement>("form#new-appeal")!, new Dictionary<string, string>
            {
                ["Input.CadreId"] = Id(world.WangId),
                ["Input.CalledAt"] = Bozhou.Hotline.Core.Calendar.ChinaTime.ToChina(factory.Clock.GetUtcNow().AddMinutes(-10)).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
                ["Input.Outcome"] = nameof(CallOutcome.NotAnswered),
                ["Input.CallerType"] = nameof(CallerType.Individual),
                ["Input.Phone"] = "13805581234",
                ["Input.TopicId"] = topic!,
                ["Input.Description"] = "小区门口的路灯坏了一个多月，希望尽快维修。",
                ["Input.ConsentToContact"] = "true",
            });
        }

        // The first submission reads the directory into memory.
        using (var accepted = await SubmitAsync())
        {
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        }

        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);
        using (var ended = await EndPostAsync(admin, world.WangId))
        {
            Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        }

        using var refused = await SubmitAsync();
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("所选干部不在任或不存在", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await data.QueryAsync(db => db.Appeals.CountAsync(a => a.CadreId == world.WangId)));
    }

    [Fact]
    public async Task Admin_sets_the_superior_and_topic_tags_and_the_public_card_and_search_show_them_at_once()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        using var citizen = factory.CreateClient();
        var cardBefore = await citizen.GetPageAsync($"/directory/cadres/{world.ZhangId}");
        var searchBefore = await citizen.GetPageAsync("/directory?q=" + Uri.EscapeDataString("政策咨询"));
        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);
        var url = $"/admin/cadres/edit/{world.ZhangId}";
        var page = await admin.GetPageAsync(url);
        Assert.Equal(["交通出行", "政策咨询", "其他"], page.QuerySelectorAll("#topic-tags label").Select(l => l.TextContent.Trim()));
        var form = page.QuerySelector<IHtmlFormElement>("#cadre-form")!;
        form.QuerySelector<IHtmlInputElement>($"#topic-{world.TransportTopicId}")!.IsChecked = true;
        form.QuerySelector<IHtmlInputElement>($"#topic-{world.PolicyTopicId}")!.IsChecked = true;

        using var response = await admin.SubmitAsync(form, Html.Fields(("Input.SuperiorId", Id(world.LiId))), url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var zhang = await data.QueryAsync(db => db.Cadres.AsNoTracking().Include(c => c.Topics).SingleAsync(c => c.Id == world.ZhangId));
        Assert.Equal(world.LiId, zhang.SuperiorId);
        Assert.Equal([world.TransportTopicId, world.PolicyTopicId], zhang.Topics.Select(t => t.TopicId).Order());
        var audit = await SingleAdminChangeAsync(data);
        Assert.Equal("{\"SuperiorId\":null,\"TopicIds\":\"\"}", audit.Before);
        Assert.Equal($"{{\"SuperiorId\":{world.LiId},\"TopicIds\":\"{world.TransportTopicId},{world.PolicyTopicId}\"}}", audit.After);

        Assert.Null(cardBefore.QuerySelector("#escalation"));
        Assert.Empty(searchBefore.CadreNames("#results"));
        var card = await citizen.GetPageAsync($"/directory/cadres/{world.ZhangId}");
        Assert.Equal([$"/directory/cadres/{world.LiId}"], card.QuerySelectorAll("#escalation a").Select(a => a.Href()));
        Assert.Equal(["交通出行", "政策咨询"], card.QuerySelectorAll(".topic-tag").Select(a => a.Text()));
        var search = await citizen.GetPageAsync("/directory?q=" + Uri.EscapeDataString("政策咨询"));
        Assert.Equal(["张伟"], search.CadreNames("#results"));
        Assert.Equal(["张伟"], (await citizen.GetPageAsync("/directory?topic=policy")).CadreNames());

        var again = (await admin.GetPageAsync(url)).QuerySelector<IHtmlFormElement>("#cadre-form")!;
        Assert.Equal(Id(world.LiId), again.QuerySelector<IHtmlSelectElement>("select[name='Input.SuperiorId']")!.Value);
        Assert.True(again.QuerySelector<IHtmlInputElement>($"#topic-{world.TransportTopicId}")!.IsChecked);
        again.QuerySelector<IHtmlInputElement>($"#topic-{world.TransportTopicId}")!.IsChecked = false;
        using var cleared = await admin.SubmitAsync(again, Html.Fields(("Input.SuperiorId", "")), url);
        zhang = await data.QueryAsync(db => db.Cadres.AsNoTracking().Include(c => c.Topics).SingleAsync(c => c.Id == world.ZhangId));
        Assert.Equal((null, world.PolicyTopicId), (zhang.SuperiorId, zhang.Topics.Single().TopicId));
    }

    [Fact]
    public async Task A_superior_that_is_the_cadre_below_it_or_no_longer_in_post_is_refused_with_a_message_and_nothing_is_saved()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        await data.QueryAsync(async db =>
        {
            // 张伟 reports to 李明, 赵刚 to 张伟.
            (await db.Cadres.SingleAsync(c => c.Id == world.ZhangId)).SuperiorId = world.LiId;
            (await db.Cadres.SingleAsync(c => c.Id == world.ZhaoId)).SuperiorId = world.ZhangId;
            return await db.SaveChangesAsync();
        });
        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);
        var url = $"/admin/cadres/edit/{world.LiId}";
        var form = (await admin.GetPageAsync(url)).QuerySelector<IHtmlFormElement>("#cadre-form")!;
        Assert.DoesNotContain(form.QuerySelectorAll("select[name='Input.SuperiorId'] option"), o => o.GetAttribute("value") == Id(world.LiId));
        Assert.DoesNotContain(form.QuerySelectorAll("select[name='Input.SuperiorId'] option"), o => o.GetAttribute("value") == Id(world.FormerId));

        async Task<string> MessageFor(int superiorId)
        {
            using var response = await admin.SubmitAsync(form, Html.Fields(("Input.SuperiorId", Id(superiorId))), url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await Html.ParseAsync(response)).QuerySelector("[data-valmsg-for='Input.SuperiorId']")!.TextContent.Trim();
        }

        Assert.Equal("局长赵刚是李明的下级（直接或间接），不能设为其上级，否则逐级反映会形成循环", await MessageFor(world.ZhaoId));
        Assert.Equal("不能将本人设为自己的上级", await MessageFor(world.LiId));
        Assert.Equal("请选择一位在任干部作为上级", await MessageFor(world.FormerId));
        Assert.Equal("请选择一位在任干部作为上级", await MessageFor(99999));
        Assert.Null((await CadreAsync(data, world.LiId)).SuperiorId);
        Assert.Equal(0, await data.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditAction.AdminChange)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_change_of_post_carries_superior_and_tags_to_the_new_record_and_subordinates_follow_only_when_asked(bool follow)
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        await data.QueryAsync(async db =>
        {
            var zhang = await db.Cadres.SingleAsync(c => c.Id == world.ZhangId);
            zhang.SuperiorId = world.LiId;
            zhang.Topics.Add(new() { TopicId = world.TransportTopicId });
            (await db.Cadres.SingleAsync(c => c.Id == world.ZhaoId)).SuperiorId = world.ZhangId;
            return await db.SaveChangesAsync();
        });
        using var citizen = factory.CreateClient();
        await citizen.GetPageAsync($"/directory/cadres/{world.ZhaoId}");
        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);
        var form = await EditFormAsync(admin, world.ZhangId, "change-post-form");
        Assert.True(form.QuerySelector<IHtmlInputElement>("input[name='Move.SubordinatesFollow'][type=checkbox]")!.IsChecked);

        using var response = await admin.SubmitAsync(form, Html.Fields(
            ("Move.Position", "党组书记、局长"), ("Move.SubordinatesFollow", follow ? "true" : "false")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var next = await data.QueryAsync(db => db.Cadres.AsNoTracking().Include(c => c.Topics).SingleAsync(c => c.Name == "张伟" && c.PostEnd == null));
        Assert.Equal((world.LiId, world.TransportTopicId), (next.SuperiorId, next.Topics.Single().TopicId));
        var old = await data.QueryAsync(db => db.Cadres.AsNoTracking().Include(c => c.Topics).SingleAsync(c => c.Id == world.ZhangId));
        Assert.Equal((world.LiId, world.TransportTopicId), (old.SuperiorId, old.Topics.Single().TopicId));
        var zhao = await CadreAsync(data, world.ZhaoId);
        var escalation = (await citizen.GetPageAsync($"/directory/cadres/{world.ZhaoId}")).QuerySelectorAll("#escalation a").Select(a => a.Href()).ToList();
        var followed = await data.QueryAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Subject == $"Cadre:{world.ZhaoId}").ToListAsync());
        if (follow)
        {
            Assert.Equal(next.Id, zhao.SuperiorId);
            Assert.Equal([$"/directory/cadres/{next.Id}", $"/directory/cadres/{world.LiId}"], escalation);
            var entry = Assert.Single(followed);
            Assert.Equal(($"{{\"SuperiorId\":{world.ZhangId}}}", $"{{\"SuperiorId\":{next.Id}}}"), (entry.Before, entry.After));
        }
        else
        {
            // No one escalates to an ended post: the superior is not set (the card says so) until the administrator names one.
            Assert.Null(zhao.SuperiorId);
            Assert.Empty(escalation);
            var entry = Assert.Single(followed);
            Assert.Equal(($"{{\"SuperiorId\":{world.ZhangId}}}", "{\"SuperiorId\":null}"), (entry.Before, entry.After));
        }
    }

    [Fact]
    public async Task After_a_change_of_post_an_open_appeal_stays_with_the_old_post_and_the_person_and_the_staff_still_handle_it()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var open = await data.AddAppealAsync(world.LiId, CallOutcome.NotAnswered, at: factory.Clock.GetUtcNow().AddDays(-1));
        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);
        var form = await EditFormAsync(admin, world.LiId, "change-post-form");
        using var moved = await admin.SubmitAsync(form, Html.Fields(("Move.Position", "常务副市长")));
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var next = await data.QueryAsync(db => db.Cadres.AsNoTracking().SingleAsync(c => c.Name == "李明" && c.PostEnd == null));
        var newAppeal = await data.AddAppealAsync(next.Id, CallOutcome.NotAnswered);

        var appeal = await data.AppealAsync(open);
        Assert.Equal((world.LiId, world.LiId), (appeal.CadreId, appeal.HandlerCadreId));
        using var li = await data.SignInAsync(WorkspaceWorld.LiEmail);
        using var staff = await data.SignInAsync(WorkspaceWorld.StaffEmail);
        Assert.Equal([open, newAppeal], WorkspacePages.InboxIds(await li.GetPageAsync("/workspace")).Order());
        Assert.Equal([open, newAppeal], WorkspacePages.InboxIds(await staff.GetPageAsync("/workspace")).Order());

        using var callback = await WorkspacePages.PostAsync(li, open, "callback-form", ("Callback.Reached", "true"), ("Callback.Note", "已回电，本人调整分工后继续跟进。"));
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal(AppealStatus.Contacted, (await data.AppealAsync(open)).Status);
        var grant = await data.QueryAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Details == "earlier post kept"));
        Assert.Contains($"\"DelegatedCadreId\":{world.LiId}", grant.After, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_move_to_another_unit_empties_the_duties_and_topic_tags_says_so_and_applies_the_subordinates_box_as_posted(bool follow)
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var (transport, housing) = await data.QueryAsync(async db =>
        {
            var zhang = await db.Cadres.SingleAsync(c => c.Id == world.ZhangId);
            zhang.Duties = "分管城区公交、出租车管理";
            zhang.DutiesEn = "Buses and taxis";
            zhang.Topics.Add(new() { TopicId = world.TransportTopicId });
            (await db.Cadres.SingleAsync(c => c.Id == world.ZhaoId)).SuperiorId = world.ZhangId;
            await db.SaveChangesAsync();
            return (zhang.DepartmentId, await db.Departments.Where(d => d.NameZh == "市住房和城乡建设局").Select(d => d.Id).SingleAsync());
        });
        using var citizen = factory.CreateClient();
        Assert.Contains("张伟", (await citizen.GetPageAsync("/directory?q=" + Uri.EscapeDataString("公交"))).CadreNames("#results"));
        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);
        var form = await EditFormAsync(admin, world.ZhangId, "change-post-form");
        var box = form.QuerySelector<IHtmlInputElement>("input[name='Move.SubordinatesFollow'][type=checkbox]")!;
        Assert.Equal(Id(transport), form.QuerySelector<IHtmlSelectElement>("select[name='Move.DepartmentId']")!.Value);
        Assert.Equal(Id(transport), form.QuerySelector("select[name='Move.DepartmentId']")!.GetAttribute("data-home-department"));
        Assert.True(box.IsChecked);
        box.IsChecked = follow;

        using var response = await admin.SubmitAsync(form, Html.Fields(("Move.DepartmentId", Id(housing)), ("Move.Position", "副局长")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var next = await data.QueryAsync(db => db.Cadres.AsNoTracking().Include(c => c.Topics).SingleAsync(c => c.Name == "张伟" && c.PostEnd == null));
        Assert.Equal((housing, "", ""), (next.DepartmentId, next.Duties, next.DutiesEn));
        Assert.Empty(next.Topics);
        var old = await data.QueryAsync(db => db.Cadres.AsNoTracking().Include(c => c.Topics).SingleAsync(c => c.Id == world.ZhangId));
        Assert.Equal(("分管城区公交、出租车管理", world.TransportTopicId), (old.Duties, old.Topics.Single().TopicId));
        Assert.Equal(follow ? next.Id : null, (await CadreAsync(data, world.ZhaoId)).SuperiorId);
        var page = await admin.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Equal("张伟 已改任 副局长。新职务在另一单位，原职责和诉求类别未带入，已清空，请在下方填写新职务的职责并勾选诉求类别。",
            page.QuerySelector(".alert-success")!.TextContent.Trim());
        Assert.DoesNotContain("张伟", (await citizen.GetPageAsync("/directory?q=" + Uri.EscapeDataString("公交"))).CadreNames("#results"));
        Assert.Empty((await citizen.GetPageAsync($"/directory/cadres/{next.Id}")).QuerySelectorAll(".topic-tag"));
    }

    [Fact]
    public async Task A_move_within_the_same_unit_keeps_the_duties_and_says_nothing_of_emptying_them()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        await data.QueryAsync(async db =>
        {
            (await db.Cadres.SingleAsync(c => c.Id == world.ZhangId)).Duties = "分管城区公交";
            return await db.SaveChangesAsync();
        });
        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);
        var form = await EditFormAsync(admin, world.ZhangId, "change-post-form");

        using var response = await admin.SubmitAsync(form, Html.Fields(("Move.Position", "党组书记、局长")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("分管城区公交", (await data.QueryAsync(db => db.Cadres.AsNoTracking().SingleAsync(c => c.Name == "张伟" && c.PostEnd == null))).Duties);
        var page = await admin.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Equal("张伟 已改任 党组书记、局长", page.QuerySelector(".alert-success")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_end_post_button_ends_nothing_and_shows_a_confirmation_naming_the_post_and_listing_its_open_appeals()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var open = await data.AddAppealAsync(world.LiId, at: factory.Clock.GetUtcNow().AddDays(-2));
        await data.AddAppealAsync(world.ZhangId);
        var appeal = await data.AppealAsync(open);
        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);

        var confirm = await EndConfirmationAsync(admin, world.LiId);

        Assert.Null((await CadreAsync(data, world.LiId)).PostEnd);
        Assert.Equal(0, await data.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditAction.AdminChange)));
        Assert.Contains("李明", confirm.QuerySelector("#end-whom")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("副市长", confirm.QuerySelector("#end-whom")!.TextContent, StringComparison.Ordinal);
        var row = Assert.Single(confirm.QuerySelectorAll("#open-appeals tbody tr"));
        var cells = row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal([TrackingCode.Format(appeal.TrackingCode), "已登记", Bozhou.Hotline.Web.Http.WorkspaceDisplay.Deadline(appeal.ReplyDueAt)], cells);
        Assert.Contains("不会自动转交", confirm.QuerySelector("#open-appeals-fate")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("目前有 2 个账号", confirm.QuerySelector("#open-appeals-who")!.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/admin/cadres/edit/{world.LiId}", confirm.QuerySelector("#end-cancel")!.GetAttribute("href"));
        Assert.NotNull(confirm.QuerySelector("#end-confirm-form input[name='__RequestVerificationToken']"));

        using var forged = await admin.PostAsync(new Uri($"/admin/cadres/end/{world.LiId}", UriKind.Relative), new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Null((await CadreAsync(data, world.LiId)).PostEnd);
    }

    [Fact]
    public async Task Confirming_ends_the_post_and_leaves_its_open_appeal_with_it_for_the_person_and_the_staff()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var open = await data.AddAppealAsync(world.LiId, at: factory.Clock.GetUtcNow().AddDays(-2));
        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);

        using var response = await EndPostAsync(admin, world.LiId);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(new DateOnly(2026, 3, 1), (await CadreAsync(data, world.LiId)).PostEnd);
        Assert.Equal(world.LiId, (await data.AppealAsync(open)).HandlerCadreId);
        using var li = await data.SignInAsync(WorkspaceWorld.LiEmail);
        using var staff = await data.SignInAsync(WorkspaceWorld.StaffEmail);
        Assert.Equal([open], WorkspacePages.InboxIds(await li.GetPageAsync("/workspace")));
        Assert.Equal([open], WorkspacePages.InboxIds(await staff.GetPageAsync("/workspace")));
    }

    [Fact]
    public async Task Ending_a_post_names_its_subordinates_first_and_leaves_none_of_them_pointing_at_the_ended_record()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        await data.QueryAsync(async db =>
        {
            (await db.Cadres.SingleAsync(c => c.Id == world.ZhaoId)).SuperiorId = world.ZhangId;
            return await db.SaveChangesAsync();
        });
        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);

        Assert.Contains("1 名下级干部（赵刚）", (await EndConfirmationAsync(admin, world.ZhangId)).QuerySelector("#subordinates-fate")!.TextContent, StringComparison.Ordinal);
        using var ended = await EndPostAsync(admin, world.ZhangId);

        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.Null((await CadreAsync(data, world.ZhaoId)).SuperiorId);
        using var citizen = factory.CreateClient();
        Assert.NotNull((await citizen.GetPageAsync($"/directory/cadres/{world.ZhaoId}")).QuerySelector("#superior-not-set"));
        Assert.Contains($"/admin/cadres/edit/{world.ZhaoId}", (await admin.GetPageAsync("/admin")).QuerySelector("#without-superior")!.InnerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_confirmation_warns_when_no_account_acts_for_the_post_and_says_so_when_nothing_is_open()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);
        Assert.NotNull((await EndConfirmationAsync(admin, world.WangId)).QuerySelector("#open-appeals-none"));
        await data.AddAppealAsync(world.WangId);
        await data.QueryAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Email == WorkspaceWorld.WangEmail)).CadreId = null;
            return await db.SaveChangesAsync();
        });

        var confirm = await EndConfirmationAsync(admin, world.WangId);

        Assert.Contains("这些诉求将无人答复", confirm.QuerySelector("#open-appeals-who")!.TextContent, StringComparison.Ordinal);
        using (var switched = await admin.GetAsync(new Uri("/culture/en?returnUrl=/", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        }

        var english = await admin.GetPageAsync($"/admin/cadres/end/{world.WangId}");
        Assert.StartsWith("No account acts for this post.", english.QuerySelector("#open-appeals-who")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("not transferred", english.QuerySelector("#open-appeals-fate")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", english.QuerySelector("main")!.TextContent);
    }
}
