using Bozhou.Hotline.Core.Settings;
using Microsoft.Extensions.Options;

namespace Bozhou.Hotline.Web.Hosting;

public static class ClockSetup
{
    /// <summary>
    /// The time limits of PRODUCT §5: from the "Clocks" section (checked at start-up) until an administrator
    /// saves them on /admin/settings, from the database after.
    /// </summary>
    public static WebApplicationBuilder AddClocks(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ClockSettings>()
            .Bind(builder.Configuration.GetSection(ClockSettings.Section))
            .ValidateOnStart();
        // Each limit outside its range (the settings form's) is named: "Clocks:MaxTransfers must be between 0 and 5 (is 9)."
        builder.Services.AddSingleton<IValidateOptions<ClockSettings>, ClockRanges>();
        builder.Services.AddSingleton<SettingsStore>();
        builder.Services.AddSingleton<AppealClockSource>();
        return builder;
    }

    /// <summary>The start-up check of the "Clocks" section: <see cref="ClockLimits.Violations"/>, each named.</summary>
    private sealed class ClockRanges : IValidateOptions<ClockSettings>
    {
        public ValidateOptionsResult Validate(string? name, ClockSettings options) =>
            ClockLimits.Violations(options).ToList() is { Count: > 0 } violations ? ValidateOptionsResult.Fail(violations) : ValidateOptionsResult.Success;
    }
}
