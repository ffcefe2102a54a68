using Bozhou.Hotline.Core.Sms;

namespace Bozhou.Hotline.Web.Hosting;

public static class WorkspaceSetup
{
    /// <summary>The workspace pages' policy: signed in with one of the product's roles.</summary>
    public const string Policy = "workspace";

    /// <summary>
    /// The cadre workspace: its pages for signed-in users with a role only, the services its actions share, and the
    /// SMS outbox drained into the configured gateway.
    /// </summary>
    public static WebApplicationBuilder AddWorkspace(this WebApplicationBuilder builder)
    {
        // Any of the product's roles: an account left without one (its role withdrawn) reads nothing here.
        builder.Services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.RequireRole(Roles.All));
        builder.Services.Configure<RazorPagesOptions>(o => o.Conventions.AuthorizeFolder("/Workspace", Policy));
        builder.Services.AddScoped<WorkspaceActors>();
        builder.Services.AddScoped<CadreActions>();
        builder.Services.AddScoped<Duplicates>();
        builder.Services.AddScoped<InboxQuery>();
        builder.Services.AddScoped<HotSpotQuery>();
        builder.Services.AddScoped<AppealViewQuery>();

        // The directory's public pages are output-cached under the tag "directory"; an availability change
        // evicts it. AddOutputCache registers with TryAdd, so the directory's own call does no harm.
        builder.Services.AddOutputCache();

        builder.Services.AddOptions<SmsOptions>()
            .Bind(builder.Configuration.GetSection(SmsOptions.Section))
            .Validate(o => o.IsHttp || string.Equals(o.Gateway, SmsOptions.LogGateway, StringComparison.OrdinalIgnoreCase),
                "Sms:Gateway must be Log or Http.")
            .Validate(o => !o.IsHttp || SmsOptions.IsHttpUrl(o.Url),
                "Sms:Gateway is Http but Sms:Url is not an absolute http(s) URL. Set Sms__Url, e.g. https://sms.example.gov.cn/send.")
            .Validate(o => o.MaxAttempts is >= 1 and <= 50, "Sms:MaxAttempts must be between 1 and 50.")
            .Validate(o => o.StartDelaySeconds is >= 0 and <= 600, "Sms:StartDelaySeconds must be between 0 and 600.")
            .Validate(o => o.DailyLimitPerPhone is >= 1 and <= 1000 && o.DuplicateWindowMinutes is >= 0 and <= 1440,
                "Sms:DailyLimitPerPhone must be between 1 and 1000, Sms:DuplicateWindowMinutes between 0 and 1440.")
            .Validate(o => o.QuietFromHour is >= 0 and <= 23 && o.QuietUntilHour is >= 0 and <= 23,
                "Sms:QuietFromHour and Sms:QuietUntilHour are China hours between 0 and 23.")
            .Validate(o => o.RetryDelaySeconds > 0 && o.MaxRetryDelaySeconds >= o.RetryDelaySeconds && o.TimeoutSeconds > 0 && o.PollSeconds > 0,
                "Sms: delays, timeout and poll interval must be more than zero, the longest retry delay no shorter than the first.")
            .ValidateOnStart();
        builder.Services.AddHttpClient<HttpSmsGateway>((services, http) =>
            http.Timeout = TimeSpan.FromSeconds(services.GetRequiredService<IOptions<SmsOptions>>().Value.TimeoutSeconds));
        builder.Services.AddSingleton<LogSmsGateway>();
        // Resolved per drain, so the typed HttpClient comes fresh from the factory (handler rotation, DNS).
        builder.Services.AddTransient<ISmsGateway>(services => services.GetRequiredService<IOptions<SmsOptions>>().Value.IsHttp
            ? services.GetRequiredService<HttpSmsGateway>()
            : services.GetRequiredService<LogSmsGateway>());
        builder.Services.AddSingleton<SmsOutboxDrainer>();
        builder.Services.AddHostedService<SmsOutboxService>();
        builder.Services.AddScoped<SmsNotifier>();
        builder.Services.AddSingleton<SmsDigestJob>();
        builder.Services.AddHostedService(services => services.GetRequiredService<SmsDigestJob>());
        return builder;
    }
}
