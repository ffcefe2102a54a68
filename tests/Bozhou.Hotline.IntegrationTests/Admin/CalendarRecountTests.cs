namespace Bozhou.Hotline.IntegrationTests.Admin;

/// <summary>A change of the holiday calendar recounts the running deadlines of open appeals (PRODUCT §5).</summary>
public class CalendarRecountTests
{
    private static DateTimeOffset China(int month, int day, int hour, int minute = 0) =>
        ChinaTime.At(new DateOnly(2026, month, day), new TimeOnly(hour, minute));

    private static DateTimeOffset EndOf(int month, int day) => ChinaTime.StartOf(new DateOnly(2026, month, day).AddDays(1));

    private static async Task AddDayAsync(HttpClient admin, string date, string kind, string occasion)
    {
        var page = await admin.GetPageAsync("/admin/calendar?year=2026");
        using var added = await admin.SubmitAsync(
            page.QuerySelector<IHtmlFormElement>("#add-day")!, Html.Fields(("Day.Date", date), ("Day.Kind", kind), ("Day.Occasion", occasion)));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
    }

    private static Task<List<string?>> CalendarAuditAsync(WorkspaceTestData data) =>
        data.QueryAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == AuditAction.AdminChange && e.Subject.StartsWith("Calendar")).OrderBy(e => e.Id).Select(e => e.Details).ToListAsync());

    [Fact]
    public async Task An_appeal_logged_before_a_holiday_and_a_make_up_Saturday_are_entered_ends_due_with_the_one_logged_after()
    {
        using var factory = new HotlineFactory();
        factory.Clock.SetUtcNow(China(3, 3, 10)); // Tuesday: first contact due by the end of Friday the 6th
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var first = await data.AddAppealAsync(world.LiId);
        Assert.Equal(EndOf(3, 6), (await data.AppealAsync(first)).FirstContactDueAt);
        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);

        await AddDayAsync(admin, "2026-03-05", "Holiday", "测试假日");
        await AddDayAsync(admin, "2026-03-07", "Workday", "测试调休");
        factory.Clock.Advance(TimeSpan.FromMinutes(4));
        var second = await data.AddAppealAsync(world.LiId);

        var before = await data.AppealAsync(first);
        var after = await data.AppealAsync(second);
        Assert.Equal(EndOf(3, 7), after.FirstContactDueAt); // Wednesday, Friday, the make-up Saturday
        Assert.Equal(after.FirstContactDueAt, before.FirstContactDueAt);
        Assert.Equal(after.ReplyDueAt, before.ReplyDueAt);
        Assert.Equal(after.CallbackDueAt, before.CallbackDueAt); // due by the end of Wednesday: crosses no changed day

        var recounted = before.Events.Where(e => e.Kind == AppealEventKind.DeadlinesRecounted).OrderBy(e => e.Id).ToList();
        Assert.Equal(2, recounted.Count);
        Assert.All(recounted, e => Assert.True(e.IsInternal));
        Assert.Contains("首次联系 First contact: 2026-03-06 24:00 → 2026-03-09 24:00", recounted[0].Text, StringComparison.Ordinal);
        Assert.Contains("首次联系 First contact: 2026-03-09 24:00 → 2026-03-07 24:00", recounted[1].Text, StringComparison.Ordinal);
        Assert.Equal(
            ["added; deadlines moved: 2 on 1 open appeals", "added; deadlines moved: 2 on 1 open appeals"],
            await CalendarAuditAsync(data));

        // Staff see the event on the appeal's timeline.
        using var cadre = await data.SignInAsync(WorkspaceWorld.LiEmail);
        var page = await cadre.GetPageAsync($"/workspace/appeals/{first}");
        var items = page.QuerySelectorAll("#timeline li[data-kind='DeadlinesRecounted']");
        Assert.Equal(2, items.Length);
        Assert.Contains("节假日安排调整", items[0].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deadline_passed_before_the_change_stays_and_the_days_of_moved_appeals_are_marked_for_new_statistics()
    {
        using var factory = new HotlineFactory();
        factory.Clock.SetUtcNow(China(3, 2, 10)); // Monday; the missed call is due back by the end of Tuesday
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var id = await data.AddAppealAsync(world.LiId);
        var logged = await data.AppealAsync(id);
        Assert.Equal(EndOf(3, 3), logged.CallbackDueAt);
        Assert.Equal(EndOf(3, 5), logged.FirstContactDueAt);

        factory.Clock.SetUtcNow(China(3, 4, 10));
        var changedAt = factory.Clock.GetUtcNow();
        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);
        await AddDayAsync(admin, "2026-03-03", "Holiday", "测试假日");

        var stored = await data.AppealAsync(id);
        Assert.Equal(EndOf(3, 3), stored.CallbackDueAt);     // passed at Wednesday 00:00, before the change
        Assert.Equal(EndOf(3, 6), stored.FirstContactDueAt); // still running: Wednesday, Thursday, Friday
        var recounted = Assert.Single(stored.Events, e => e.Kind == AppealEventKind.DeadlinesRecounted);
        Assert.DoesNotContain("回电", recounted.Text, StringComparison.Ordinal);

        await using var scope = factory.Services.CreateAsyncScope();
        var dirty = await scope.ServiceProvider.GetRequiredService<StatsRollup>().DirtyDaysAsync(changedAt, changedAt.AddMinutes(1), TestContext.Current.CancellationToken);
        Assert.Contains(new DateOnly(2026, 3, 2), dirty); // the day it was logged, neither today nor yesterday
    }

    [Fact]
    public async Task A_closed_appeal_keeps_its_deadlines_and_gets_no_event_and_a_change_that_moves_nothing_says_so()
    {
        using var factory = new HotlineFactory();
        factory.Clock.SetUtcNow(China(3, 3, 10));
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var id = await data.AddAppealAsync(world.LiId, then: (a, clock) =>
        {
            a.Reply(ReplyKind.Resolved, "已增加晚间班次", null, "李明", null, clock, China(3, 3, 11));
            a.Rate(true, 5, null, clock, China(3, 3, 12), "来电人");
        });
        var closed = await data.AppealAsync(id);
        Assert.True(closed.IsClosed);
        factory.Clock.SetUtcNow(China(3, 3, 13));
        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);

        await AddDayAsync(admin, "2026-03-05", "Holiday", "测试假日");

        var stored = await data.AppealAsync(id);
        Assert.Equal((closed.FirstContactDueAt, closed.ReplyDueAt, closed.Version), (stored.FirstContactDueAt, stored.ReplyDueAt, stored.Version));
        Assert.DoesNotContain(stored.Events, e => e.Kind == AppealEventKind.DeadlinesRecounted);
        Assert.Equal(["added; deadlines moved: 0 on 0 open appeals"], await CalendarAuditAsync(data));
    }

    [Fact]
    public async Task A_day_written_into_the_database_behind_the_apps_back_reaches_its_clocks_within_the_kept_calendars_age()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        var store = factory.Services.GetRequiredService<CalendarStore>();
        var day = new DateOnly(2026, 3, 4);
        Assert.True((await store.GetAsync(TestContext.Current.CancellationToken)).IsWorkingDay(day));

        // By hand in the database: no save of the app's announces it, only the age limit catches it.
        await data.QueryAsync(db => db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO \"CalendarDays\" (\"Date\", \"Kind\", \"Occasion\") VALUES ({day}, {CalendarDayKind.Holiday.ToString()}, {"别处录入"})"));

        Assert.True((await store.GetAsync(TestContext.Current.CancellationToken)).IsWorkingDay(day));
        factory.Clock.Advance(CalendarStore.MaxAge);
        Assert.False((await store.GetAsync(TestContext.Current.CancellationToken)).IsWorkingDay(day));
    }
}
