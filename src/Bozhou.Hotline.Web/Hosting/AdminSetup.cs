using Bozhou.Hotline.Core.Setup;

namespace Bozhou.Hotline.Web.Hosting;

public static class AdminSetup
{
    /// <summary>Administrators only: every page under /admin except the audit trail.</summary>
    public const string AdminPolicy = "Admin";

    /// <summary>The audit trail: administrators and the supervision office.</summary>
    public const string AuditPolicy = "AuditReaders";

    /// <summary>The administration pages, their policies and the changes they record.</summary>
    public static WebApplicationBuilder AddAdmin(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, p => p.RequireRole(Roles.Admin))
            .AddPolicy(AuditPolicy, p => p.RequireRole(Roles.Admin, Roles.Supervisor));
        builder.Services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AuthorizeFolder("/Admin", AdminPolicy);
            // The audit trail is served at /admin/audit but lives outside the Admin folder: the supervision office reads it too.
            o.Conventions.AuthorizeFolder("/Audit", AuditPolicy);
        });
        builder.Services.AddScoped<AdminChanges>();
        builder.Services.AddScoped<CadrePosts>();
        builder.Services.AddScoped<AccountAdmin>();
        builder.Services.AddScoped<DirectoryImporter>();
        builder.Services.AddScoped<FirstRun>();
        builder.Services.AddScoped<CalendarChanges>();
        builder.Services.AddOutputCache();

        builder.Services.AddOptions<RetentionOptions>()
            .Bind(builder.Configuration.GetSection(RetentionOptions.Section))
            .Validate(o => o.RetentionDays is >= RetentionOptions.MinDays and <= RetentionOptions.MaxDays, "Privacy:RetentionDays must be between 1 and 3650.")
            .ValidateOnStart();
        builder.Services.AddSingleton<PersonalDataPurger>();
        builder.Services.AddHostedService(services => services.GetRequiredService<PersonalDataPurger>());
        return builder;
    }
}
