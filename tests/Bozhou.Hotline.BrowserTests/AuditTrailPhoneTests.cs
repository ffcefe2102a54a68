namespace Bozhou.Hotline.BrowserTests;

public class AuditTrailPhoneTests
{
    [Fact]
    public async Task On_a_390px_phone_the_audit_trail_fits_the_screen_with_long_values_and_names_people_not_ids()
    {
        await using var session = await BrowserSession.StartAsync();
        var data = new WorkspaceTestData(session.Factory);
        var world = await data.SeedAsync();
        var adminId = await data.QueryAsync(db => db.Users.Where(u => u.Email == WorkspaceWorld.AdminEmail).Select(u => u.Id).SingleAsync());
        var at = session.Factory.Clock.GetUtcNow().AddHours(-1);
        await data.QueryAsync(async db =>
        {
            db.AuditEntries.Add(new AuditEntry
            {
                At = at, UserId = adminId, UserName = WorkspaceWorld.AdminEmail, Action = AuditAction.AdminChange, Subject = $"Cadre:{world.LiId}",
                Details = "edited",
                Before = "{\"Duties\":\"" + new string('协', 300) + "\",\"DutiesEn\":\"" + string.Concat(Enumerable.Repeat("Oversees-transport-and-housing-", 20)) + "\"}",
                After = "{\"Duties\":\"负责交通\",\"DutiesEn\":\"Transport\"}",
            });
            db.AuditEntries.Add(new AuditEntry
            {
                At = at, UserName = "system", Action = AuditAction.AdminChange, Subject = "Directory:import",
                Details = "directory imported from " + new string('x', 120) + ".csv (SHA-256 " + new string('a', 64) + ")",
            });
            return await db.SaveChangesAsync();
        });
        var page = await session.NewPageAsync(phone: true);
        await page.GotoAsync("/account/login");
        await page.FillAsync("#Input_Email", WorkspaceWorld.AdminEmail);
        await page.FillAsync("#Input_Password", WorkspaceTestData.Password);
        await page.ClickAsync("#login-form button[type=submit]");
        await page.WaitForURLAsync("**/admin");

        await page.GotoAsync("/admin/audit");

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"The audit trail is {overflow}px wider than the phone.");
        var text = await page.TextContentAsync("#audit-entries");
        Assert.Contains("李明（副市长）", text, StringComparison.Ordinal);
        Assert.Contains("管理员", text, StringComparison.Ordinal);
        Assert.DoesNotContain(adminId, text, StringComparison.Ordinal);
        await BrowserSession.ScreenshotAsync(page, "audit-trail-phone");
    }
}
