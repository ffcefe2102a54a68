using System.Net;
using Bozhou.Hotline.TestSupport;

namespace Bozhou.Hotline.IntegrationTests.Admin;

public class AccessTests
{
    /// <summary>Every administration page.</summary>
    public static readonly string[] AdminPages =
    [
        "/admin", "/admin/cadres", "/admin/cadres/edit", "/admin/departments", "/admin/jurisdictions", "/admin/topics", "/admin/calendar", "/admin/accounts", "/admin/import",
    ];

    [Fact]
    public async Task Every_admin_page_answers_403_to_cadre_staff_and_supervisor_and_sends_anonymous_to_login()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        using var anonymous = factory.CreateClient(new() { AllowAutoRedirect = false });
        foreach (var email in new[] { WorkspaceWorld.LiEmail, WorkspaceWorld.StaffEmail, WorkspaceWorld.SupervisorEmail })
        {
            using var client = await data.SignInAsync(email);
            foreach (var page in AdminPages)
            {
                using var get = await client.GetAsync(new Uri(page, UriKind.Relative), TestContext.Current.CancellationToken);
                Assert.True(get.StatusCode is HttpStatusCode.Forbidden
                    || (get.StatusCode == HttpStatusCode.Redirect && get.Headers.Location!.OriginalString.Contains("/account/access-denied", StringComparison.Ordinal)),
                    $"{email} GET {page} answered {(int)get.StatusCode} {get.Headers.Location}");
            }
        }

        foreach (var page in AdminPages)
        {
            using var get = await anonymous.GetAsync(new Uri(page, UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Redirect, get.StatusCode);
            Assert.Contains("/account/login", get.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);
        foreach (var page in AdminPages)
        {
            await admin.GetPageAsync(page);
        }

        Assert.NotNull((await admin.GetPageAsync("/workspace")).QuerySelector("#nav-admin"));
    }
}
