using System.Text.Json;
using Bozhou.Hotline.IntegrationTests.Workspace;

namespace Bozhou.Hotline.IntegrationTests.Admin;

/// <summary>The audit trail written from the change tracker (AuditInterceptor): one line per change, saved with it or not at all.</summary>
public class AuditInterceptorTests
{
    private static Task<List<AuditEntry>> AdminChangesAsync(WorkspaceTestData data) =>
        data.QueryAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditAction.AdminChange).ToListAsync());

    private static Dictionary<string, string?> Fields(string? json) => JsonSerializer.Deserialize<Dictionary<string, string?>>(json!)!;

    [Fact]
    public async Task Editing_a_cadre_through_the_form_writes_exactly_one_audit_entry_with_before_and_after_of_the_changed_fields_only()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var before = await data.QueryAsync(db => db.Cadres.AsNoTracking().SingleAsync(c => c.Id == world.ZhangId));
        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);
        var url = $"/admin/cadres/edit/{world.ZhangId}";
        var form = (await admin.GetPageAsync(url)).QuerySelector<IHtmlFormElement>("#cadre-form")!;

        using var response = await admin.SubmitAsync(form, Html.Fields(("Input.Position", "代局长"), ("Input.Duties", "主持全面工作")), url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var audit = Assert.Single(await AdminChangesAsync(data));
        Assert.Equal(($"Cadre:{world.ZhangId}", "edited", WorkspaceWorld.AdminEmail), (audit.Subject, audit.Details, audit.UserName));
        Assert.False(string.IsNullOrEmpty(audit.UserId));
        Assert.Equal(new Dictionary<string, string?> { ["Duties"] = before.Duties, ["Position"] = before.Position }, Fields(audit.Before));
        Assert.Equal(new Dictionary<string, string?> { ["Duties"] = "主持全面工作", ["Position"] = "代局长" }, Fields(audit.After));
    }

    [Fact]
    public async Task A_save_refused_by_a_constraint_leaves_neither_the_change_nor_its_audit_entry()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var position = await data.QueryAsync(db => db.Cadres.Where(c => c.Id == world.ZhangId).Select(c => c.Position).SingleAsync());

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
            var changes = scope.ServiceProvider.GetRequiredService<AdminChanges>();
            (await db.Cadres.SingleAsync(c => c.Id == world.ZhangId)).Position = "代局长";
            // No such topic: the foreign key refuses the whole save.
            db.CadreTopics.Add(new CadreTopic { CadreId = world.ZhangId, TopicId = 99999 });

            await Assert.ThrowsAnyAsync<DbUpdateException>(() => changes.SaveAsync(CancellationToken.None));
        }

        Assert.Equal(position, await data.QueryAsync(db => db.Cadres.Where(c => c.Id == world.ZhangId).Select(c => c.Position).SingleAsync()));
        Assert.Empty(await AdminChangesAsync(data));
    }

    [Fact]
    public async Task A_change_whose_second_save_fails_leaves_neither_the_row_added_by_the_first_nor_its_audit_entry()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
            var changes = scope.ServiceProvider.GetRequiredService<AdminChanges>();
            var zhang = await db.Cadres.AsNoTracking().SingleAsync(c => c.Id == world.ZhangId);
            var added = db.Cadres.Add(new Cadre { Name = "周新", Position = "副局长", Mobile = "+8613905581234", DepartmentId = zhang.DepartmentId, PostStart = zhang.PostStart }).Entity;
            changes.AfterFirstSave(() => db.CadreTopics.Add(new CadreTopic { CadreId = added.Id, TopicId = 99999 }));

            await Assert.ThrowsAnyAsync<DbUpdateException>(() => changes.SaveAsync(CancellationToken.None));
        }

        Assert.False(await data.QueryAsync(db => db.Cadres.AnyAsync(c => c.Name == "周新")));
        Assert.Empty(await AdminChangesAsync(data));
    }

    [Fact]
    public async Task A_described_row_saved_without_a_transaction_gets_its_database_id_in_the_subject_and_the_system_as_its_user()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        int id;

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
            var changes = scope.ServiceProvider.GetRequiredService<AdminChanges>();
            var zhang = await db.Cadres.AsNoTracking().SingleAsync(c => c.Id == world.ZhangId);
            var added = db.Cadres.Add(new Cadre { Name = "周新", Position = "副局长", Mobile = "+8613905581234", DepartmentId = zhang.DepartmentId, PostStart = zhang.PostStart }).Entity;
            changes.Describe(added, "created by a command");

            await db.SaveChangesAsync();
            id = added.Id;
        }

        var audit = Assert.Single(await AdminChangesAsync(data));
        Assert.Equal(($"Cadre:{id}", "created by a command", AuditActor.System.UserName, (string?)null), (audit.Subject, audit.Details, audit.UserName, audit.UserId));
        Assert.Null(audit.Before);
        using var after = JsonDocument.Parse(audit.After!);
        Assert.Equal("周新", after.RootElement.GetProperty("Name").GetString());
    }
}
