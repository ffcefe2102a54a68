using Bozhou.Hotline.Core.Settings;

namespace Bozhou.Hotline.Core.Appeals;

/// <summary>
/// The clock of the moment: the calendar and the limits as administered. Each deadline is computed when its
/// event happens (logged, missed call, transfer, reply, reopen) and stored on the appeal, so a changed limit applies
/// to events from then on; deadlines already set stay as they were.
/// </summary>
public sealed class AppealClockSource(CalendarStore calendar, SettingsStore settings)
{
    public async Task<AppealClock> GetAsync(CancellationToken cancellationToken = default) =>
        new(await calendar.GetAsync(cancellationToken), (await settings.GetAsync(cancellationToken)).Clocks);
}
