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

    private static List<string> Subjects(IDocument page) => page.QuerySelectorAll("#audit-entries td.subject").Select(td => td.TextContent).ToList();

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
}
