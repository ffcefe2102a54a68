using Bozhou.Hotline.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bozhou.Hotline.Core.Calendar;

/// <summary>
/// Serves the working-day calendar from the database, read once and kept until the calendar is
/// edited (<see cref="Invalidate"/>), so that clocks never query the calendar per appeal.
/// </summary>
public sealed class CalendarStore(IServiceScopeFactory scopes)
{
    private volatile WorkingDayCalendar? _current;

    public async Task<WorkingDayCalendar> GetAsync(CancellationToken cancellationToken = default)
    {
        if (_current is { } cached)
        {
            return cached;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var days = await db.CalendarDays.AsNoTracking().ToListAsync(cancellationToken);
        var calendar = new WorkingDayCalendar(days);
        _current = calendar;
        return calendar;
    }

    public void Invalidate() => _current = null;
}
