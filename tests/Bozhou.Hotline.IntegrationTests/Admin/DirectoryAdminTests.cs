namespace Bozhou.Hotline.IntegrationTests.Admin;

public class DirectoryAdminTests
{
    private static Task<List<string>> SubjectsAsync(WorkspaceTestData data) =>
        data.QueryAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditAction.AdminChange).OrderBy(e => e.Id).Select(e => e.Subject).ToListAsync());

    private static string Errors(IDocument page) => page.QuerySelector("#errors")!.TextContent;

    [Fact]
    public async Task Admin_creates_renames_and_ends_a_department_each_audited()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);
        var page = await admin.GetPageAsync("/admin/departments");

        using var created = await admin.SubmitAsync(page.QuerySelector<IHtmlFormElement>("#new-department")!, Html.Fields(("Input.NameZh", "市数据资源管理局"), ("Input.NameEn", "Data Resources Bureau"), ("Input.Order", "9")));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var department = await data.QueryAsync(db => db.Departments.AsNoTracking().SingleAsync(d => d.NameZh == "市数据资源管理局"));

        page = await admin.GetPageAsync("/admin/departments");
        var row = page.QuerySelector<IHtmlFormElement>($"tr[data-department-id='{department.Id}'] form.edit-department")!;
        using var renamed = await admin.SubmitAsync(row, Html.Fields(("Input.NameZh", "市数据资源局")));
        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        using var ended = await admin.SubmitAsync(page.QuerySelector<IHtmlFormElement>($"tr[data-department-id='{department.Id}'] form.end-department")!);

        var stored = await data.QueryAsync(db => db.Departments.AsNoTracking().SingleAsync(d => d.Id == department.Id));
        Assert.Equal(("市数据资源局", new DateOnly(2026, 3, 1)), (stored.NameZh, stored.EndedOn!.Value));
        Assert.Equal(Enumerable.Repeat($"Department:{department.Id}", 3), await SubjectsAsync(data));

        // Each answer's page carries new one-time keys; a form sent again with its old key would be a repeat.
        row = (await admin.GetPageAsync("/admin/departments")).QuerySelector<IHtmlFormElement>($"tr[data-department-id='{department.Id}'] form.edit-department")!;
        using var empty = await admin.SubmitAsync(row, Html.Fields(("Input.NameZh", "")));
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("请填写中文名称", Errors(await Html.ParseAsync(empty)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_adds_and_edits_a_jurisdiction_and_a_taken_code_is_refused()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);
        var page = await admin.GetPageAsync("/admin/jurisdictions");
        var form = page.QuerySelector<IHtmlFormElement>("#new-jurisdiction")!;

        using var created = await admin.SubmitAsync(form, Html.Fields(("Input.Code", "guoyang"), ("Input.NameZh", "涡阳县"), ("Input.NameEn", "Guoyang County"), ("Input.Order", "3")));
        form = (await admin.GetPageAsync("/admin/jurisdictions")).QuerySelector<IHtmlFormElement>("#new-jurisdiction")!;
        using var taken = await admin.SubmitAsync(form, Html.Fields(("Input.Code", "city"), ("Input.NameZh", "重复")));

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        Assert.Contains("代码“city”已被使用", Errors(await Html.ParseAsync(taken)), StringComparison.Ordinal);
        var guoyang = await data.QueryAsync(db => db.Jurisdictions.AsNoTracking().SingleAsync(j => j.Code == "guoyang"));
        page = await admin.GetPageAsync("/admin/jurisdictions");
        using var edited = await admin.SubmitAsync(page.QuerySelector<IHtmlFormElement>($"form[data-jurisdiction-id='{guoyang.Id}']")!, Html.Fields(("Input.Order", "4")));
        Assert.Equal(4, (await data.QueryAsync(db => db.Jurisdictions.AsNoTracking().SingleAsync(j => j.Id == guoyang.Id))).Order);
        Assert.Equal([$"Jurisdiction:{guoyang.Id}", $"Jurisdiction:{guoyang.Id}"], await SubjectsAsync(data));
    }

    [Fact]
    public async Task Topics_stay_at_most_twenty_active_and_other_cannot_be_deactivated()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);
        var page = await admin.GetPageAsync("/admin/topics");

        using var otherOff = await admin.SubmitAsync(page.QuerySelector<IHtmlFormElement>($"form[data-topic-id='{world.OtherTopicId}']")!, Html.Fields(("Input.IsActive", "false")));
        Assert.Equal(HttpStatusCode.OK, otherOff.StatusCode);
        Assert.Contains("“其他”类别必须保留并启用", Errors(await Html.ParseAsync(otherOff)), StringComparison.Ordinal);

        for (var i = 0; i < 17; i++)
        {
            page = await admin.GetPageAsync("/admin/topics");
            using var added = await admin.SubmitAsync(page.QuerySelector<IHtmlFormElement>("form.new-topic")!, Html.Fields(("Input.Code", $"t{i}"), ("Input.NameZh", $"类别{i}")));
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }

        page = await admin.GetPageAsync("/admin/topics");
        using var twentyFirst = await admin.SubmitAsync(page.QuerySelector<IHtmlFormElement>("form.new-topic")!, Html.Fields(("Input.Code", "t21"), ("Input.NameZh", "第二十一类")));
        Assert.Equal(HttpStatusCode.OK, twentyFirst.StatusCode);
        Assert.Contains("启用的诉求类别不能超过 20 个", Errors(await Html.ParseAsync(twentyFirst)), StringComparison.Ordinal);
        Assert.Equal(20, await data.QueryAsync(db => db.Topics.CountAsync(t => t.IsActive)));
        Assert.Equal(17, (await SubjectsAsync(data)).Count);
    }

    [Fact]
    public async Task The_calendar_takes_a_day_loses_a_day_and_imports_a_later_years_schedule_which_the_clocks_read_at_once()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);
        var page = await admin.GetPageAsync("/admin/calendar?year=2026");
        Assert.NotEmpty(page.QuerySelectorAll("#calendar-days tr"));

        using var added = await admin.SubmitAsync(page.QuerySelector<IHtmlFormElement>("#add-day")!, Html.Fields(("Day.Date", "2026-03-04"), ("Day.Kind", "Holiday"), ("Day.Occasion", "测试假日")));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var store = factory.Services.GetRequiredService<CalendarStore>();
        Assert.False((await store.GetAsync(TestContext.Current.CancellationToken)).IsWorkingDay(new DateOnly(2026, 3, 4)));

        page = await admin.GetPageAsync("/admin/calendar?year=2026");
        using var removed = await admin.SubmitAsync(page.QuerySelector<IHtmlFormElement>("tr[data-date='2026-03-04'] form")!);
        Assert.True((await store.GetAsync(TestContext.Current.CancellationToken)).IsWorkingDay(new DateOnly(2026, 3, 4)));

        const string schedule = "date,kind,occasion\n2027-01-01,holiday,元旦\n2027-02-06,holiday,春节\n2027-02-14,workday,春节调休\n";
        using var imported = await admin.SubmitAsync(page.QuerySelector<IHtmlFormElement>("#import-schedule")!, Html.Fields(("Schedule", schedule)));
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        Assert.Equal(3, await data.QueryAsync(db => db.CalendarDays.CountAsync(d => d.Date.Year == 2027)));
        Assert.False((await store.GetAsync(TestContext.Current.CancellationToken)).IsWorkingDay(new DateOnly(2027, 2, 6)));

        page = await admin.GetPageAsync("/admin/calendar?year=2026");
        using var bad = await admin.SubmitAsync(page.QuerySelector<IHtmlFormElement>("#import-schedule")!, Html.Fields(("Schedule", "date,kind,occasion\n2027-13-01,holiday,坏日期\n")));
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("文件无法读取", Errors(await Html.ParseAsync(bad)), StringComparison.Ordinal);
        Assert.Equal(["CalendarDay:2026-03-04", "CalendarDay:2026-03-04", "Calendar:2027"], await SubjectsAsync(data));
    }
}
