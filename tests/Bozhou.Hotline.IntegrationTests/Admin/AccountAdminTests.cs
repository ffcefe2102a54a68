using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Bozhou.Hotline.IntegrationTests.Admin;

public partial class AccountAdminTests
{
    [GeneratedRegex("一次性密码：(\\S+?)（")]
    private static partial Regex Password();

    private static string PasswordOn(IDocument page) => Password().Match(page.QuerySelector("#one-time-password")!.TextContent).Groups[1].Value;

    [Fact]
    public async Task Admin_creates_a_cadre_account_linked_to_its_post_whose_one_time_password_forces_a_change()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);
        var form = (await admin.GetPageAsync("/admin/accounts")).QuerySelector<IHtmlFormElement>("#new-account")!;

        using var created = await admin.SubmitAsync(form, Html.Fields(
            ("Input.Email", "zhao.deputy@bozhou.gov.cn"), ("Input.DisplayName", "赵刚"), ("Input.Role", "Cadre"), ("Input.CadreId", world.ZhaoId.ToString(CultureInfo.InvariantCulture))), "/admin/accounts");

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var password = PasswordOn(await Html.ParseAsync(created));
        Assert.Equal(16, password.Length);
        var user = await data.QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == "zhao.deputy@bozhou.gov.cn"));
        Assert.Equal((world.ZhaoId, true), (user.CadreId, user.MustChangePassword));
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var signIn = await WorkspaceTestData.SubmitLoginAsync(client, "zhao.deputy@bozhou.gov.cn", password);
        Assert.StartsWith("/account/change-password", signIn.Headers.Location!.OriginalString, StringComparison.Ordinal);

        // A new form, as the browser shows after each answer (each carries its own one-time key).
        form = (await admin.GetPageAsync("/admin/accounts")).QuerySelector<IHtmlFormElement>("#new-account")!;
        using var taken = await admin.SubmitAsync(form, Html.Fields(("Input.Email", WorkspaceWorld.LiEmail), ("Input.Role", "Supervisor")), "/admin/accounts");
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        Assert.NotEmpty((await Html.ParseAsync(taken)).QuerySelector("#errors")!.TextContent.Trim());
        Assert.Null((await Html.ParseAsync(taken)).QuerySelector("#one-time-password"));
        using var noPost = await admin.SubmitAsync(form, Html.Fields(("Input.Email", "x@bozhou.gov.cn"), ("Input.Role", "Cadre"), ("Input.CadreId", "")), "/admin/accounts");
        Assert.Contains("请选择一位在任干部", (await Html.ParseAsync(noPost)).QuerySelector("#errors")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_resets_a_password_disables_and_enables_an_account_and_delegates_staff()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var staffId = await data.QueryAsync(db => db.Users.Where(u => u.Email == WorkspaceWorld.StaffEmail).Select(u => u.Id).SingleAsync());
        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);
        var page = await admin.GetPageAsync($"/admin/accounts/{staffId}");

        using var reset = await admin.SubmitAsync(page.QuerySelector<IHtmlFormElement>("#reset-password")!);
        var password = PasswordOn(await Html.ParseAsync(reset));
        using (var anonymous = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }))
        {
            using var old = await WorkspaceTestData.SubmitLoginAsync(anonymous, WorkspaceWorld.StaffEmail, WorkspaceTestData.Password);
            Assert.Equal(HttpStatusCode.OK, old.StatusCode);
            using var fresh = await WorkspaceTestData.SubmitLoginAsync(anonymous, WorkspaceWorld.StaffEmail, password);
            Assert.StartsWith("/account/change-password", fresh.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        using var delegated = await admin.SubmitAsync(page.QuerySelector<IHtmlFormElement>("#delegate")!, Html.Fields(("CadreId", world.WangId.ToString(CultureInfo.InvariantCulture))));
        Assert.Equal([world.LiId, world.WangId], await data.QueryAsync(db => db.CadreDelegations.Where(d => d.StaffUserId == staffId).Select(d => d.CadreId).OrderBy(c => c).ToListAsync()));
        page = await admin.GetPageAsync($"/admin/accounts/{staffId}");
        using var undelegated = await admin.SubmitAsync(page.QuerySelector<IHtmlFormElement>($"#delegations li[data-cadre-id='{world.LiId}'] form")!);
        Assert.Equal([world.WangId], await data.QueryAsync(db => db.CadreDelegations.Where(d => d.StaffUserId == staffId).Select(d => d.CadreId).ToListAsync()));

        using var disabled = await admin.SubmitAsync(page.QuerySelector<IHtmlFormElement>("#disable-account")!);
        Assert.NotNull((await data.QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == staffId))).DisabledAt);
        using (var anonymous = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }))
        {
            using var refused = await WorkspaceTestData.SubmitLoginAsync(anonymous, WorkspaceWorld.StaffEmail, password);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        }

        page = await admin.GetPageAsync($"/admin/accounts/{staffId}");
        using var enabled = await admin.SubmitAsync(page.QuerySelector<IHtmlFormElement>("#enable-account")!);
        Assert.Null((await data.QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == staffId))).DisabledAt);
        var subjects = await data.QueryAsync(db => db.AuditEntries.Where(e => e.Action == Core.Audit.AuditAction.AdminChange).Select(e => e.Details).ToListAsync());
        Assert.Equal(["password reset", "delegation added", "delegation removed", "disabled", "enabled"], subjects);
        // The trail reads what these pages wrote as sentences in the reader's language, naming the account and the cadre.
        var trail = (await admin.GetPageAsync("/admin/audit?action=AdminChange")).QuerySelector("#audit-entries")!.TextContent;
        Assert.All(new[] { "重置密码", "新增代办授权", "取消代办授权", "停用账号", "启用账号", "张秘书", "王强（副市长）" },
            sentence => Assert.Contains(sentence, trail, StringComparison.Ordinal));
        Assert.DoesNotContain(staffId, trail, StringComparison.Ordinal);
    }
}
