using Microsoft.Extensions.Localization;

namespace Bozhou.Hotline.IntegrationTests.Admin;

public class AuditTrailTests
{
    private static async Task AddEntriesAsync(HotlineFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Core.Data.HotlineDbContext>();
        var start = new DateTimeOffset(2026, 2, 1, 2, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 60; i++)
        {
            db.AuditEntries.Add(new AuditEntry
            {
                At = start.AddHours(i * 6), UserName = i % 2 == 0 ? "admin@test.local" : "other-admin@test.local",
                Action = AuditAction.AdminChange, Subject = $"Cadre:{i}", After = "{}",
            });
        }

        db.AuditEntries.Add(new AuditEntry { At = start.AddDays(-1), UserName = "system", Action = AuditAction.Purge, Subject = "Appeals", Details = "3" });
        await db.SaveChangesAsync();
    }

    private static List<string> Subjects(IDocument page) => page.QuerySelectorAll("#audit-entries .audit-entry").Select(e => e.GetAttribute("data-subject")!).ToList();

    [Fact]
    public async Task The_trail_lists_newest_first_filters_and_pages_for_admin_and_supervisor_only()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        await AddEntriesAsync(factory);
        using var supervisor = await data.SignInAsync(WorkspaceWorld.SupervisorEmail);

        var first = await supervisor.GetPageAsync("/admin/audit?action=AdminChange");
        Assert.Equal(AuditModelPageSize, Subjects(first).Count);
        Assert.Equal("Cadre:59", Subjects(first)[0]);
        var second = await supervisor.GetPageAsync(first.QuerySelector("#next-page")!.GetAttribute("href")!);
        Assert.Equal(["Cadre:9", "Cadre:8", "Cadre:7", "Cadre:6", "Cadre:5", "Cadre:4", "Cadre:3", "Cadre:2", "Cadre:1", "Cadre:0"], Subjects(second));

        Assert.Equal(["Appeals"], Subjects(await supervisor.GetPageAsync("/admin/audit?action=Purge")));
        Assert.Equal(["Cadre:5"], Subjects(await supervisor.GetPageAsync("/admin/audit?subject=Cadre:5&user=other-admin")));
        Assert.Empty(Subjects(await supervisor.GetPageAsync("/admin/audit?subject=Cadre:5&user=system")));
        // 2 February China time: entries 3 (04:00) to 6 (22:00), one every six hours from 10:00 on 1 February.
        Assert.Equal(["Cadre:6", "Cadre:5", "Cadre:4", "Cadre:3"], Subjects(await supervisor.GetPageAsync("/admin/audit?action=AdminChange&from=2026-02-02&to=2026-02-02")));

        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);
        await admin.GetPageAsync("/admin/audit");
        foreach (var email in new[] { WorkspaceWorld.LiEmail, WorkspaceWorld.StaffEmail })
        {
            using var client = await data.SignInAsync(email);
            using var refused = await client.GetAsync(new Uri("/admin/audit", UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.True(refused.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect && refused.StatusCode != HttpStatusCode.OK);
            Assert.DoesNotContain("/account/login", refused.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        }
    }

    private const int AuditModelPageSize = Web.Pages.Audit.AuditModel.PageSize;

    [Fact]
    public async Task Posting_to_the_trail_changes_nothing()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        await AddEntriesAsync(factory);
        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);
        var before = await data.QueryAsync(db => db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).Select(e => e.Id + e.Subject + e.After).ToListAsync());
        var page = await admin.GetPageAsync("/admin/audit");
        var token = page.QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value") ?? "";

        foreach (var handler in new[] { "", "?handler=delete", "?handler=edit" })
        {
            using var content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("id", "1"), new("Subject", "changed")]);
            using var post = await admin.PostAsync(new Uri("/admin/audit" + handler, UriKind.Relative), content, TestContext.Current.CancellationToken);
            Assert.NotEqual(HttpStatusCode.Redirect, post.StatusCode);
        }

        Assert.Equal(before, await data.QueryAsync(db => db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).Select(e => e.Id + e.Subject + e.After).ToListAsync()));
    }

    [Fact]
    public async Task Entries_name_accounts_cadres_and_topics_instead_of_ids_and_read_their_details_in_the_readers_language()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var adminId = await data.QueryAsync(db => db.Users.Where(u => u.Email == WorkspaceWorld.AdminEmail).Select(u => u.Id).SingleAsync());
        var staffId = await data.QueryAsync(db => db.Users.Where(u => u.Email == WorkspaceWorld.StaffEmail).Select(u => u.Id).SingleAsync());
        var at = factory.Clock.GetUtcNow().AddHours(-1);
        await data.QueryAsync(async db =>
        {
            db.AuditEntries.AddRange(
                new AuditEntry
                {
                    At = at, UserId = adminId, UserName = WorkspaceWorld.AdminEmail, Action = AuditAction.AdminChange, Subject = $"Cadre:{world.ZhangId}",
                    Details = "ended", Before = "{\"PostEnd\":null,\"TopicIds\":\"" + world.TransportTopicId + "\"}", After = "{\"PostEnd\":\"2026-03-01\",\"TopicIds\":\"\"}",
                },
                new AuditEntry
                {
                    At = at.AddMinutes(1), UserId = adminId, UserName = WorkspaceWorld.AdminEmail, Action = AuditAction.AdminChange, Subject = $"Cadre:{world.LiId}",
                    Details = $"new post, after Cadre:{world.ZhangId}",
                },
                new AuditEntry
                {
                    At = at.AddMinutes(2), UserId = adminId, UserName = WorkspaceWorld.AdminEmail, Action = AuditAction.AdminChange, Subject = $"User:{staffId}",
                    Details = "delegation added", After = "{\"CadreId\":" + world.LiId + "}",
                },
                new AuditEntry
                {
                    At = at.AddMinutes(3), UserName = "system", Action = AuditAction.Purge, Subject = "Appeals",
                    Details = "3 appeal(s) closed on or before 2025-03-01 16:00:00Z purged of personal data",
                },
                new AuditEntry { At = at.AddMinutes(4), UserName = "system", Action = AuditAction.AdminChange, Subject = "Cadre:999999", Details = "a note no release ever wrote" });
            return await db.SaveChangesAsync();
        });
        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);
        using var english = await data.SignInAsync(WorkspaceWorld.SupervisorEmail);
        using (await english.GetAsync(new Uri("/culture/en", UriKind.Relative), TestContext.Current.CancellationToken))
        {
        }

        var page = await admin.GetPageAsync("/admin/audit");
        var englishPage = await english.GetPageAsync("/admin/audit");

        string Entry(IDocument doc, string subject) => doc.QuerySelector($"#audit-entries .audit-entry[data-subject='{subject}']")!.TextContent;
        var ended = Entry(page, $"Cadre:{world.ZhangId}");
        Assert.Contains("张伟（局长）", ended, StringComparison.Ordinal);
        Assert.Contains("管理员", ended, StringComparison.Ordinal);
        Assert.Contains("停用", ended, StringComparison.Ordinal);
        Assert.Contains("任职结束日期", ended, StringComparison.Ordinal);
        Assert.Contains(TestWorld.TransportTopic.NameZh, ended, StringComparison.Ordinal);
        Assert.Contains("新任职务，接替原任职记录 张伟（局长）", Entry(page, $"Cadre:{world.LiId}"), StringComparison.Ordinal);
        var delegation = Entry(page, $"User:{staffId}");
        Assert.Contains("张秘书", delegation, StringComparison.Ordinal);
        Assert.Contains("李明（副市长）", delegation, StringComparison.Ordinal);
        Assert.Contains("新增代办授权", delegation, StringComparison.Ordinal);
        Assert.Contains("清除 3 件诉求的来电人个人信息", Entry(page, "Appeals"), StringComparison.Ordinal);
        Assert.Contains("系统", Entry(page, "Appeals"), StringComparison.Ordinal);
        Assert.Contains("a note no release ever wrote", Entry(page, "Cadre:999999"), StringComparison.Ordinal);
        Assert.Contains("#999999", Entry(page, "Cadre:999999"), StringComparison.Ordinal);
        var text = page.QuerySelector("#audit-entries")!.TextContent;
        Assert.DoesNotContain("User:", text, StringComparison.Ordinal);
        Assert.DoesNotContain($"Cadre:{world.ZhangId}", text, StringComparison.Ordinal);
        Assert.DoesNotContain(staffId, text, StringComparison.Ordinal);

        var englishEnded = Entry(englishPage, $"Cadre:{world.ZhangId}");
        Assert.Contains("Zhang Wei (张伟), Director", englishEnded, StringComparison.Ordinal);
        Assert.Contains("Ended", englishEnded, StringComparison.Ordinal);
        Assert.Contains("Post end", englishEnded, StringComparison.Ordinal);
        Assert.Contains("Delegation added", Entry(englishPage, $"User:{staffId}"), StringComparison.Ordinal);
        Assert.Contains("Personal data purged from 3 appeals", Entry(englishPage, "Appeals"), StringComparison.Ordinal);
        Assert.DoesNotContain("停用", englishEnded, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_settings_save_names_every_changed_setting_in_the_readers_language_the_public_statistics_switch_included()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);
        using var english = await data.SignInAsync(WorkspaceWorld.SupervisorEmail);
        using (await english.GetAsync(new Uri("/culture/en", UriKind.Relative), TestContext.Current.CancellationToken))
        {
        }

        var form = (await admin.GetPageAsync("/admin/settings")).QuerySelector<IHtmlFormElement>("#settings-form")!;
        using (var saved = await admin.SubmitAsync(form, Html.Fields(
            ("Input.PublicStatsEnabled", "true"), ("Input.RetentionDays", "400"), ("Input.FooterSponsor", "亳州市人民政府"), ("Input.FooterIcpFiling", "皖ICP备00000000号")), "/admin/settings"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        static List<string> Labels(IDocument page) =>
            page.QuerySelectorAll("#audit-entries .audit-entry[data-subject='Settings'] .audit-change dt").Select(d => d.TextContent.Trim()).ToList();
        var labels = Labels(await admin.GetPageAsync("/admin/audit?subject=Settings"));
        var englishLabels = Labels(await english.GetPageAsync("/admin/audit?subject=Settings"));

        Assert.Equal(4, labels.Count);
        Assert.Contains("公开办理情况统计页（/stats）", labels);
        Assert.Contains("Public statistics page (/stats)", englishLabels);
        // A label that is the stored key ("PublicStats:Enabled") was never translated.
        Assert.All(labels.Concat(englishLabels), l => Assert.DoesNotContain(":", l, StringComparison.Ordinal));
        Assert.All(englishLabels, l => Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", l));
    }

    [Fact]
    public async Task The_person_filter_finds_an_account_by_its_display_name_and_each_entry_links_to_its_persons_entries()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        var adminId = await data.QueryAsync(db => db.Users.Where(u => u.Email == WorkspaceWorld.AdminEmail).Select(u => u.Id).SingleAsync());
        var at = factory.Clock.GetUtcNow().AddHours(-1);
        await data.QueryAsync(async db =>
        {
            db.AuditEntries.Add(new AuditEntry { At = at, UserId = adminId, UserName = WorkspaceWorld.AdminEmail, Action = AuditAction.SignIn, Subject = "User:" + adminId });
            db.AuditEntries.Add(new AuditEntry { At = at, UserName = "system", Action = AuditAction.Purge, Subject = "Appeals", Details = "1 appeal(s) closed on or before 2025-03-01 16:00:00Z purged of personal data" });
            return await db.SaveChangesAsync();
        });
        using var supervisor = await data.SignInAsync(WorkspaceWorld.SupervisorEmail);

        var byName = await supervisor.GetPageAsync("/admin/audit?user=" + Uri.EscapeDataString("管理员"));
        var all = await supervisor.GetPageAsync("/admin/audit");
        var followed = await supervisor.GetPageAsync(all.QuerySelectorAll(".audit-user").Single(a => a.TextContent == "管理员").GetAttribute("href")!);

        Assert.Equal(["User:" + adminId], Subjects(byName));
        Assert.All(Subjects(followed), s => Assert.StartsWith("User:" + adminId, s, StringComparison.Ordinal));
        Assert.NotEmpty(Subjects(followed));
        Assert.Equal("1", byName.QuerySelector("#audit-count")!.TextContent.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
    }

    [Fact]
    public async Task The_trail_is_a_list_of_records_not_a_table_so_it_wraps_on_a_phone()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        await AddEntriesAsync(factory);
        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);

        var page = await admin.GetPageAsync("/admin/audit");

        Assert.Empty(page.QuerySelectorAll("main table"));
        Assert.Equal("OL", page.QuerySelector("#audit-entries")!.TagName);
        Assert.Contains(page.QuerySelectorAll("link[rel=stylesheet]"), l => l.GetAttribute("href")!.StartsWith("/css/audit.css", StringComparison.Ordinal));
    }
}

public class AuditDetailSentenceTests
{
    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public void Every_kind_of_details_has_its_sentence_in_each_language(string culture)
    {
        using var factory = new HotlineFactory();
        var localizer = factory.Services.GetRequiredService<IStringLocalizer<Web.AdminResource>>();
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            var missing = AuditDetails.Codes.Where(code => localizer["Audit.Detail." + code].ResourceNotFound).ToList();
            var chineseInEnglish = culture == "en"
                ? AuditDetails.Codes.Where(code => localizer["Audit.Detail." + code].Value.Any(c => c >= '\u4e00' && c <= '\u9fff')).ToList()
                : [];

            Assert.Empty(missing);
            Assert.Empty(chineseInEnglish);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
