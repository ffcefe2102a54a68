using System.Text;
using static Bozhou.Hotline.TestSupport.SupervisionTestData;

namespace Bozhou.Hotline.IntegrationTests.Supervision;

public class ExportTests
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    [Fact]
    public async Task A_queue_exports_as_UTF8_CSV_with_a_BOM_Chinese_intact_phones_masked_and_the_export_logged()
    {
        using var factory = new AuthenticatedHotlineFactory();
        var data = await SeedAsync(factory);
        var appeal = await data.LogAsync(data.TransportHead, China(2026, 2, 24, 9), phoneCipher: Protect(factory, "+8613912345678"), phoneMasked: "139****5678");
        using var client = factory.CreateClientAs("督查员甲", Roles.Supervisor);
        var page = await client.GetPageAsync("/supervision?kind=MissedCalls");

        using var response = await client.SubmitAsync(page.QuerySelector<IHtmlFormElement>("#export-queue")!, pageUrl: "/supervision");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Bom, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("查询码,超时工作日数,时限,登记时间,承办干部,职务,单位,类别,来电号码", lines[0], StringComparison.Ordinal);
        Assert.Contains(appeal.TrackingCode, lines[1], StringComparison.Ordinal);
        Assert.Contains("张伟,局长,市交通运输局,交通出行,139****5678,已登记", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain("13912345678", text, StringComparison.Ordinal);

        var entry = await data.QueryAsync(db => db.AuditEntries.SingleAsync());
        Assert.Equal(AuditAction.Export, entry.Action);
        Assert.Equal("督查员甲", entry.UserName);
        Assert.Equal("user-督查员甲", entry.UserId);
        Assert.Equal("Queue:MissedCalls", entry.Subject);
        Assert.Contains("phones masked", entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Full_phone_numbers_are_exported_only_when_ticked_and_the_audit_entry_says_so()
    {
        using var factory = new AuthenticatedHotlineFactory();
        var data = await SeedAsync(factory);
        await data.LogAsync(data.TransportHead, China(2026, 2, 24, 9), phoneCipher: Protect(factory, "+8613912345678"), phoneMasked: "139****5678");
        using var client = factory.CreateClientAs("督查员甲", Roles.Supervisor);
        var page = await client.GetPageAsync("/supervision?kind=MissedCalls");
        var form = page.QuerySelector<IHtmlFormElement>("#export-queue")!;
        form.QuerySelector<IHtmlInputElement>("#include-phones")!.IsChecked = true;

        using var response = await client.SubmitAsync(form, pageUrl: "/supervision");
        var text = Encoding.UTF8.GetString((await response.Content.ReadAsByteArrayAsync())[3..]);

        Assert.Contains("+8613912345678", text, StringComparison.Ordinal);
        var entry = await data.QueryAsync(db => db.AuditEntries.SingleAsync());
        Assert.Equal(AuditAction.Export, entry.Action);
        Assert.Contains("FULL PHONE NUMBERS", entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_field_that_a_spreadsheet_would_run_as_a_formula_is_escaped()
    {
        using var factory = new AuthenticatedHotlineFactory();
        var data = await SeedAsync(factory);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Bozhou.Hotline.Core.Data.HotlineDbContext>();
            var cadre = await db.Cadres.SingleAsync(c => c.Id == data.TransportHead);
            cadre.Position = "=HYPERLINK(\"http://evil.example\")";
            await db.SaveChangesAsync();
        }

        await data.LogAsync(data.TransportHead, China(2026, 2, 24, 9));
        using var client = factory.CreateClientAs("督查员甲", Roles.Supervisor);
        var page = await client.GetPageAsync("/supervision?kind=MissedCalls");

        using var response = await client.SubmitAsync(page.QuerySelector<IHtmlFormElement>("#export-queue")!, pageUrl: "/supervision");
        var text = Encoding.UTF8.GetString((await response.Content.ReadAsByteArrayAsync())[3..]);

        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\")\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scorecard_exports_with_its_period_and_data_date_and_is_logged()
    {
        using var factory = new AuthenticatedHotlineFactory();
        var data = await SeedAsync(factory);
        for (var i = 0; i < 10; i++)
        {
            await data.LogAsync(data.DistrictHead, China(2026, 2, 4, 10).AddMinutes(i), i < 7 ? Bozhou.Hotline.Core.Appeals.CallOutcome.Answered : Bozhou.Hotline.Core.Appeals.CallOutcome.NotAnswered);
        }

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await global::Bozhou.Hotline.Web.Commands.HostCommands.RebuildStatsAsync(scope.ServiceProvider, new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        }

        using var client = factory.CreateClientAs("督查员甲", Roles.Supervisor);
        var page = await client.GetPageAsync("/supervision/scorecards?level=cadre&period=2026-02");
        using var response = await client.SubmitAsync(page.QuerySelector<IHtmlFormElement>("#export-scorecard")!, pageUrl: "/supervision/scorecards");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(Bom, bytes[..3]);
        Assert.StartsWith("名次,名称,单位/职务,来电登记数,接通率,95%置信区间,样本数", lines[0], StringComparison.Ordinal);
        var wang = lines.Single(l => l.Contains("王芳", StringComparison.Ordinal));
        Assert.StartsWith("1,王芳,谯城区政府 区长,10,70.0%,39.7%–89.2%,10,", wang, StringComparison.Ordinal);
        Assert.EndsWith(",2026-02,2026-02-28 24:00", wang, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("张明", StringComparison.Ordinal) && l.Contains("样本不足", StringComparison.Ordinal));
        var entry = await data.QueryAsync(db => db.AuditEntries.SingleAsync());
        Assert.Equal(("Scorecard:Cadre", AuditAction.Export), (entry.Subject, entry.Action));
    }

    [Fact]
    public async Task The_scorecard_page_shows_a_hundred_ranks_at_a_time_and_its_CSV_export_holds_every_row()
    {
        using var factory = new AuthenticatedHotlineFactory();
        var data = await SeedAsync(factory);
        await data.QueryAsync(async db =>
        {
            var transport = await db.Departments.SingleAsync(d => d.Id == data.Transport);
            for (var i = 0; i < 146; i++)
            {
                db.Cadres.Add(new Bozhou.Hotline.Core.Directory.Cadre
                {
                    Name = "干部" + i, NamePinyin = "Cadre " + i, Position = "科员", PositionEn = "Officer", Mobile = "+86139" + (10_000_000 + i),
                    DepartmentId = transport.Id, ProtocolOrder = 10 + i, PostStart = new DateOnly(2025, 1, 1), Duties = "窗口服务",
                });
            }

            return await db.SaveChangesAsync();
        });
        using var client = factory.CreateClientAs("督查员甲", Roles.Supervisor);

        var first = await client.GetPageAsync("/supervision/scorecards?level=cadre&period=2026-02");
        var second = await client.GetPageAsync(first.QuerySelector<IHtmlAnchorElement>("#score-pager a[rel='next']")!.GetAttribute("href")!);

        // 4 serving cadres of the fixture and 146 added: 150 rows, 100 then 50, none twice.
        var firstIds = first.QuerySelectorAll("#scorecard tbody tr").Select(r => r.GetAttribute("data-id")).ToList();
        var secondIds = second.QuerySelectorAll("#scorecard tbody tr").Select(r => r.GetAttribute("data-id")).ToList();
        Assert.Equal((100, 50), (firstIds.Count, secondIds.Count));
        Assert.Empty(firstIds.Intersect(secondIds));
        Assert.Contains("第 2/2 页", second.QuerySelector("#score-pager")!.TextContent, StringComparison.Ordinal);
        Assert.Null(second.QuerySelector("#score-pager a[rel='next']"));

        using var response = await client.SubmitAsync(second.QuerySelector<IHtmlFormElement>("#export-scorecard")!, pageUrl: "/supervision/scorecards");
        var lines = Encoding.UTF8.GetString((await response.Content.ReadAsByteArrayAsync())[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1 + 150, lines.Length);
    }

    private static string Protect(HotlineFactory factory, string phone) =>
        factory.Services.GetRequiredService<CallerDataProtector>().ProtectPhone(phone);
}
