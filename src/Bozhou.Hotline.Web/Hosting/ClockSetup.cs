using Bozhou.Hotline.Core.Settings;

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
            .Validate(c => !ClockLimits.Violations(c).Any(),
                "Clocks: a limit is outside its range (the settings form's): " + string.Join(", ", ClockLimits.All.Select(l => $"{l.Name} {l.Min}–{l.Max}")) + ".")
            .ValidateOnStart();
        builder.Services.AddSingleton<SettingsStore>();
        builder.Services.AddSingleton<AppealClockSource>();
        return builder;
    }
}
