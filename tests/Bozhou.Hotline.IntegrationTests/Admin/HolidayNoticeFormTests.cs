namespace Bozhou.Hotline.IntegrationTests.Admin;

/// <summary>The administrator types the State Council notice's ranges, previews the days, then saves them.</summary>
public class HolidayNoticeFormTests
{
    // As published in the 2026 notice (国办发明电〔2025〕).
    private const string Notice2026 = """
        一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
        二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
        """;

    private static readonly string[] TwoFestivals = ["New Year's Day 元旦", "Spring Festival 春节"];

    [Fact]
    public async Task The_2026_notices_New_Year_and_Spring_Festival_text_previews_the_reference_days_with_flags_and_saves_them()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);
        var page = await admin.GetPageAsync("/admin/calendar?year=2026");

        using var previewed = await admin.SubmitAsync(
            page.QuerySelector<IHtmlFormElement>("#notice-form")!, Html.Fields(("Notice.Year", "2026"), ("Notice.Text", Notice2026)));
        Assert.Equal(HttpStatusCode.OK, previewed.StatusCode);
        var preview = await Html.ParseAsync(previewed);

        var reference = HolidaySchedule.Official2026.Where(d => TwoFestivals.Contains(d.Occasion)).ToList();
        var rows = preview.QuerySelectorAll("#notice-preview tr");
        Assert.Equal(
            // The Chinese page shows the occasion's Chinese part ("New Year's Day 元旦" reads 元旦).
            reference.Select(d => (d.Date.ToString("yyyy-MM-dd"), d.Kind.ToString(), d.Occasion.Split(' ')[^1])),
            rows.Select(r => (r.GetAttribute("data-date")!, r.GetAttribute("data-kind")!, r.Children[2].TextContent)));
        // Flags: the days off that fall on a weekend anyway, and a year of two festivals where 7 are usual.
        Assert.Equal(
            ["2026-01-03", "2026-02-15", "2026-02-21", "2026-02-22"],
            rows.Where(r => r.QuerySelector("[data-warning='HolidayOnWeekend']") is not null).Select(r => r.GetAttribute("data-date")!));
        Assert.Contains("只有 2 个节日", preview.QuerySelector("#notice-warnings [data-warning='FewFestivals']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(39, await data.QueryAsync(db => db.CalendarDays.CountAsync(d => d.Date.Year == 2026))); // nothing saved yet

        using var saved = await admin.SubmitAsync(preview.QuerySelector<IHtmlFormElement>("#notice-save")!);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stored = await data.QueryAsync(db => db.CalendarDays.AsNoTracking().Where(d => d.Date.Year == 2026).OrderBy(d => d.Date).ToListAsync());
        Assert.Equal(reference.Select(d => (d.Date, d.Kind, d.Occasion)), stored.Select(d => (d.Date, d.Kind, d.Occasion)));
        Assert.Equal(
            "notice loaded; deadlines moved: 0 on 0 open appeals",
            await data.QueryAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Subject == "Calendar:2026").Select(e => e.Details).SingleAsync()));
    }

    [Fact]
    public async Task A_make_up_day_typed_on_a_weekday_is_flagged_and_a_notice_that_cannot_be_read_says_why_and_saves_nothing()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);
        var page = await admin.GetPageAsync("/admin/calendar?year=2027");

        using var previewed = await admin.SubmitAsync(
            page.QuerySelector<IHtmlFormElement>("#notice-form")!, Html.Fields(("Notice.Year", "2027"), ("Notice.Text", "元旦：1月1日至3日放假\n春节：2月15日（星期一）上班")));
        var preview = await Html.ParseAsync(previewed);
        Assert.NotNull(preview.QuerySelector("#notice-preview tr[data-date='2027-02-15'] [data-warning='WorkdayNotOnWeekend']"));

        page = await admin.GetPageAsync("/admin/calendar?year=2027");
        using var bad = await admin.SubmitAsync(
            page.QuerySelector<IHtmlFormElement>("#notice-form")!, Html.Fields(("Notice.Year", "2027"), ("Notice.Text", "元旦：2月30日放假")));
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("通知无法识别", (await Html.ParseAsync(bad)).QuerySelector("#errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await data.QueryAsync(db => db.CalendarDays.CountAsync(d => d.Date.Year == 2027)));
        Assert.Equal(0, await data.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditAction.AdminChange)));
    }
}
