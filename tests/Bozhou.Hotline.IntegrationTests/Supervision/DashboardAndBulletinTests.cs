using System.Text.Json;
using static Bozhou.Hotline.TestSupport.SupervisionTestData;

namespace Bozhou.Hotline.IntegrationTests.Supervision;

public class DashboardAndBulletinTests
{
    [Fact]
    public async Task The_dashboard_embeds_its_figures_as_safe_JSON_with_the_same_numbers_in_tables_and_Chart_js_from_the_site()
    {
        using var factory = new AuthenticatedHotlineFactory();
        var data = await SeedAsync(factory);
        await data.LogAsync(data.TransportHead, China(2026, 2, 24, 9, 15));
        await data.LogAsync(data.TransportHead, China(2026, 2, 24, 9, 45), CallOutcome.Answered);
        await data.LogAsync(data.DistrictHead, China(2026, 2, 25, 22), topicId: data.TopicConsultation);
        using var client = factory.CreateClientAs("督查员", Roles.Supervisor);

        var page = await client.GetPageAsync("/supervision/dashboard?from=2026-02-20&to=2026-03-02");

        var script = page.QuerySelector("script#chart-data")!;
        Assert.Equal("application/json", script.GetAttribute("type"));
        using var json = JsonDocument.Parse(script.TextContent);
        var hours = json.RootElement.GetProperty("hours").GetProperty("counts").EnumerateArray().Select(e => e.GetInt32()).ToList();
        Assert.Equal(2, hours[9]);
        Assert.Equal(1, hours[22]);
        Assert.Equal(3, hours.Sum());
        Assert.Equal("来电次数", json.RootElement.GetProperty("labels").GetProperty("calls").GetString());
        var hourCells = page.QuerySelectorAll("#table-hours tbody td").Select(td => int.Parse(td.TextContent, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(hours, hourCells);
        Assert.Contains(page.QuerySelectorAll("#table-hotspots tbody tr"), tr => tr.TextContent.Contains("市交通运输局", StringComparison.Ordinal) && tr.TextContent.Contains("交通出行", StringComparison.Ordinal));
        Assert.All(page.QuerySelectorAll("script[src]"), s => Assert.StartsWith("/", s.GetAttribute("src"), StringComparison.Ordinal));
        Assert.NotNull(page.QuerySelector("script[src='/lib/chart.js/dist/chart.umd.min.js']"));
        Assert.NotNull(page.QuerySelector("script[src^='/js/supervision-charts.js']"));
        Assert.Equal(4, page.QuerySelectorAll("canvas").Length);
    }

    [Fact]
    public async Task Names_in_the_chart_data_cannot_close_the_script_element()
    {
        using var factory = new AuthenticatedHotlineFactory();
        var data = await SeedAsync(factory);
        await data.QueryAsync(async db =>
        {
            var department = await db.Departments.FindAsync(data.Transport);
            department!.NameZh = "</script><script>alert(1)</script>";
            return await db.SaveChangesAsync();
        });
        await data.LogAsync(data.TransportHead, China(2026, 3, 1, 9));
        using var client = factory.CreateClientAs("督查员", Roles.Supervisor);

        var html = await client.GetStringAsync(new Uri("/supervision/dashboard", UriKind.Relative));

        Assert.DoesNotContain("</script><script>alert(1)", html, StringComparison.Ordinal);
        Assert.Contains("\\u003C/script\\u003E", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_monthly_bulletin_prints_the_rankings_the_overdue_list_the_spot_checks_the_period_and_the_data_date()
    {
        using var factory = new AuthenticatedHotlineFactory();
        var data = await SeedAsync(factory);
        var late = await data.LogAsync(data.TransportHead, China(2026, 2, 2, 9), CallOutcome.Answered);
        await data.LogAsync(data.DistrictHead, China(2026, 2, 2, 9), CallOutcome.Answered);
        using var client = factory.CreateClientAs("督查员", Roles.Supervisor);

        var page = await client.GetPageAsync("/supervision/bulletin?jurisdiction=city&month=2026-02");

        Assert.Equal("市直干部热线办理情况通报（2026年2月）", page.QuerySelector("#bulletin h1")!.TextContent.Trim());
        Assert.Contains("2026-02-01 — 2026-02-28", page.QuerySelector("#bulletin-period")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("数据截至 2026-02-28 24:00", page.QuerySelector("#data-date")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("#bulletin-departments"));
        Assert.NotNull(page.QuerySelector("#bulletin-cadres"));
        var overdue = page.QuerySelector("table[data-queue='OverdueReplies']")!;
        Assert.Contains(TrackingCode.Format(late.TrackingCode), overdue.TextContent, StringComparison.Ordinal);
        // Qiaocheng's appeal belongs to Qiaocheng's bulletin, not the city's.
        Assert.DoesNotContain("王芳", page.QuerySelector("#bulletin")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("link[href^='/css/supervision.css']"));
    }
}
