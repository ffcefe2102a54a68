using Microsoft.AspNetCore.Identity;

namespace Bozhou.Hotline.Core.Demo;

/// <summary>
/// The demonstration accounts, one per role, and a handful of appeals for the demo cadre. Runs after the
/// directory's demo data (order 10) and does nothing when the accounts exist or there is no directory.
/// </summary>
public sealed class DemoAccountsSeed(
    HotlineDbContext db,
    UserManager<HotlineUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<SeedOptions> options,
    DemoAppeals demoAppeals,
    TimeProvider time,
    ILogger<DemoAccountsSeed> logger) : IDemoSeed
{
    public const string CadreEmail = "cadre@demo.local";
    public const string StaffEmail = "staff@demo.local";
    public const string SupervisorEmail = "supervisor@demo.local";
    public const string AdminEmail = "admin@demo.local";

    public int Order => 30;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var password = options.Value.DemoPassword;
        if (string.IsNullOrEmpty(password))
        {
            logger.LogWarning("Seed:DemoPassword is empty: no demo accounts are created.");
            return;
        }

        if (await users.FindByEmailAsync(CadreEmail) is not null)
        {
            PrintAccounts(password);
            return;
        }

        // The first deputy mayor (副市长) of the city in protocol order, whom the directory's demo data guarantees.
        var cadre = await db.Cadres
            .Where(c => c.Department.Jurisdiction.Code == "city" && c.Position.Contains("副市长") && c.PostEnd == null)
            .OrderBy(c => c.Department.Order).ThenBy(c => c.ProtocolOrder)
            .FirstOrDefaultAsync(cancellationToken);
        if (cadre is null)
        {
            logger.LogInformation("No city deputy mayor in the directory yet: the demo accounts wait for the directory's demo data.");
            return;
        }

        await EnsureRolesAsync();
        var cadreUser = await CreateAsync(CadreEmail, $"{cadre.Name}（{cadre.Position}）", Roles.Cadre, password, cadre.Id);
        var staff = await CreateAsync(StaffEmail, "张秘书", Roles.Staff, password, null);
        db.CadreDelegations.Add(new CadreDelegation { StaffUserId = staff.Id, CadreId = cadre.Id, GrantedAt = time.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
        await CreateAsync(SupervisorEmail, "市委督查室", Roles.Supervisor, password, null);
        await CreateAsync(AdminEmail, "系统管理员", Roles.Admin, password, null);
        await demoAppeals.SeedAsync(cadre, cadreUser.DisplayName, $"{staff.DisplayName}（代{cadre.Name}）", cancellationToken);
        PrintAccounts(password);
    }

    private async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), role);
            }
        }
    }

    private async Task<HotlineUser> CreateAsync(string email, string displayName, string role, string password, int? cadreId)
    {
        var user = new HotlineUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName, CadreId = cadreId };
        Check(await users.CreateAsync(user, password), email);
        Check(await users.AddToRoleAsync(user, role), email);
        return user;
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Demo account {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }

    private void PrintAccounts(string password) =>
        logger.LogInformation(
            "Demo accounts (password {Password}): {Cadre} (cadre), {Staff} (staff for that cadre), {Supervisor} (supervision office), {Admin} (administrator)",
            password, CadreEmail, StaffEmail, SupervisorEmail, AdminEmail);
}
