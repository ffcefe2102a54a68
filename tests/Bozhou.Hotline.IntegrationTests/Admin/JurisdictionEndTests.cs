namespace Bozhou.Hotline.IntegrationTests.Admin;

public class JurisdictionEndTests
{
    private static IHtmlFormElement EndForm(IDocument page, int id) =>
        page.QuerySelector<IHtmlFormElement>($"tr[data-jurisdiction-id='{id}'] form.end-jurisdiction")!;

    /// <summary>利辛县 with its government and the county head in post.</summary>
    private static Task<(int Jurisdiction, int Department)> AddLixinAsync(WorkspaceTestData data) => data.QueryAsync(async db =>
    {
        var lixin = new Jurisdiction { Code = "lixin", NameZh = "利辛县", NameEn = "Lixin County", Order = 5 };
        var government = new Department { Jurisdiction = lixin, NameZh = "利辛县人民政府", NameEn = "Lixin County Government", Order = 1 };
        var head = new Cadre
        {
            Name = "周建国", NamePinyin = "Zhou Jianguo", Position = "县长", Duties = "主持县政府全面工作", Mobile = "+8613905589999",
            Department = government, ProtocolOrder = 1, PostStart = new DateOnly(2024, 1, 1),
        };
        db.AddRange(lixin, government, head);
        await db.SaveChangesAsync();
        return (lixin.Id, government.Id);
    });

    [Fact]
    public async Task Ending_a_jurisdiction_where_cadres_hold_posts_is_refused_with_a_message_and_changes_nothing()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        var cityId = await data.QueryAsync(db => db.Jurisdictions.Where(j => j.Code == "city").Select(j => j.Id).SingleAsync());
        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);

        using var response = await admin.SubmitAsync(EndForm(await admin.GetPageAsync("/admin/jurisdictions"), cityId));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("“市直”仍有 4 名干部在任，不能撤销", (await Html.ParseAsync(response)).QuerySelector("#errors")!.TextContent, StringComparison.Ordinal);
        Assert.Null((await data.QueryAsync(db => db.Jurisdictions.AsNoTracking().SingleAsync(j => j.Id == cityId))).EndedOn);
        Assert.Equal(0, await data.QueryAsync(db => db.Departments.CountAsync(d => d.EndedOn != null)));
        Assert.Equal(0, await data.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditAction.AdminChange)));
        Assert.Contains("市直", await admin.GetStringAsync(new Uri("/directory", UriKind.Relative), TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ended_jurisdiction_leaves_the_directory_at_once_and_the_import_and_its_units_end_with_it()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        var (lixinId, governmentId) = await AddLixinAsync(data);
        using var anonymous = factory.CreateClient();
        Assert.Contains("利辛县", await anonymous.GetStringAsync(new Uri("/directory", UriKind.Relative), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);
        using var refused = await admin.SubmitAsync(EndForm(await admin.GetPageAsync("/admin/jurisdictions"), lixinId));
        Assert.Contains("“利辛县”仍有 1 名干部在任", (await Html.ParseAsync(refused)).QuerySelector("#errors")!.TextContent, StringComparison.Ordinal);

        // The county head's post ends behind the directory's back: its cached page still lists the county until an admin change evicts it.
        await data.QueryAsync(db => db.Cadres.Where(c => c.Name == "周建国").ExecuteUpdateAsync(s => s.SetProperty(c => c.PostEnd, new DateOnly(2026, 3, 1))));
        Assert.Contains("利辛县", await anonymous.GetStringAsync(new Uri("/directory", UriKind.Relative), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        using var ended = await admin.SubmitAsync(EndForm(await admin.GetPageAsync("/admin/jurisdictions"), lixinId));

        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.DoesNotContain("利辛县", await anonymous.GetStringAsync(new Uri("/directory", UriKind.Relative), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.DoesNotContain("利辛县", await anonymous.GetStringAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var yesterday = new DateOnly(2026, 3, 1);
        Assert.Equal(yesterday, (await data.QueryAsync(db => db.Jurisdictions.AsNoTracking().SingleAsync(j => j.Id == lixinId))).EndedOn);
        Assert.Equal(yesterday, (await data.QueryAsync(db => db.Departments.AsNoTracking().SingleAsync(d => d.Id == governmentId))).EndedOn);
        var audit = await data.QueryAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditAction.AdminChange).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal([$"Jurisdiction:{lixinId}", $"Department:{governmentId}"], audit.Select(e => e.Subject));
        Assert.Equal("{\"EndedOn\":\"2026-03-01\"}", audit[0].After);

        await using var scope = factory.Services.CreateAsyncScope();
        var plan = await scope.ServiceProvider.GetRequiredService<DirectoryImporter>().PlanAsync(
            "jurisdiction,department,name,position,duties,mobile,office_phone,order\n利辛县,利辛县人民政府,吴海,县长,主持县政府全面工作,13905588888,,1\n",
            TestContext.Current.CancellationToken);
        Assert.Equal(("jurisdiction", "unknown jurisdiction"), (Assert.Single(plan.Errors).Column, plan.Errors[0].Message));
        Assert.DoesNotContain("利辛县", (await admin.GetPageAsync("/admin/departments")).QuerySelector("#new-department")!.TextContent, StringComparison.Ordinal);
    }
}
