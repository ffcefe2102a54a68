using Microsoft.Extensions.DependencyInjection;

namespace Bozhou.Hotline.Core.Calendar;

/// <summary>
/// Serves the working-day calendar from the database, kept for at most <see cref="MaxAge"/> and read again at once
/// when this instance edits it (<see cref="Invalidate"/>), so that clocks never query the calendar per appeal and
/// another instance on the same database follows an edit within a minute.
/// </summary>
public sealed class CalendarStore(IServiceScopeFactory scopes, TimeProvider time)
{
    /// <summary>How long a calendar read from the database is used before it is read again.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private volatile Cached? _current;

    /// <summary>The calendar as stored, at most <see cref="MaxAge"/> old.</summary>
    public async Task<WorkingDayCalendar> GetAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (_current is { } cached && now - cached.ReadAt < MaxAge && now >= cached.ReadAt)
        {
            return cached.Calendar;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var days = await db.CalendarDays.AsNoTracking().ToListAsync(cancellationToken);
        var calendar = new WorkingDayCalendar(days);
        _current = new Cached(calendar, now);
        return calendar;
    }

    /// <summary>Drops the kept calendar: the next <see cref="GetAsync"/> reads the database.</summary>
    public void Invalidate() => _current = null;

    private sealed record Cached(WorkingDayCalendar Calendar, DateTimeOffset ReadAt);
}
