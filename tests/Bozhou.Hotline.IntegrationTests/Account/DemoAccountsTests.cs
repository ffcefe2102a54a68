using Bozhou.Hotline.Core.Demo;
using Bozhou.Hotline.Web.Hosting;
using Microsoft.AspNetCore.Identity;

namespace Bozhou.Hotline.IntegrationTests.Account;

public class DemoAccountsTests
{
    private const string DemoPassword = "Bozhou-Demo-2026";

    [Fact]
    public async Task Without_a_directory_the_demo_accounts_wait_and_with_one_they_are_made_for_the_first_city_deputy_mayor()
    {
        // Demo seeding off at start-up, so the directory's own demo seed does not run: the accounts seed
        // is run by hand, first on an empty directory.
        using var factory = new HotlineFactory().With("Seed:Demo", "false").With("Seed:DemoPassword", DemoPassword).WithoutHostedService<SmsOutboxService>();
        var data = new WorkspaceTestData(factory);

        await RunDemoSeedAsync(factory);
        Assert.Equal(0, await data.QueryAsync(db => db.Users.CountAsync()));

        var world = await data.SeedAsync();
        await data.QueryAsync(async db =>
        {
            // A deputy mayor of a county, and one of the city in a later department: neither is first.
            var county = new Jurisdiction { Code = "guoyang", NameZh = "涡阳县", NameEn = "Guoyang", Order = 2 };
            db.Cadres.Add(Cadre("孙县长", "副市长", new Department { Jurisdiction = county, NameZh = "涡阳县政府", NameEn = "Guoyang", Order = 0 }));
            var city = await db.Jurisdictions.SingleAsync(j => j.Code == "city");
            db.Cadres.Add(Cadre("周市长", "副市长", new Department { Jurisdiction = city, NameZh = "市政协", NameEn = "CPPCC", Order = 9 }));
            return await db.SaveChangesAsync();
        });

        await RunDemoSeedAsync(factory);
        await RunDemoSeedAsync(factory);

        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HotlineUser>>();
        var cadre = (await users.FindByEmailAsync("cadre@demo.local"))!;
        var staff = (await users.FindByEmailAsync("staff@demo.local"))!;
        Assert.Equal(world.LiId, cadre.CadreId);
        Assert.True(await users.IsInRoleAsync(cadre, Roles.Cadre));
        Assert.True(await users.IsInRoleAsync(staff, Roles.Staff));
        Assert.True(await users.IsInRoleAsync((await users.FindByEmailAsync("supervisor@demo.local"))!, Roles.Supervisor));
        Assert.True(await users.IsInRoleAsync((await users.FindByEmailAsync("admin@demo.local"))!, Roles.Admin));
        Assert.Equal([world.LiId], await data.QueryAsync(db => db.CadreDelegations.Where(d => d.StaffUserId == staff.Id).Select(d => d.CadreId).ToListAsync()));

        var appeals = await data.QueryAsync(db => db.Appeals.Where(a => a.HandlerCadreId == world.LiId).ToListAsync());
        Assert.Equal(4, appeals.Count);
        Assert.Contains(appeals, a => a.CallbackDueAt is not null && a.Status == AppealStatus.Logged);
        Assert.Contains(appeals, a => a.AwaitsTransferAcceptance && a.CadreId != world.LiId);
        Assert.Contains(appeals, a => a.Status == AppealStatus.Replied);
        Assert.Contains(appeals, a => a.Status == AppealStatus.Contacted && a.ReplyDueAt < factory.Clock.GetUtcNow());

        using var client = await data.SignInAsync("staff@demo.local", DemoPassword);
        var inbox = await client.GetPageAsync("/workspace");
        Assert.Equal(4, inbox.QuerySelectorAll(".inbox-row").Length);
        var page = await client.GetPageAsync($"/workspace/appeals/{appeals[0].Id}");
        Assert.StartsWith("tel:+86", page.QuerySelector("#caller-phone")!.GetAttribute("href"), StringComparison.Ordinal);
    }

    private static async Task RunDemoSeedAsync(HotlineFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var seed = scope.ServiceProvider.GetServices<IDemoSeed>().Single(s => s.Order == 30);
        await seed.SeedAsync(CancellationToken.None);
    }

    private static Cadre Cadre(string name, string position, Department department) => new()
    {
        Name = name, NamePinyin = name, Position = position, PositionEn = position, Mobile = "+8613905580001", Department = department,
        ProtocolOrder = 1, PostStart = new DateOnly(2025, 1, 1),
    };
}
