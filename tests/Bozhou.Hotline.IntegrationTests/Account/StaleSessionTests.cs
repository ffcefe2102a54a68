using Bozhou.Hotline.IntegrationTests.Admin;
using Microsoft.AspNetCore.Identity;

namespace Bozhou.Hotline.IntegrationTests.Account;

/// <summary>
/// The access matrix replayed with a copy of the sign-in cookie taken (through the real login form) before the
/// account was disabled, lost its role or signed out: every workspace, supervision and administration page and
/// every form on them (posted with the antiforgery token and one-time key from before) is refused, and nothing is
/// written. Sessions are checked on the server at every request, not read from the cookie.
/// </summary>
public class StaleSessionTests
{
    public static TheoryData<string> Changes => ["disabled", "re-roled", "signed out"];

    private static readonly string[] Accounts = [WorkspaceWorld.LiEmail, WorkspaceWorld.StaffEmail, WorkspaceWorld.SupervisorEmail, WorkspaceWorld.AdminEmail];

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task A_cookie_copied_before_the_change_is_refused_on_every_staff_route_and_form_and_writes_nothing(string change)
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var appealId = await data.AddAppealAsync(world.LiId);
        var samples = await AdminSamples.CreateAsync(data, world);
        var adminRoutes = (await AdminPageEndpoints.DiscoverAsync(factory.Services)).Select(p => samples.Url(p.Route)).ToList();
        string[] workspace = ["/workspace", $"/workspace/appeals/{appealId}", "/workspace/outbox", "/workspace/availability"];
        string[] supervision =
        [
            "/supervision", "/supervision?kind=LongOverdueReplies", $"/supervision/cadres/{world.LiId}", "/supervision/spot-checks",
            "/supervision/scorecards?level=cadre&period=2026-03", "/supervision/dashboard", "/supervision/bulletin?jurisdiction=city&month=2026-03",
        ];
        var allRoutes = workspace.Concat(supervision).Concat(adminRoutes).ToList();

        var copies = new List<(string Email, CookieCopy Copy, List<(Uri Action, IReadOnlyList<KeyValuePair<string, string>> Fields)> Forms)>();
        foreach (var email in Accounts)
        {
            var copy = await CookieCopy.SignInAsync(factory, email);
            var reachable = email switch
            {
                WorkspaceWorld.SupervisorEmail => supervision.Append("/admin/audit"),
                WorkspaceWorld.AdminEmail => supervision.Concat(adminRoutes),
                _ => workspace,
            };
            var forms = new List<(Uri, IReadOnlyList<KeyValuePair<string, string>>)>();
            foreach (var url in reachable)
            {
                // Before the change the copy works, and the forms it posts later are those its pages held.
                forms.AddRange((await copy.FormsOfAsync(url)).Where(f => IsStaffAction(f.Action)));
            }

            Assert.True(forms.Count > 0, $"{email} had no form to replay.");
            copies.Add((email, copy, forms));
        }

        await ApplyAsync(change, factory, copies.Select(c => (c.Email, c.Copy)).ToList());
        var before = await SnapshotAsync(data, samples);

        foreach (var (email, copy, forms) in copies)
        {
            foreach (var url in allRoutes)
            {
                using var get = await copy.Client.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
                AssertRefused(get, $"{email} ({change}) GET {url}");
            }

            foreach (var (action, fields) in forms)
            {
                using var post = await copy.Client.PostAsync(action, new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken);
                AssertRefused(post, $"{email} ({change}) POST {action}");
            }

            var token = forms[0].Fields.First(f => f.Key == "__RequestVerificationToken").Value;
            foreach (var (route, handler) in samples.KnownPostHandlers)
            {
                var url = samples.Url(route) + (handler is null ? "" : "?handler=" + handler);
                using var post = await copy.Client.PostAsync(new Uri(url, UriKind.Relative), samples.Body(route, handler, token), TestContext.Current.CancellationToken);
                AssertRefused(post, $"{email} ({change}) POST {url}");
            }
        }

        Assert.Equal(before, await SnapshotAsync(data, samples));
        copies.ForEach(c => c.Copy.Dispose());
    }

    [Fact]
    public async Task Signing_out_ends_the_session_on_the_server_but_not_the_accounts_other_sessions()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        using var copy = await CookieCopy.SignInAsync(factory, WorkspaceWorld.SupervisorEmail);
        using var other = await CookieCopy.SignInAsync(factory, WorkspaceWorld.SupervisorEmail);

        await SignOutAsync(copy);

        using var refused = await copy.Client.GetAsync(new Uri("/supervision", UriKind.Relative), TestContext.Current.CancellationToken);
        AssertRefused(refused, "the signed-out copy");
        using var audit = await copy.Client.GetAsync(new Uri("/admin/audit", UriKind.Relative), TestContext.Current.CancellationToken);
        AssertRefused(audit, "the signed-out copy");
        await other.Client.GetPageAsync("/supervision");
    }

    [Fact]
    public async Task Sign_out_everywhere_ends_every_session_of_the_account()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        using var laptop = await CookieCopy.SignInAsync(factory, WorkspaceWorld.LiEmail);
        using var phone = await CookieCopy.SignInAsync(factory, WorkspaceWorld.LiEmail);
        using var colleague = await CookieCopy.SignInAsync(factory, WorkspaceWorld.WangEmail);

        var page = await laptop.Client.GetPageAsync("/account/change-password");
        var form = page.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("#sign-out-everywhere")!;
        Assert.Contains("退出所有设备", form.TextContent, StringComparison.Ordinal);
        using var done = await laptop.Client.SubmitAsync(form, pageUrl: "/account/change-password");
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);

        foreach (var copy in new[] { laptop, phone })
        {
            using var refused = await copy.Client.GetAsync(new Uri("/workspace", UriKind.Relative), TestContext.Current.CancellationToken);
            AssertRefused(refused, "a session of the account");
        }

        await colleague.Client.GetPageAsync("/workspace");
    }

    [Fact]
    public async Task Disabling_or_resetting_an_account_on_the_accounts_page_ends_its_sessions_at_their_next_request()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        var ids = await data.QueryAsync(db => db.Users.ToDictionaryAsync(u => u.Email!, u => u.Id));
        using var staff = await CookieCopy.SignInAsync(factory, WorkspaceWorld.StaffEmail);
        using var cadre = await CookieCopy.SignInAsync(factory, WorkspaceWorld.LiEmail);
        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);

        var staffPage = await admin.GetPageAsync($"/admin/accounts/{ids[WorkspaceWorld.StaffEmail]}");
        using var disabled = await admin.SubmitAsync(staffPage.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("#disable-account")!);
        var cadrePage = await admin.GetPageAsync($"/admin/accounts/{ids[WorkspaceWorld.LiEmail]}");
        using var reset = await admin.SubmitAsync(cadrePage.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("#reset-password")!);
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);

        using var staffAfter = await staff.Client.GetAsync(new Uri("/workspace", UriKind.Relative), TestContext.Current.CancellationToken);
        AssertRefused(staffAfter, "the disabled staff member");
        using var cadreAfter = await cadre.Client.GetAsync(new Uri("/workspace", UriKind.Relative), TestContext.Current.CancellationToken);
        AssertRefused(cadreAfter, "the cadre whose password was reset");
        var reasons = await data.QueryAsync(db => db.UserSessions.Where(s => s.EndedAt != null).Select(s => s.EndReason).ToListAsync());
        Assert.Contains(SessionEnd.AccountDisabled, reasons);
        Assert.Contains(SessionEnd.PasswordReset, reasons);
    }

    [Fact]
    public async Task A_session_ends_after_its_absolute_lifetime_however_active_and_after_the_idle_time_out()
    {
        using var factory = new HotlineFactory().With("Accounts:SessionHours", "2").With("Accounts:SessionMaxHours", "12");
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        // A browser that keeps the renewed cookie, active every hour for 11 hours: still signed in.
        using var busy = await data.SignInAsync(WorkspaceWorld.LiEmail);
        for (var hour = 0; hour < 11; hour++)
        {
            factory.Clock.Advance(TimeSpan.FromHours(1));
            await busy.GetPageAsync("/workspace");
        }

        factory.Clock.Advance(TimeSpan.FromHours(1));
        using var tooOld = await busy.GetAsync(new Uri("/workspace", UriKind.Relative), TestContext.Current.CancellationToken);
        AssertRefused(tooOld, "a session 12 hours old");

        using var idle = await CookieCopy.SignInAsync(factory, WorkspaceWorld.LiEmail);
        factory.Clock.Advance(TimeSpan.FromHours(2));
        using var asleep = await idle.Client.GetAsync(new Uri("/workspace", UriKind.Relative), TestContext.Current.CancellationToken);
        AssertRefused(asleep, "a session idle for 2 hours");
        Assert.Contains(SessionEnd.TooOld, await data.QueryAsync(db => db.UserSessions.Select(s => s.EndReason).ToListAsync()));
    }

    internal static void AssertRefused(HttpResponseMessage response, string what)
    {
        var toLogin = response.StatusCode == HttpStatusCode.Redirect
            && response.Headers.Location!.OriginalString.Contains("/account/login", StringComparison.Ordinal);
        Assert.True(toLogin || response.StatusCode == HttpStatusCode.Forbidden,
            $"{what} answered {(int)response.StatusCode} {response.Headers.Location}");
    }

    private static bool IsStaffAction(Uri action)
    {
        var path = action.OriginalString;
        return path.StartsWith("/workspace", StringComparison.Ordinal) || path.StartsWith("/supervision", StringComparison.Ordinal)
            || path.StartsWith("/admin", StringComparison.Ordinal);
    }

    private static async Task SignOutAsync(CookieCopy copy)
    {
        var page = await copy.Client.GetPageAsync("/account/logout");
        using var done = await copy.Client.SubmitAsync(page.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("form[action='/account/logout']")!, pageUrl: "/account/logout");
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
    }

    private static async Task ApplyAsync(string change, HotlineFactory factory, List<(string Email, CookieCopy Copy)> copies)
    {
        foreach (var (email, copy) in copies)
        {
            if (change == "signed out")
            {
                await SignOutAsync(copy);
                continue;
            }

            await using var scope = factory.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<HotlineUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            if (change == "disabled")
            {
                // Only the account's flag: the check at each request must see it, whatever the session rows say.
                user.DisabledAt = factory.Clock.GetUtcNow();
                Assert.True((await users.UpdateAsync(user)).Succeeded);
            }
            else
            {
                Assert.True((await users.RemoveFromRolesAsync(user, await users.GetRolesAsync(user))).Succeeded);
            }
        }
    }

    private static async Task<string> SnapshotAsync(WorkspaceTestData data, AdminSamples samples) =>
        await samples.SnapshotAsync() + " " + await data.QueryAsync(async db => string.Join(" ", new object[]
        {
            await db.Appeals.SumAsync(a => a.Version), await db.AppealEvents.CountAsync(), await db.SmsMessages.CountAsync(),
            await db.SpotCheckRounds.CountAsync(), await db.InterviewCases.CountAsync(), await db.FormSubmissions.CountAsync(),
            string.Join(",", (await db.Cadres.OrderBy(c => c.Id).Select(c => new { c.AvailabilityKind, c.AvailabilityNote }).ToListAsync()).Select(c => $"{c.AvailabilityKind}{c.AvailabilityNote}")),
        }));
}
