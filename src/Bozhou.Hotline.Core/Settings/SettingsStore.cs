using Microsoft.Extensions.DependencyInjection;

namespace Bozhou.Hotline.Core.Settings;

/// <summary>The settings in force: the clocks, the SMS texts and the retention period.</summary>
public sealed record CurrentSettings(ClockSettings Clocks, SmsTemplates Sms, int RetentionDays, DateTimeOffset? SavedAt, string? SavedBy)
{
    /// <summary>Whether an administrator has saved them; otherwise they are the configuration's defaults.</summary>
    public bool IsSaved => SavedAt is not null;
}

/// <summary>
/// Serves the settings from the database once an administrator has saved them, from configuration before.
/// Read once and kept until a save on this instance (<see cref="Invalidate"/>) or for at most
/// <see cref="MaxAge"/>, so that a save on another instance of a shared database shows there too.
/// </summary>
public sealed class SettingsStore(
    IServiceScopeFactory scopes, IOptionsMonitor<ClockSettings> clocks, IOptionsMonitor<RetentionOptions> retention, TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private volatile Cached? _current;

    public async Task<CurrentSettings> GetAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (_current is { } cached && now - cached.ReadAt < MaxAge)
        {
            return cached.Settings;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var saved = await db.SavedSettings.AsNoTracking().SingleOrDefaultAsync(s => s.Id == SavedSettings.SingletonId, cancellationToken);
        var settings = saved is null
            ? new CurrentSettings(clocks.CurrentValue, new SmsTemplates(), retention.CurrentValue.RetentionDays, null, null)
            : new CurrentSettings(saved.Clocks, saved.Sms, saved.RetentionDays, saved.SavedAt, saved.SavedBy);
        _current = new Cached(settings, now);
        return settings;
    }

    public void Invalidate() => _current = null;

    private sealed record Cached(CurrentSettings Settings, DateTimeOffset ReadAt);
}
