using Bozhou.Hotline.Core.Appeals;
using Bozhou.Hotline.Core.Caching;
using Bozhou.Hotline.Core.Data;
using Bozhou.Hotline.Core.Workspace;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bozhou.Hotline.Core.Settings;

/// <summary>
/// The settings in force: the clocks, the SMS texts, the retention period, whether <c>/stats</c> is published, the
/// supervision office's mobile (E.164, null when none is set) that early warnings are texted to, and the site's footer lines.
/// </summary>
public sealed record CurrentSettings(
    ClockSettings Clocks, SmsTemplates Sms, int RetentionDays, DateTimeOffset? SavedAt, string? SavedBy, bool PublicStatsEnabled = false,
    string? SupervisionMobile = null)
{
    /// <summary>The footer lines of every page; none before an administrator fills them in.</summary>
    public SiteFooter Footer { get; init; } = new();

    /// <summary>Whether an administrator has saved them; otherwise they are the configuration's defaults.</summary>
    public bool IsSaved => SavedAt is not null;
}

/// <summary>
/// Serves the settings from the database once an administrator has saved them, from configuration before. Read once
/// and kept until a save on any instance (<see cref="KeptTags.Settings"/>), or for at most <see cref="MaxAge"/>.
/// </summary>
public sealed class SettingsStore(
    IServiceScopeFactory scopes, IOptionsMonitor<ClockSettings> clocks, IOptionsMonitor<RetentionOptions> retention, TimeProvider time, KeptValueChanges changes)
{
    /// <summary>How long the settings read from the database are used before they are read again (the backstop).</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private readonly KeptValues<string, CurrentSettings> _kept = new(time, changes, KeptTags.Settings);

    /// <summary>The settings in force.</summary>
    public async Task<CurrentSettings> GetAsync(CancellationToken cancellationToken = default) =>
        (await _kept.GetAsync(nameof(CurrentSettings), MaxAge, LoadAsync, cancellationToken)).Value;

    private async Task<CurrentSettings> LoadAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var saved = await db.SavedSettings.AsNoTracking().SingleOrDefaultAsync(s => s.Id == SavedSettings.SingletonId, cancellationToken);
        return saved is null
            ? new CurrentSettings(clocks.CurrentValue, new SmsTemplates(), retention.CurrentValue.RetentionDays, null, null)
            : new CurrentSettings(saved.Clocks, saved.Sms, saved.RetentionDays, saved.SavedAt, saved.SavedBy, saved.PublicStatsEnabled, saved.SupervisionMobile) { Footer = saved.Footer };
    }
}
