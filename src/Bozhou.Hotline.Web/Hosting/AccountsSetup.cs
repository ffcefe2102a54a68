using Microsoft.AspNetCore.Identity;

namespace Bozhou.Hotline.Web.Hosting;

public static class AccountsSetup
{
    /// <summary>
    /// Staff accounts with ASP.NET Core Identity on the product's database: passwords of at least 12
    /// characters, lockout after repeated failures, the login POST rate-limited per client, and the
    /// product's own small account pages under /account.
    /// </summary>
    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(AccountOptions.Section);
        builder.Services.AddOptions<AccountOptions>()
            .Bind(section)
            .Validate(o => o.SignInAttemptsPerMinute > 0 && o.MaxFailedSignIns > 0 && o.LockoutMinutes > 0 && o.SessionHours > 0 && o.SessionMaxHours > 0,
                "Accounts:SignInAttemptsPerMinute, Accounts:MaxFailedSignIns, Accounts:LockoutMinutes, Accounts:SessionHours and Accounts:SessionMaxHours must be more than zero.")
            .Validate(o => o.SessionHours <= o.SessionMaxHours, "Accounts:SessionHours (idle) must not be more than Accounts:SessionMaxHours (absolute).")
            .ValidateOnStart();
        var options = section.Get<AccountOptions>() ?? new AccountOptions();

        builder.Services.AddIdentity<HotlineUser, IdentityRole>(o =>
            {
                // Length over composition rules (NIST SP 800-63B): 12 characters, no forced symbols; common passwords,
                // runs, repeats and the account's own name are refused by HotlinePasswordValidator.
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = options.MaxFailedSignIns;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(options.LockoutMinutes);
                o.User.RequireUniqueEmail = true;
            })
            .AddEntityFrameworkStores<HotlineDbContext>()
            .AddPasswordValidator<HotlinePasswordValidator>()
            .AddUserManager<HotlineUserManager>()
            .AddSignInManager<HotlineSignInManager>();

        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "hotline.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = HttpSecuritySetup.CookieSecurity(builder);
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            // Every request's cookie is checked against its session row and the account (instead of Identity's
            // security-stamp check every 30 minutes), and the 403 for a missing role.
            o.EventsType = typeof(SessionCookieEvents);
            o.ExpireTimeSpan = TimeSpan.FromHours(options.SessionHours);
            o.SlidingExpiration = true;
        });

        builder.Services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AuthorizePage("/Account/ChangePassword");
            o.Conventions.AllowAnonymousToPage("/Account/Login");
        });


        builder.Services.AddSingleton<CommonPasswords>();
        builder.Services.AddScoped<UserSessions>();
        builder.Services.AddScoped<SessionCookieEvents>();
        return builder;
    }
}
