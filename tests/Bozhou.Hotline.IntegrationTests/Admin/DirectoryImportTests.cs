using System.Text;

namespace Bozhou.Hotline.IntegrationTests.Admin;

public class DirectoryImportTests
{
    /// <summary>李明 and 张伟 unchanged, 王强's mobile changed, 孙丽 new, 赵刚 missing (ended).</summary>
    public const string ValidFile = "jurisdiction,department,name,position,duties,mobile,office_phone,order\n"
        + "市直,市政府,李明,副市长,负责有关工作,13905580000,,2\n"
        + "city,市政府,王强,副市长,负责有关工作,13905589999,,3\n"
        + "市直,市交通运输局,张伟,局长,负责有关工作,13800000002,,1\n"
        + "市直,市交通运输局,孙丽,副局长,\"分管公路建设、道路运输，\n联系市公路事业发展中心\",139 0558 1234,0558-5123456,2\n";

    [Fact]
    public async Task An_uploaded_list_is_previewed_then_applied_in_one_go_with_an_audit_entry()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);
        var page = await admin.GetPageAsync("/admin/import");

        using var preview = await admin.SubmitAsync(page.QuerySelector<IHtmlFormElement>("#import-upload")!, Html.Fields(("Pasted", "\uFEFF" + ValidFile)));

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var previewPage = await Html.ParseAsync(preview);
        Assert.Equal(["新增：市交通运输局 孙丽 副局长"], previewPage.QuerySelectorAll("#import-plan li.added").Select(li => li.TextContent.Trim()));
        Assert.Equal(["变更：市政府 王强"], previewPage.QuerySelectorAll("#import-plan li.changed").Select(li => li.TextContent.Trim()));
        Assert.Empty(previewPage.QuerySelectorAll("#import-plan li.ended"));
        Assert.Equal(["市住房和城乡建设局 赵刚 局长"], previewPage.QuerySelectorAll("#import-ending label.form-check-label").Select(l => l.TextContent.Trim()));
        Assert.Null(await data.QueryAsync(db => db.Cadres.AsNoTracking().SingleOrDefaultAsync(c => c.Name == "孙丽")));

        var apply = previewPage.QuerySelector<IHtmlFormElement>("#import-apply")!;
        using var tampered = await admin.SubmitAsync(apply, Html.Fields(("Protected", "forged")));
        Assert.Contains("请重新上传", (await Html.ParseAsync(tampered)).QuerySelector("#errors")!.TextContent, StringComparison.Ordinal);
        previewPage.QuerySelector("#import-ending input[type=checkbox]")!.SetAttribute("checked", "checked");
        using var applied = await admin.SubmitAsync(apply);

        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        var sun = await data.QueryAsync(db => db.Cadres.AsNoTracking().Include(c => c.Department).SingleAsync(c => c.Name == "孙丽"));
        Assert.Equal(("市交通运输局", "+8613905581234", "分管公路建设、道路运输，\n联系市公路事业发展中心"), (sun.Department.NameZh, sun.Mobile, sun.Duties));
        Assert.Equal("+8613905589999", (await data.QueryAsync(db => db.Cadres.AsNoTracking().SingleAsync(c => c.Id == world.WangId))).Mobile);
        Assert.Equal(new DateOnly(2026, 3, 1), (await data.QueryAsync(db => db.Cadres.AsNoTracking().SingleAsync(c => c.Id == world.ZhaoId))).PostEnd);
        var audit = await data.QueryAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == AuditAction.AdminChange));
        Assert.Equal(("Directory:import", "{\"added\":1,\"changed\":1,\"ended\":1,\"departments\":0}"), (audit.Subject, audit.After));
    }

    [Fact]
    public async Task A_file_with_bad_rows_lists_them_by_row_and_column_and_offers_no_import()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);
        var page = await admin.GetPageAsync("/admin/import");
        var file = ValidFile + "合肥市,市政府,周涛,市长,,13905581111,,1\n市直,市政府,李明,副市长,,12345,,2\n";

        using var preview = await admin.SubmitAsync(page.QuerySelector<IHtmlFormElement>("#import-upload")!, Html.Fields(("Pasted", file)));

        var result = await Html.ParseAsync(preview);
        var errors = result.QuerySelectorAll("#import-errors tr").Select(tr => string.Join("|", tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()))).ToList();
        Assert.Equal(["第 5 行|jurisdiction|辖区不存在（请填中文名称或代码）", "第 6 行|mobile|电话号码无效"], errors);
        Assert.Null(result.QuerySelector("#import-apply"));
    }

    [Fact]
    public async Task The_import_directory_command_prints_the_plan_refuses_a_bad_file_and_ends_missing_posts_only_with_their_count()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var folder = Path.GetDirectoryName(factory.SqlitePath)!;
        var good = Path.Combine(folder, "good.csv");
        var bad = Path.Combine(folder, "bad.csv");
        await File.WriteAllTextAsync(good, ValidFile, new UTF8Encoding(true), TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(bad, ValidFile + "市直,市政府,孙丽,副市长,,13905581234,,3\n市直,市交通运输局,孙丽,副局长,,13905581234,,3\n", TestContext.Current.CancellationToken);

        var refused = await CreateUserCommandTests.RunAppAsync(factory.SqlitePath, "import-directory", bad);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("error: row 6, column name: duplicate person", refused.Output, StringComparison.Ordinal);
        Assert.Null(await data.QueryAsync(db => db.Cadres.AsNoTracking().FirstOrDefaultAsync(c => c.Name == "孙丽")));

        var (exitCode, output, errors) = await CreateUserCommandTests.RunAppAsync(factory.SqlitePath, "import-directory", good);
        Assert.True(exitCode == 0, $"import-directory exited {exitCode}: {output} {errors}");
        Assert.Contains("1 to add, 1 to change, 0 to end, 1 not in the file, 0 errors.", output, StringComparison.Ordinal);
        Assert.Contains("1 not in the file kept in post (end them with --end-missing 1)", output, StringComparison.Ordinal);
        Assert.NotNull(await data.QueryAsync(db => db.Cadres.AsNoTracking().FirstOrDefaultAsync(c => c.Name == "孙丽")));
        Assert.Null((await data.QueryAsync(db => db.Cadres.AsNoTracking().SingleAsync(c => c.Id == world.ZhaoId))).PostEnd);

        var unconfirmed = await CreateUserCommandTests.RunAppAsync(factory.SqlitePath, "import-directory", good, "--end-missing", "2");
        Assert.Equal(2, unconfirmed.ExitCode);
        Assert.Null((await data.QueryAsync(db => db.Cadres.AsNoTracking().SingleAsync(c => c.Id == world.ZhaoId))).PostEnd);
        var ended = await CreateUserCommandTests.RunAppAsync(factory.SqlitePath, "import-directory", good, "--end-missing", "1");
        Assert.True(ended.ExitCode == 0, ended.Output + ended.Errors);
        Assert.NotNull((await data.QueryAsync(db => db.Cadres.AsNoTracking().SingleAsync(c => c.Id == world.ZhaoId))).PostEnd);
        Assert.Equal(2, await data.QueryAsync(db => db.DirectoryImportBatches.CountAsync(b => b.FileName == "good.csv")));
    }
}
