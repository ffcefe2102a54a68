using Bozhou.Hotline.Core.Caching;
using Bozhou.Hotline.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bozhou.Hotline.Core.Calendar;

/// <summary>
/// Serves the working-day calendar from the database, kept so that clocks never query the calendar per appeal, and
/// read again as soon as a calendar day is saved on any instance (<see cref="KeptTags.Calendar"/>), or after
/// <see cref="MaxAge"/> at the latest.
/// </summary>
public sealed class CalendarStore(IServiceScopeFactory scopes, TimeProvider time, KeptValueChanges changes)
{
    /// <summary>How long a calendar read from the database is used before it is read again (the backstop).</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private readonly KeptValues<string, WorkingDayCalendar> _kept = new(time, changes, KeptTags.Calendar);

    /// <summary>The calendar as stored.</summary>
    public async Task<WorkingDayCalendar> GetAsync(CancellationToken cancellationToken = default) =>
        (await _kept.GetAsync(nameof(WorkingDayCalendar), MaxAge, LoadAsync, cancellationToken)).Value;

    private async Task<WorkingDayCalendar> LoadAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var days = await db.CalendarDays.AsNoTracking().ToListAsync(cancellationToken);
        return new WorkingDayCalendar(days);
    }
}
