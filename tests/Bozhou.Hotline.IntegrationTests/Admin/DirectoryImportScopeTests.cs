using System.Globalization;
using System.Text;
using Bozhou.Hotline.Core.Demo;
using Bozhou.Hotline.IntegrationTests.DirectoryPages;

namespace Bozhou.Hotline.IntegrationTests.Admin;

/// <summary>
/// Directory imports on the demonstration directory (谯城区 has fifteen posts): scoped to the file's jurisdictions, posts
/// ended only in the separate ending step, superiors kept, and every import in a history it can be reverted from.
/// </summary>
public class DirectoryImportScopeTests
{
    private const string Header = "jurisdiction,department,name,position,duties,mobile,office_phone,order\n";

    private sealed class Site(HotlineFactory? factory = null) : IDisposable
    {
        public HotlineFactory Factory { get; } = factory ?? DemoDirectorySite.NewFactory();

        public WorkspaceTestData Data => new(Factory);

        public Task<HttpClient> AdminAsync() => Data.SignInAsync(DemoAccountsSeed.AdminEmail, "Test-Password-2026");

        public Task<T> QueryAsync<T>(Func<HotlineDbContext, Task<T>> query) => Data.QueryAsync(query);

        /// <summary>The posts held today in <paramref name="jurisdiction"/> (its code), by name.</summary>
        public Task<List<Cadre>> HeldAsync(string jurisdiction) => QueryAsync(db => db.Cadres.AsNoTracking().Include(c => c.Department).ThenInclude(d => d.Jurisdiction)
            .Where(c => c.Department.Jurisdiction.Code == jurisdiction && c.PostEnd == null).OrderBy(c => c.Department.Order).ThenBy(c => c.ProtocolOrder).ToListAsync());

        /// <summary>The jurisdiction's list as the directory holds it, one CSV row per post held.</summary>
        public async Task<List<string>> RowsAsync(string jurisdiction) =>
            [.. (await HeldAsync(jurisdiction)).Select(c => string.Join(",", "qiaocheng", c.Department.NameZh, c.Name, c.Position, Quoted(c.Duties), c.Mobile, c.OfficePhone ?? "",
                c.ProtocolOrder.ToString(CultureInfo.InvariantCulture)))];

        public void Dispose() => Factory.Dispose();

        /// <summary>Replaces <paramref name="from"/> with <paramref name="to"/> in the row of <paramref name="name"/>.</summary>
        public static void Edit(List<string> rows, string name, string from, string to)
        {
            var i = rows.FindIndex(r => r.Contains($",{name},", StringComparison.Ordinal));
            rows[i] = rows[i].Replace(from, to, StringComparison.Ordinal);
        }

        private static string Quoted(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private static async Task<IHtmlDocument> PreviewAsync(HttpClient admin, string csv)
    {
        var page = await admin.GetPageAsync("/admin/import");
        using var preview = await admin.SubmitAsync(page.QuerySelector<IHtmlFormElement>("#import-upload")!, Html.Fields(("Pasted", csv)));
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        return await Html.ParseAsync(preview);
    }

    /// <summary>Ticks the ending step's boxes of <paramref name="names"/> and applies the import.</summary>
    private static Task<HttpResponseMessage> ApplyAsync(HttpClient admin, IHtmlDocument preview, IEnumerable<string> names, string? typedCount = null)
    {
        foreach (var name in names)
        {
            var label = preview.QuerySelectorAll("#import-ending label.form-check-label").Single(l => l.TextContent.Contains(name, StringComparison.Ordinal));
            preview.GetElementById(label.GetAttribute("for")!)!.SetAttribute("checked", "checked");
        }

        return admin.SubmitAsync(preview.QuerySelector<IHtmlFormElement>("#import-apply")!, typedCount is null ? null : Html.Fields(("EndCount", typedCount)));
    }

    [Fact]
    public async Task A_one_row_list_for_a_county_of_fifteen_ends_nobody_unless_named_and_then_exactly_the_named_posts()
    {
        using var site = new Site();
        using var admin = await site.AdminAsync();
        var others = await site.QueryAsync(db => db.Cadres.CountAsync(c => c.PostEnd == null && c.Department.Jurisdiction.Code != "qiaocheng"));
        var oneRow = Header + (await site.RowsAsync("qiaocheng"))[0] + "\n";

        var preview = await PreviewAsync(admin, oneRow);

        Assert.Contains("谯城区", preview.QuerySelector("#import-scope")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("涡阳县", preview.QuerySelector("#import-scope")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("14 名在职干部不在本次名单中", preview.QuerySelector("#import-ending legend")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(14, preview.QuerySelectorAll("#import-ending input[type=checkbox]").Length);
        Assert.Empty(preview.QuerySelectorAll("#import-ending input:checked"));
        using (var applied = await ApplyAsync(admin, preview, []))
        {
            Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        }

        Assert.Equal(15, (await site.HeldAsync("qiaocheng")).Count);

        preview = await PreviewAsync(admin, oneRow);
        using (var applied = await ApplyAsync(admin, preview, ["傅长青", "苏婉清"]))
        {
            Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        }

        var held = await site.HeldAsync("qiaocheng");
        Assert.Equal(13, held.Count);
        Assert.DoesNotContain(held, c => c.Name is "傅长青" or "苏婉清");
        Assert.Equal(others, await site.QueryAsync(db => db.Cadres.CountAsync(c => c.PostEnd == null && c.Department.Jurisdiction.Code != "qiaocheng")));
        Assert.Equal([2, 0], await site.QueryAsync(db => db.DirectoryImportBatches.OrderByDescending(b => b.Id).Select(b => b.Ended).ToListAsync()));
    }

    [Fact]
    public async Task Ending_more_than_a_quarter_of_a_jurisdiction_needs_the_count_typed()
    {
        using var site = new Site();
        using var admin = await site.AdminAsync();
        var oneRow = Header + (await site.RowsAsync("qiaocheng"))[0] + "\n";
        string[] four = ["傅长青", "苏婉清", "叶红梅", "吕志宏"];

        var preview = await PreviewAsync(admin, oneRow);
        using (var refused = await ApplyAsync(admin, preview, four))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var page = await Html.ParseAsync(refused);
            Assert.Contains("请输入免职人数 4 以确认", page.QuerySelector("#errors")!.TextContent, StringComparison.Ordinal);
            Assert.Equal(4, page.QuerySelectorAll("#import-ending input:checked").Length);
        }

        Assert.Equal(15, (await site.HeldAsync("qiaocheng")).Count);
        using (var wrong = await ApplyAsync(admin, await PreviewAsync(admin, oneRow), four, "3"))
        {
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        Assert.Equal(15, (await site.HeldAsync("qiaocheng")).Count);
        using (var confirmed = await ApplyAsync(admin, await PreviewAsync(admin, oneRow), four, "4"))
        {
            Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        }

        Assert.Equal(11, (await site.HeldAsync("qiaocheng")).Count);
    }

    [Fact]
    public async Task A_county_reimported_with_a_position_changed_and_a_cadre_added_keeps_every_superior_or_flags_it_and_the_cards_say_what_is_true()
    {
        using var site = new Site();
        using var admin = await site.AdminAsync();
        var rows = await site.RowsAsync("qiaocheng");
        Site.Edit(rows, "杜明亮", ",副区长,", ",区委常委、副区长,");
        rows.Add("qiaocheng,谯城区数据资源局,钱文涛,区数据资源局局长,主持区数据资源局全面工作。,13900000099,,1");

        var preview = await PreviewAsync(admin, Header + string.Join("\n", rows) + "\n");

        Assert.Equal(["谯城区数据资源局 钱文涛 区数据资源局局长"], preview.QuerySelectorAll("#import-no-superior li").Select(li => li.TextContent.Trim()));
        Assert.Null(preview.QuerySelector("#import-ending"));
        using (var applied = await ApplyAsync(admin, preview, []))
        {
            Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        }

        var held = await site.QueryAsync(db => db.Cadres.AsNoTracking().Include(c => c.Superior).Where(c => c.PostEnd == null).ToListAsync());
        Assert.All(held.Where(c => c.Superior is not null), c => Assert.True(c.Superior!.PostEnd is null, $"{c.Name} escalates to an ended record."));
        var newDu = held.Single(c => c.Name == "杜明亮");
        Assert.Equal(("区委常委、副区长", "沈一鸣"), (newDu.Position, newDu.Superior!.Name));
        Assert.Equal(newDu.Id, held.Single(c => c.Name == "傅长青").SuperiorId);

        using var citizen = site.Factory.CreateClient();
        var qian = held.Single(c => c.Name == "钱文涛");
        var qianCard = await citizen.GetPageAsync($"/directory/cadres/{qian.Id}");
        Assert.NotNull(qianCard.QuerySelector("#superior-not-set a[href='tel:12345']"));
        Assert.Null(qianCard.QuerySelector("#top-of-path"));
        var fuCard = await citizen.GetPageAsync($"/directory/cadres/{held.Single(c => c.Name == "傅长青").Id}");
        Assert.Equal(["杜明亮", "沈一鸣", "蒋国强", "陈立新"], fuCard.QuerySelectorAll("#escalation a").Select(a => a.TextContent.Split('（')[0].Trim()));
        var topCard = await citizen.GetPageAsync($"/directory/cadres/{held.Single(c => c.Name == "陈立新").Id}");
        Assert.NotNull(topCard.QuerySelector("#top-of-path"));
        var adminHome = await admin.GetPageAsync("/admin");
        Assert.Equal([$"/admin/cadres/edit/{qian.Id}"], adminHome.QuerySelectorAll("#without-superior a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task A_reverted_import_leaves_the_directory_exactly_as_before_it()
    {
        using var site = new Site();
        await ImportThenRevertAsync(site);
    }

    [Fact]
    public async Task On_PostgreSQL_a_reverted_import_leaves_the_directory_exactly_as_before_it()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var site = new Site(DemoDirectorySite.NewFactory().UsePostgres(database.ConnectionString));
        await ImportThenRevertAsync(site);
    }

    [Fact]
    public async Task On_PostgreSQL_two_reverts_of_one_import_at_once_revert_it_once_and_the_other_is_told()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var site = new Site(DemoDirectorySite.NewFactory().UsePostgres(database.ConnectionString));
        using var admin = await site.AdminAsync();
        using var other = await site.AdminAsync();
        var before = await DirectoryStateAsync(site);
        var rows = await site.RowsAsync("qiaocheng");
        rows.Add("qiaocheng,谯城区数据资源局,钱文涛,区数据资源局局长,主持区数据资源局全面工作。,13900000099,,1");
        using (var applied = await ApplyAsync(admin, await PreviewAsync(admin, Header + string.Join("\n", rows) + "\n"), []))
        {
            Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        }

        var forms = await Task.WhenAll(admin.GetPageAsync("/admin/import/history"), other.GetPageAsync("/admin/import/history"));

        var answers = await Task.WhenAll(
            admin.SubmitAsync(forms[0].QuerySelector<IHtmlFormElement>("form.revert")!), other.SubmitAsync(forms[1].QuerySelector<IHtmlFormElement>("form.revert")!));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Redirect], answers.Select(a => a.StatusCode).Order());
        var told = await Html.ParseAsync(answers.Single(a => a.StatusCode == HttpStatusCode.OK));
        Assert.Contains("该次导入已经撤销", told.QuerySelector("#errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await DirectoryStateAsync(site));
        Assert.Equal(1, await site.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Subject == "Directory:revert")));
        foreach (var answer in answers)
        {
            answer.Dispose();
        }
    }

    /// <summary>Imports 谯城区 with a position changed, a phone changed, a post ended and a post in a new unit added, then reverts it.</summary>
    private static async Task ImportThenRevertAsync(Site site)
    {
        using var admin = await site.AdminAsync();
        var before = await DirectoryStateAsync(site);
        var rows = await site.RowsAsync("qiaocheng");
        Site.Edit(rows, "杜明亮", ",副区长,", ",区委常委、副区长,");
        Site.Edit(rows, "袁秀英", "+8613800000026", "13900000026");
        rows.RemoveAll(r => r.Contains(",苏婉清,", StringComparison.Ordinal));
        rows.Add("qiaocheng,谯城区数据资源局,钱文涛,区数据资源局局长,主持区数据资源局全面工作。,13900000099,,1");
        var csv = Header + string.Join("\n", rows) + "\n";
        using (var applied = await ApplyAsync(admin, await PreviewAsync(admin, csv), ["苏婉清"]))
        {
            Assert.Equal("/admin/import/history", applied.Headers.Location?.OriginalString);
        }

        Assert.NotEqual(before, await DirectoryStateAsync(site));
        var history = await admin.GetPageAsync("/admin/import/history");
        var row = history.QuerySelector("#import-history tbody tr")!;
        Assert.Contains(DemoAccountsSeed.AdminEmail, row.TextContent, StringComparison.Ordinal);
        Assert.Contains("pasted", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("新增 2，变更 1，结束 2，新增单位 1", row.QuerySelector(".counts")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(csv))), row.InnerHtml, StringComparison.Ordinal);

        using var reverted = await admin.SubmitAsync(row.QuerySelector<IHtmlFormElement>("form.revert")!);

        Assert.Equal(HttpStatusCode.Redirect, reverted.StatusCode);
        var restored = await DirectoryStateAsync(site);
        var firstDifference = before.Zip(restored).TakeWhile(p => p.First == p.Second).Count();
        Assert.True(before == restored, $"At {firstDifference}: before …{before[Math.Max(0, firstDifference - 200)..Math.Min(before.Length, firstDifference + 100)]}… restored …{restored[Math.Max(0, firstDifference - 200)..Math.Min(restored.Length, firstDifference + 100)]}");
        var after = await admin.GetPageAsync("/admin/import/history");
        Assert.Contains("撤销", after.QuerySelector("#import-history tbody tr .status")!.TextContent, StringComparison.Ordinal);
        Assert.Null(after.QuerySelector("#import-history form.revert"));
        var audit = await site.QueryAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Subject == "Directory:revert").SingleAsync());
        Assert.Equal(DemoAccountsSeed.AdminEmail, audit.UserName);
    }

    [Fact]
    public async Task A_revert_is_refused_with_the_reason_when_a_record_it_touched_has_changed_since()
    {
        using var site = new Site();
        using var admin = await site.AdminAsync();
        var rows = await site.RowsAsync("qiaocheng");
        Site.Edit(rows, "袁秀英", "+8613800000026", "13900000026");
        using (var applied = await ApplyAsync(admin, await PreviewAsync(admin, Header + string.Join("\n", rows) + "\n"), []))
        {
            Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        }

        await site.Factory.EditCadreAsync("袁秀英", c => c.Mobile = "+8613900000027");
        var changed = await DirectoryStateAsync(site);
        var history = await admin.GetPageAsync("/admin/import/history");

        using var refused = await admin.SubmitAsync(history.QuerySelector<IHtmlFormElement>("#import-history form.revert")!);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await Html.ParseAsync(refused);
        Assert.Contains("导入后已被修改：谯城区人民政府 袁秀英（副区长）", page.QuerySelector("#errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(changed, await DirectoryStateAsync(site));
        Assert.Null(await site.QueryAsync(db => db.DirectoryImportBatches.Select(b => b.RevertedAt).SingleAsync()));
    }

    [Fact]
    public async Task A_record_edited_after_the_revert_checked_it_but_before_its_transaction_makes_the_revert_change_nothing()
    {
        using var site = new Site();
        using var admin = await site.AdminAsync();
        var rows = await site.RowsAsync("qiaocheng");
        Site.Edit(rows, "袁秀英", "+8613800000026", "13900000026");
        using (var applied = await ApplyAsync(admin, await PreviewAsync(admin, Header + string.Join("\n", rows) + "\n"), []))
        {
            Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        }

        // Another administrator's edit lands just as the revert (on a second instance of the app) opens its transaction.
        var race = new EditBeforeTransaction(() => site.Factory.EditCadreAsync("袁秀英", c => c.Mobile = "+8613900000027"));
        using var second = site.Factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.ConfigureDbContext<HotlineDbContext>(o => o.AddInterceptors(race))));
        var batchId = await site.QueryAsync(db => db.DirectoryImportBatches.Select(b => b.Id).SingleAsync());
        var names = new List<string>();
        RevertOutcome outcome;
        await using (var scope = second.Services.CreateAsyncScope())
        {
            outcome = await scope.ServiceProvider.GetRequiredService<DirectoryImporter>().RevertAsync(batchId, names, TestContext.Current.CancellationToken);
        }

        Assert.True(race.Fired);
        Assert.Equal(RevertOutcome.ChangedSince, outcome);
        Assert.Equal(["谯城区人民政府 袁秀英（副区长）"], names);
        Assert.Equal("+8613900000027", await site.QueryAsync(db => db.Cadres.Where(c => c.Name == "袁秀英").Select(c => c.Mobile).SingleAsync()));
        Assert.Null(await site.QueryAsync(db => db.DirectoryImportBatches.Select(b => b.RevertedAt).SingleAsync()));
        Assert.Equal(0, await site.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Subject == "Directory:revert")));
    }

    /// <summary>Runs an edit (on another instance) once, just before this instance's first transaction begins.</summary>
    private sealed class EditBeforeTransaction(Func<Task> edit) : Microsoft.EntityFrameworkCore.Diagnostics.DbTransactionInterceptor
    {
        public bool Fired { get; private set; }

        public override async ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbTransaction>> TransactionStartingAsync(
            System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.TransactionStartingEventData eventData,
            Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbTransaction> result, CancellationToken cancellationToken = default)
        {
            if (!Fired)
            {
                Fired = true;
                await edit();
            }

            return result;
        }
    }

    /// <summary>Every cadre and department as stored, in id order, as one text to compare.</summary>
    private static Task<string> DirectoryStateAsync(Site site) => site.QueryAsync(async db =>
    {
        var cadres = await db.Cadres.AsNoTracking().OrderBy(c => c.Id).ToListAsync();
        var departments = await db.Departments.AsNoTracking().OrderBy(d => d.Id).Select(d => $"{d.Id}|{d.NameZh}|{d.Order}|{d.JurisdictionId}").ToListAsync();
        return string.Join("\n", cadres.Select(c => CadreState.Of(c).ToJson() + c.Id).Concat(departments));
    });
    [Fact]
    public async Task The_same_preview_applied_twice_at_once_applies_once_and_the_later_apply_is_refused_with_nothing_written()
    {
        using var site = new Site();
        var ct = TestContext.Current.CancellationToken;
        var csv = Header + string.Join("\n", await site.RowsAsync("qiaocheng")) + "\nqiaocheng,区双击测试局,周新,科员,负责有关工作,13805580001,,99\n";
        await using var first = site.Factory.Services.CreateAsyncScope();
        await using var second = site.Factory.Services.CreateAsyncScope();
        var importer = first.ServiceProvider.GetRequiredService<DirectoryImporter>();
        var again = second.ServiceProvider.GetRequiredService<DirectoryImporter>();
        // A double click: both requests plan against the directory before either has applied.
        var plan = await importer.PlanAsync(csv, ct);
        var samePlan = await again.PlanAsync(csv, ct);

        await importer.ApplyAsync(plan, [], ImportSource.Pasted(csv), ct);
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => again.ApplyAsync(samePlan, [], ImportSource.Pasted(csv), ct));

        Assert.Equal(1, await site.QueryAsync(db => db.Cadres.CountAsync(c => c.Name == "周新")));
        Assert.Equal(1, await site.QueryAsync(db => db.DirectoryImportBatches.CountAsync()));
    }
}
