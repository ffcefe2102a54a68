using System.Text;
using Bozhou.Hotline.Web.Pages.Admin;
using MiniExcelLibs;

namespace Bozhou.Hotline.IntegrationTests.Admin;

/// <summary>The same list saved as UTF-8, UTF-8 with BOM, UTF-16, GBK (Excel's "CSV (逗号分隔)" on Chinese Windows) and .xlsx.</summary>
public class DirectoryImportEncodingTests
{
    private static readonly string[] NewNames =
    [
        "陈静", "杨帆", "黄磊", "周敏", "吴涛", "徐丽", "孙浩", "胡军", "朱婷", "高峰", "林芳", "何勇", "郭颖", "马超", "罗娟", "梁斌", "宋佳",
    ];

    /// <summary>
    /// Twenty rows: 李明 and 张伟 unchanged, 王强's mobile changed, seventeen new deputies of 市交通运输局 (one with a
    /// quoted line break and an office phone), 赵刚 missing (ended).
    /// </summary>
    private static readonly string[][] Rows =
    [
        ["市直", "市政府", "李明", "副市长", "负责有关工作", "13905580000", "", "2"],
        ["市直", "市政府", "王强", "副市长", "负责有关工作", "13905589999", "", "3"],
        ["市直", "市交通运输局", "张伟", "局长", "负责有关工作", "13800000002", "", "1"],
        .. NewNames.Select((name, i) => new[]
        {
            "市直", "市交通运输局", name, "副局长", i == 0 ? "分管公路建设、道路运输，\n联系市公路事业发展中心" : $"分管第{i + 1}项工作（含“亳州”港航）",
            $"1390558{1000 + i}", i == 0 ? "0558-5123456" : "", $"{i + 2}",
        }),
    ];

    private static string Csv() =>
        string.Join(",", DirectoryImport.Columns) + "\r\n"
        + string.Concat(Rows.Select(r => string.Join(",", r.Select(v => v.Contains('\n', StringComparison.Ordinal) ? $"\"{v}\"" : v)) + "\r\n"));

    private static byte[] Xlsx()
    {
        using var stream = new MemoryStream();
        // Phones and the order typed as numbers, as an office fills a sheet in.
        var sheet = Rows.Select(r => DirectoryImport.Columns.Select((c, i) => (c, r[i])).ToDictionary(
            p => p.c, p => p.c is "mobile" ? long.Parse(p.Item2, CultureInfo.InvariantCulture) : p.c is "order" ? (object)int.Parse(p.Item2, CultureInfo.InvariantCulture) : p.Item2)).ToList();
        stream.SaveAs(sheet, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    private static byte[] FileOf(string format)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return format switch
        {
            "utf-8" => new UTF8Encoding(false).GetBytes(Csv()),
            "utf-8-bom" => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Csv())],
            "utf-16le" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Csv())],
            "gbk" => Encoding.GetEncoding("GBK").GetBytes(Csv()),
            _ => Xlsx(),
        };
    }

    [Theory]
    [InlineData("utf-8", "名录.csv", "文件编码：UTF-8")]
    [InlineData("utf-8-bom", "名录.csv", "文件编码：UTF-8（带 BOM）")]
    [InlineData("utf-16le", "名录.csv", "文件编码：UTF-16（小端序）")]
    [InlineData("gbk", "名录.csv", "文件编码：GB18030（GBK）")]
    [InlineData("xlsx", "名录.xlsx", "文件格式：Excel 工作簿（.xlsx），读取第一个工作表")]
    public async Task The_same_list_in_each_accepted_encoding_or_as_xlsx_previews_and_applies_identically_and_shows_how_it_was_read(
        string format, string fileName, string shown)
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);
        var page = await admin.GetPageAsync("/admin/import");

        using var preview = await admin.SubmitMultipartAsync(page.QuerySelector<IHtmlFormElement>("#import-upload")!, files: [("Upload", fileName, FileOf(format))]);

        var previewPage = await Html.ParseAsync(preview);
        Assert.Equal(shown, previewPage.QuerySelector("#import-encoding")?.TextContent.Trim());
        Assert.Equal(NewNames.Select(n => $"新增：市交通运输局 {n} 副局长"), previewPage.QuerySelectorAll("#import-plan li.added").Select(li => li.TextContent.Trim()));
        Assert.Equal(["变更：市政府 王强"], previewPage.QuerySelectorAll("#import-plan li.changed").Select(li => li.TextContent.Trim()));
        Assert.Equal(["市住房和城乡建设局 赵刚 局长"], previewPage.QuerySelectorAll("#import-ending label.form-check-label").Select(l => l.TextContent.Trim()));
        previewPage.QuerySelector("#import-ending input[type=checkbox]")!.SetAttribute("checked", "checked");

        using var applied = await admin.SubmitAsync(previewPage.QuerySelector<IHtmlFormElement>("#import-apply")!);

        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        var current = await data.QueryAsync(db => db.Cadres.AsNoTracking().Where(c => c.PostEnd == null && c.Department.Jurisdiction.Code == "city")
            .Select(c => new { Department = c.Department.NameZh, c.Name, c.Position, c.Duties, c.Mobile, c.OfficePhone, c.ProtocolOrder }).ToListAsync());
        var expected = Rows.Select(r => new
        {
            Department = r[1], Name = r[2], Position = r[3], Duties = r[4], Mobile = "+86" + r[5], OfficePhone = r[6].Length == 0 ? null : "+865585123456",
            ProtocolOrder = int.Parse(r[7], CultureInfo.InvariantCulture),
        });
        Assert.Equal(expected.OrderBy(c => c.Name, StringComparer.Ordinal), current.OrderBy(c => c.Name, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("名录.csv", "无法识别文件编码")]
    [InlineData("名录.xlsx", "无法读取该 Excel 工作簿")]
    public async Task A_file_that_does_not_decode_is_refused_with_the_reason_before_any_preview_and_nothing_is_written(string fileName, string reason)
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);
        var page = await admin.GetPageAsync("/admin/import");
        var cadresBefore = await data.QueryAsync(db => db.Cadres.CountAsync());
        // Invalid in UTF-8 (0x80 cannot start a sequence) and in GB18030 (0x80 and 0xFF are no lead bytes).
        byte[] garbage = [.. Encoding.UTF8.GetBytes(string.Join(",", DirectoryImport.Columns) + "\n"), 0x80, 0xFF, 0x81, 0x20, 0xFF, 0x00];

        using var preview = await admin.SubmitMultipartAsync(page.QuerySelector<IHtmlFormElement>("#import-upload")!, files: [("Upload", fileName, garbage)]);

        var result = await Html.ParseAsync(preview);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains(reason, result.QuerySelector("#errors")!.TextContent, StringComparison.Ordinal);
        Assert.Null(result.QuerySelector("#import-plan"));
        Assert.Null(result.QuerySelector("#import-apply"));
        Assert.Equal(cadresBefore, await data.QueryAsync(db => db.Cadres.CountAsync()));
        Assert.False(await data.QueryAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditAction.AdminChange)));
    }

    [Fact]
    public async Task The_import_directory_command_reads_a_gbk_file_and_refuses_one_that_does_not_decode()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        var folder = Path.GetDirectoryName(factory.SqlitePath)!;
        var gbk = Path.Combine(folder, "gbk.csv");
        var bad = Path.Combine(folder, "bad.csv");
        await File.WriteAllBytesAsync(gbk, FileOf("gbk"), TestContext.Current.CancellationToken);
        await File.WriteAllBytesAsync(bad, [.. FileOf("utf-8"), 0x80, 0xFF, 0x81, 0x20], TestContext.Current.CancellationToken);

        var refused = await CreateUserCommandTests.RunAppAsync(factory.SqlitePath, "import-directory", bad);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("neither UTF-8 nor GB18030", refused.Errors, StringComparison.Ordinal);
        Assert.Null(await data.QueryAsync(db => db.Cadres.AsNoTracking().FirstOrDefaultAsync(c => c.Name == "陈静")));

        var (exitCode, output, errors) = await CreateUserCommandTests.RunAppAsync(factory.SqlitePath, "import-directory", gbk, "--end-missing", "1");
        Assert.True(exitCode == 0, $"import-directory exited {exitCode}: {output} {errors}");
        Assert.Contains("File encoding: GB18030 (GBK)", output, StringComparison.Ordinal);
        Assert.Contains("17 to add, 1 to change, 0 to end, 1 not in the file, 0 errors.", output, StringComparison.Ordinal);
        Assert.Contains("17 added, 1 changed, 1 ended.", output, StringComparison.Ordinal);
        Assert.NotNull(await data.QueryAsync(db => db.Cadres.AsNoTracking().FirstOrDefaultAsync(c => c.Name == "陈静")));
    }
    [Fact]
    public async Task A_list_of_Chinese_text_just_under_the_upload_limit_previews_and_applies()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);
        var page = await admin.GetPageAsync("/admin/import");
        // A city-wide list with long duties: Chinese text, varied from row to row, the file just under the limit.
        const string Words = "负责统筹协调督办城乡建设交通运输生态环境卫生健康教育体育文化旅游农业农村水利应急管理市场监督";
        var csv = new StringBuilder(string.Join(",", DirectoryImport.Columns) + "\n");
        for (var (i, size) = (0, 0); size < ImportModel.MaxBytes - 4000; i++)
        {
            var duties = string.Concat(Enumerable.Range(0, 600).Select(k => Words[(i * 7 + k * k) % Words.Length]));
            var row = $"市直,市交通运输局,干部{i:D4},科员,{duties},1390558{i:D4},,{i + 2}\n";
            csv.Append(row);
            size += Encoding.UTF8.GetByteCount(row);
        }

        var bytes = Encoding.UTF8.GetBytes(csv.ToString());
        using var preview = await admin.SubmitMultipartAsync(page.QuerySelector<IHtmlFormElement>("#import-upload")!, files: [("Upload", "名录.csv", bytes)]);
        var previewPage = await Html.ParseAsync(preview);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.NotNull(previewPage.QuerySelector("#import-apply"));

        using var applied = await admin.SubmitAsync(previewPage.QuerySelector<IHtmlFormElement>("#import-apply")!);

        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        Assert.Equal(previewPage.QuerySelectorAll("#import-plan li.added").Length, await data.QueryAsync(db => db.Cadres.CountAsync(c => c.Name.StartsWith("干部"))));
    }
}
