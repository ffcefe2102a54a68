using Bozhou.Hotline.IntegrationTests.Appeals;
using Bozhou.Hotline.IntegrationTests.Hosting;
using Bozhou.Hotline.TestSupport;

namespace Bozhou.Hotline.IntegrationTests.Admin;

/// <summary>A year whose holiday schedule is not loaded is flagged, and deadlines counted into it are provisional.</summary>
public class MissingScheduleTests
{
    private static DateTimeOffset China(int year, int month, int day, int hour, int minute = 0) =>
        ChinaTime.At(new DateOnly(year, month, day), new TimeOnly(hour, minute));

    private static async Task<HealthJson> HealthAsync(HotlineFactory factory)
    {
        var health = await HealthJson.GetAsync(factory);
        Assert.Equal(HttpStatusCode.OK, health.Code);
        return health;
    }

    [Fact]
    public async Task From_1_November_China_time_admin_supervision_and_healthz_warn_that_next_years_schedule_is_missing()
    {
        using var factory = new HotlineFactory();
        factory.Clock.SetUtcNow(China(2026, 10, 31, 23, 59));
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);
        using var supervisor = await data.SignInAsync(WorkspaceWorld.SupervisorEmail);

        Assert.Null((await admin.GetPageAsync("/admin")).QuerySelector("#missing-schedule"));
        Assert.Equal("Healthy", (await HealthAsync(factory)).Checks["holiday-schedule"].Status);

        factory.Clock.SetUtcNow(China(2026, 11, 1, 0, 1));

        Assert.Contains("2027年的全国节假日安排尚未录入", (await admin.GetPageAsync("/admin")).QuerySelector("#missing-schedule")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("2027", (await supervisor.GetPageAsync("/supervision")).QuerySelector("#missing-schedule")!.TextContent, StringComparison.Ordinal);
        var health = await HealthAsync(factory);
        Assert.Equal("Degraded", health.Status);
        Assert.Equal("Degraded", health.Checks["holiday-schedule"].Status);
        Assert.StartsWith("The holiday schedule of 2027 is not loaded", health.Checks["holiday-schedule"].Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_appeal_logged_on_24_December_is_provisional_until_next_year_is_loaded_which_moves_its_deadline_and_clears_the_mark()
    {
        using var factory = new HotlineFactory();
        factory.Clock.SetUtcNow(China(2026, 12, 24, 10));
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var id = await data.AddAppealAsync(world.LiId);
        var logged = await data.AppealAsync(id);
        // Ten working days counted with 1 January as an ordinary Friday: 25, 28–31 December, 1 and 4–7 January.
        Assert.Equal(ChinaTime.StartOf(new DateOnly(2027, 1, 8)), logged.ReplyDueAt);
        using var cadre = await data.SignInAsync(WorkspaceWorld.LiEmail);
        using var citizen = factory.Client();
        using var check = await citizen.CheckAsync(logged.TrackingCode, "0000");
        var track = check.Headers.Location!;

        var page = await cadre.GetPageAsync($"/workspace/appeals/{id}");
        var mark = page.QuerySelector("#reply-due .provisional")!;
        Assert.Equal("（暂定）", mark.TextContent);
        Assert.Contains("2027年的全国节假日安排尚未录入", mark.GetAttribute("title"), StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#callback-due .provisional")); // due by the end of 25 December: final
        Assert.NotNull((await citizen.GetPageAsync(track.OriginalString)).QuerySelector("#reply-due .provisional"));

        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);
        var calendar = await admin.GetPageAsync("/admin/calendar?year=2027");
        const string schedule = "date,kind,occasion\n2027-01-01,holiday,元旦\n2027-02-06,holiday,春节\n2027-02-14,workday,春节\n";
        using var imported = await admin.SubmitAsync(calendar.QuerySelector<IHtmlFormElement>("#import-schedule")!, Html.Fields(("Schedule", schedule)));
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);

        var stored = await data.AppealAsync(id);
        Assert.Equal(ChinaTime.StartOf(new DateOnly(2027, 1, 9)), stored.ReplyDueAt);
        Assert.Equal(
            "答复 Reply: 2027-01-07 24:00 → 2027-01-08 24:00",
            Assert.Single(stored.Events, e => e.Kind == AppealEventKind.DeadlinesRecounted).Text);
        Assert.Equal(
            "schedule imported; deadlines moved: 1 on 1 open appeals",
            await data.QueryAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditAction.AdminChange && e.Subject == "Calendar:2027").Select(e => e.Details).SingleAsync()));
        page = await cadre.GetPageAsync($"/workspace/appeals/{id}");
        Assert.Null(page.QuerySelector("#reply-due .provisional"));
        Assert.Contains("2027-01-08 24:00", page.QuerySelector("#reply-due")!.TextContent, StringComparison.Ordinal);
        Assert.Null((await citizen.GetPageAsync(track.OriginalString)).QuerySelector("#reply-due .provisional"));
    }

    [Fact]
    public async Task A_first_contact_overdue_in_a_year_with_no_schedule_is_marked_provisional_in_the_supervision_queue()
    {
        using var factory = new HotlineFactory();
        factory.Clock.SetUtcNow(China(2026, 12, 30, 10));
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var id = await data.AddAppealAsync(world.LiId);
        // 31 December, 1 January counted as an ordinary Friday, 4 January.
        Assert.Equal(ChinaTime.StartOf(new DateOnly(2027, 1, 5)), (await data.AppealAsync(id)).FirstContactDueAt);
        factory.Clock.SetUtcNow(China(2027, 1, 5, 10));
        using var supervisor = await data.SignInAsync(WorkspaceWorld.SupervisorEmail);

        var page = await supervisor.GetPageAsync("/supervision?kind=NoFirstContact");

        var mark = page.QuerySelector($"tr[data-appeal='{id}'] .provisional")!;
        Assert.Equal("（暂定）", mark.TextContent);
        Assert.Contains("2027", page.QuerySelector("#missing-schedule")!.TextContent, StringComparison.Ordinal);
    }
}
