using Bozhou.Hotline.Web.Pages.Appeals;

namespace Bozhou.Hotline.Web.Hosting;

public static class AppealsSetup
{
    /// <summary>
    /// Citizens' appeals: the caller-data protection (its key checked at start-up), the intake, the
    /// tracking access and lockout, the submission rate limit, the form validators and the sweep that
    /// closes unrated appeals.
    /// </summary>
    public static WebApplicationBuilder AddAppeals(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AppealsOptions>()
            .Bind(builder.Configuration.GetSection(AppealsOptions.Section))
            .Validate(o => o.SubmissionsPerHour > 0 && o.TrackFailuresAllowed > 0 && o.UnratedSweepBatchSize > 0 && o.MaxCallAgeDays > 0,
                "Appeals:SubmissionsPerHour, Appeals:TrackFailuresAllowed, Appeals:UnratedSweepBatchSize and Appeals:MaxCallAgeDays must be more than zero.")
            .Validate(o => o.TrackFailureWindow > TimeSpan.Zero && o.AccessLifetime > TimeSpan.Zero && o.UnratedSweepInterval > TimeSpan.Zero
                && o.ClockSkew >= TimeSpan.Zero && o.UnratedSweepInterval <= TimeSpan.FromDays(30),
                "Appeals:TrackFailureWindow, Appeals:AccessLifetime and Appeals:UnratedSweepInterval must be positive durations (e.g. 00:15:00), the sweep interval at most 30 days; Appeals:ClockSkew not negative.")
            .ValidateOnStart();
        builder.Services.AddOptions<PrivacyOptions>()
            .Bind(builder.Configuration.GetSection(PrivacyOptions.Section))
            .Validate(o => o.IsValid,
                $"Privacy:PhoneHashKey is missing or shorter than {PrivacyOptions.MinimumKeyLength} characters. It keys the hash of callers' " +
                "phone numbers: set a random secret once per installation (e.g. the environment variable Privacy__PhoneHashKey), keep it " +
                "safe with the key-ring certificate, apart from the database backups (a backup and the key together let phone numbers " +
                "be tested against the hashes), and never change it.")
            .ValidateOnStart();

        builder.Services.AddSingleton<CallerDataProtector>();
        builder.Services.AddSingleton<TrackingCodeSource>();
        builder.Services.AddScoped<AppealIntake>();
        builder.Services.AddScoped<AppealActionRunner>();
        builder.Services.AddScoped<CallerActions>();
        builder.Services.AddSingleton<TrackedAppealsCookie>();
        builder.Services.AddSingleton<TrackingLockout>();
        builder.Services.AddSingleton<IntakeDirectory>();
        builder.Services.AddSingleton<UnratedAppealCloser>();
        builder.Services.AddHostedService(services => services.GetRequiredService<UnratedAppealCloser>());

        builder.Services.AddSingleton<SubmissionAllowance>();
        return builder;
    }
}
