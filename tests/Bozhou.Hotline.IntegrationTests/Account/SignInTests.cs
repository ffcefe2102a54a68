using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Bozhou.Hotline.IntegrationTests.Account;

public class SignInTests
{
    [Theory]
    [InlineData(WorkspaceWorld.LiEmail, "/workspace", "acting-for")]
    [InlineData(WorkspaceWorld.StaffEmail, "/workspace", "acting-for")]
    [InlineData(WorkspaceWorld.SupervisorEmail, "/supervision", "queue-tabs")]
    [InlineData(WorkspaceWorld.AdminEmail, "/admin", "admin-sections")]
    public async Task Every_role_signs_in_through_the_login_form_and_lands_on_its_own_home(string email, string home, string marker)
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await WorkspaceTestData.SubmitLoginAsync(client, email, WorkspaceTestData.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(home, response.Headers.Location!.OriginalString);
        var page = await client.GetPageAsync(home);
        Assert.NotNull(page.QuerySelector("#" + marker));
        Assert.Equal(email, page.QuerySelector("#signed-in-as")!.TextContent.Trim());
        Assert.Null(page.QuerySelector("a[href='/account/login']"));
        Assert.DoesNotContain("另行开放", page.Body!.TextContent, StringComparison.Ordinal);
        var audited = await data.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditAction.SignIn && a.UserName == email));
        Assert.Equal(1, audited);
    }

    [Theory]
    [InlineData(WorkspaceWorld.SupervisorEmail, "/supervision")]
    [InlineData(WorkspaceWorld.AdminEmail, "/admin")]
    public async Task The_office_and_administrators_opening_the_workspace_are_sent_to_their_own_home(string email, string home)
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var signedIn = await WorkspaceTestData.SubmitLoginAsync(client, email, WorkspaceTestData.Password);

        using var response = await client.GetAsync(new Uri("/workspace", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(home, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_staff_member_sees_for_whom_they_act()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        using var client = await data.SignInAsync(WorkspaceWorld.StaffEmail);

        var page = await client.GetPageAsync("/workspace");

        Assert.Equal("代 李明 办理", page.QuerySelector("#acting-for")!.TextContent.Trim());
    }

    /// <summary>The one answer to a failed sign-in, whatever the reason.</summary>
    private const string Uniform = "账号或密码不正确，或该账号暂时无法登录。";

    [Fact]
    public async Task A_wrong_password_is_refused_in_the_form_and_leaves_the_user_signed_out()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await WorkspaceTestData.SubmitLoginAsync(client, WorkspaceWorld.LiEmail, "not-the-password-at-all");
        var page = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Uniform, page.QuerySelector("#login-error")!.TextContent.Trim());
        using var workspace = await client.GetAsync(new Uri("/workspace", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, workspace.StatusCode);
    }

    [Fact]
    public async Task An_empty_form_gets_a_message_per_field_not_an_error_page()
    {
        using var factory = new HotlineFactory();
        using var client = factory.CreateClient();

        using var response = await WorkspaceTestData.SubmitLoginAsync(client, "", "");
        var page = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("请输入账号", page.QuerySelector("[data-valmsg-for='Input.Email']")!.TextContent.Trim());
        Assert.Equal("请输入密码", page.QuerySelector("[data-valmsg-for='Input.Password']")!.TextContent.Trim());
    }

    [Fact]
    public async Task Five_failed_sign_ins_lock_the_account_for_15_minutes_on_the_app_clock_saying_no_more_than_a_wrong_password()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        for (var i = 0; i < 5; i++)
        {
            using var failed = await WorkspaceTestData.SubmitLoginAsync(client, WorkspaceWorld.LiEmail, "wrong-password-" + i);
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        // The right password no longer helps while the lockout lasts.
        using var locked = await WorkspaceTestData.SubmitLoginAsync(client, WorkspaceWorld.LiEmail, WorkspaceTestData.Password);
        Assert.Equal(Uniform, (await Html.ParseAsync(locked)).QuerySelector("#login-error")!.TextContent.Trim());
        factory.Clock.Advance(TimeSpan.FromMinutes(14));
        using var stillLocked = await WorkspaceTestData.SubmitLoginAsync(client, WorkspaceWorld.LiEmail, WorkspaceTestData.Password);
        Assert.Equal(HttpStatusCode.OK, stillLocked.StatusCode);

        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        using var unlocked = await WorkspaceTestData.SubmitLoginAsync(client, WorkspaceWorld.LiEmail, WorkspaceTestData.Password);

        Assert.Equal(HttpStatusCode.Redirect, unlocked.StatusCode);
    }

    [Fact]
    public async Task A_disabled_account_cannot_sign_in_even_with_the_right_password()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        await data.QueryAsync(db => db.Users.Where(u => u.Email == WorkspaceWorld.ZhangEmail)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.DisabledAt, factory.Clock.GetUtcNow())));
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await WorkspaceTestData.SubmitLoginAsync(client, WorkspaceWorld.ZhangEmail, WorkspaceTestData.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Uniform, (await Html.ParseAsync(response)).QuerySelector("#login-error")!.TextContent.Trim());
    }

    [Fact]
    public async Task An_unknown_account_a_wrong_password_and_a_locked_account_get_the_same_answer()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        for (var i = 0; i < 5; i++)
        {
            using var failed = await WorkspaceTestData.SubmitLoginAsync(client, WorkspaceWorld.WangEmail, "wrong-password-" + i);
        }

        var answers = new List<string>();
        foreach (var (email, password) in new[]
        {
            ("nobody@test.local", WorkspaceTestData.Password), (WorkspaceWorld.LiEmail, "not-the-password-at-all"), (WorkspaceWorld.WangEmail, WorkspaceTestData.Password),
        })
        {
            using var response = await WorkspaceTestData.SubmitLoginAsync(client, email, password);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            answers.Add((await Html.ParseAsync(response)).QuerySelector("#login-error")!.TextContent.Trim());
        }

        Assert.All(answers, a => Assert.Equal(Uniform, a));
    }

    [Fact]
    public async Task A_lockout_is_audited_shown_on_the_accounts_page_and_lifted_there_by_an_administrator_with_an_audited_post()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        var liId = await data.QueryAsync(db => db.Users.Where(u => u.Email == WorkspaceWorld.LiEmail).Select(u => u.Id).SingleAsync());
        using var attacker = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        for (var i = 0; i < 5; i++)
        {
            using var failed = await WorkspaceTestData.SubmitLoginAsync(attacker, WorkspaceWorld.LiEmail, "wrong-password-" + i);
        }

        var lockouts = await data.QueryAsync(db => db.AuditEntries.Where(e => e.Action == AuditAction.Lockout).ToListAsync());
        Assert.Equal($"User:{liId}", Assert.Single(lockouts).Subject);

        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);
        var page = await admin.GetPageAsync("/admin/accounts");
        var row = page.QuerySelector($"#accounts tr[data-user-id='{liId}']")!;
        Assert.Contains("已锁定", row.QuerySelector(".locked")!.TextContent, StringComparison.Ordinal);
        using var unlocked = await admin.SubmitAsync(row.QuerySelector<IHtmlFormElement>("form.unlock")!);
        Assert.Equal(HttpStatusCode.Redirect, unlocked.StatusCode);

        Assert.Null((await admin.GetPageAsync("/admin/accounts")).QuerySelector($"#accounts tr[data-user-id='{liId}'] .locked"));
        var unlock = await data.QueryAsync(db => db.AuditEntries.SingleAsync(e => e.Action == AuditAction.Unlock));
        Assert.Equal(($"User:{liId}", WorkspaceWorld.AdminEmail), (unlock.Subject, unlock.UserName));
        using var client = await data.SignInAsync(WorkspaceWorld.LiEmail);
    }

    [Fact]
    public async Task Sign_in_posts_are_rate_limited_per_client_while_the_form_itself_stays_reachable()
    {
        using var factory = new HotlineFactory().With("Accounts:SignInAttemptsPerMinute", "3");
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await WorkspaceTestData.SubmitLoginAsync(client, "nobody@test.local", "wrong-password-123");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var limited = await WorkspaceTestData.SubmitLoginAsync(client, "nobody@test.local", "wrong-password-123");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter is not null || limited.Headers.Contains("Retry-After"));
        Assert.Equal("操作过于频繁", (await Html.ParseAsync(limited)).QuerySelector("h1")!.TextContent.Trim());
    }

    [Theory]
    [InlineData("/workspace")]
    [InlineData("/workspace/appeals/1")]
    [InlineData("/workspace/outbox")]
    [InlineData("/workspace/availability")]
    [InlineData("/account/change-password")]
    public async Task Signed_out_users_are_sent_to_the_login_page_from_every_staff_page(string url)
    {
        using var factory = new HotlineFactory();
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/account/login?ReturnUrl=" + Uri.EscapeDataString(url), response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_signing_in_the_user_returns_to_the_page_they_asked_for_but_never_off_the_site()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await client.GetPageAsync("/account/login?ReturnUrl=%2Fworkspace%2Foutbox");
        var form = page.QuerySelector<IHtmlFormElement>("#login-form")!;

        using var local = await client.SubmitAsync(form, Html.Fields(("Input.Email", WorkspaceWorld.LiEmail), ("Input.Password", WorkspaceTestData.Password)), "/account/login");
        Assert.Equal("/workspace/outbox", local.Headers.Location!.OriginalString);

        using var other = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page2 = await other.GetPageAsync("/account/login");
        using var offSite = await other.SubmitAsync(page2.QuerySelector<IHtmlFormElement>("#login-form")!,
            Html.Fields(("Input.Email", WorkspaceWorld.LiEmail), ("Input.Password", WorkspaceTestData.Password), ("ReturnUrl", "//evil.example/")), "/account/login");
        Assert.Equal("/workspace", offSite.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Signing_out_is_a_post_with_its_token_and_ends_the_session()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        using var client = await data.SignInAsync(WorkspaceWorld.LiEmail);
        var page = await client.GetPageAsync("/workspace");

        using var response = await client.SubmitAsync(page.QuerySelector<IHtmlFormElement>("form[action='/account/logout']")!);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        using var after = await client.GetAsync(new Uri("/workspace", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/account/login", after.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_password_needs_12_characters_and_then_replaces_the_old_one()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        using var client = await data.SignInAsync(WorkspaceWorld.ZhangEmail);
        var page = await client.GetPageAsync("/account/change-password");
        var form = page.QuerySelector<IHtmlFormElement>("main form")!;

        using var tooShort = await client.SubmitAsync(form, Html.Fields(("Input.Current", WorkspaceTestData.Password), ("Input.New", "short-pw"), ("Input.Confirm", "short-pw")), "/account/change-password");
        Assert.Equal("密码至少需要12个字符", (await Html.ParseAsync(tooShort)).QuerySelector("[data-valmsg-for='Input.New']")!.TextContent.Trim());

        using var wrongCurrent = await client.SubmitAsync(form, Html.Fields(("Input.Current", "not-my-password-1"), ("Input.New", "A-much-longer-passphrase"), ("Input.Confirm", "A-much-longer-passphrase")), "/account/change-password");
        Assert.Equal("当前密码不正确", (await Html.ParseAsync(wrongCurrent)).QuerySelector("[data-valmsg-for='Input.Current']")!.TextContent.Trim());

        using var changed = await client.SubmitAsync(form, Html.Fields(("Input.Current", WorkspaceTestData.Password), ("Input.New", "A-much-longer-passphrase"), ("Input.Confirm", "A-much-longer-passphrase")), "/account/change-password");
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        using var fresh = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var old = await WorkspaceTestData.SubmitLoginAsync(fresh, WorkspaceWorld.ZhangEmail, WorkspaceTestData.Password);
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        using var @new = await WorkspaceTestData.SubmitLoginAsync(fresh, WorkspaceWorld.ZhangEmail, "A-much-longer-passphrase");
        Assert.Equal(HttpStatusCode.Redirect, @new.StatusCode);
    }

    [Fact]
    public async Task An_account_with_a_one_time_password_is_sent_to_choose_a_new_one_first()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        await data.QueryAsync(db => db.Users.Where(u => u.Email == WorkspaceWorld.WangEmail)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.MustChangePassword, true)));
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await WorkspaceTestData.SubmitLoginAsync(client, WorkspaceWorld.WangEmail, WorkspaceTestData.Password);

        Assert.Equal("/account/change-password?returnUrl=%2Fworkspace", response.Headers.Location!.OriginalString);
        var page = await client.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.NotNull(page.QuerySelector(".alert-warning"));
    }

    [Fact]
    public async Task Identity_stores_passwords_hashed_and_lockout_enabled_for_new_accounts()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HotlineUser>>();

        var user = (await users.FindByEmailAsync(WorkspaceWorld.LiEmail))!;

        Assert.True(user.LockoutEnabled);
        Assert.DoesNotContain(WorkspaceTestData.Password, user.PasswordHash!, StringComparison.Ordinal);
        Assert.True(await users.IsInRoleAsync(user, Roles.Cadre));
    }

    [Fact]
    public async Task The_stock_Identity_pages_are_not_served_beside_the_products_own()
    {
        using var factory = new HotlineFactory();
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri("/Identity/Account/Login", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
