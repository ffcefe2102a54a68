namespace Bozhou.Hotline.Core.Calendar;

/// <summary>
/// An edit of the holiday calendar (a day added or removed, a year's schedule replaced) together with what it does to
/// the deadlines of open appeals (PRODUCT §5): each one whose counting crosses a day that changed between working day
/// and day off is counted again (<see cref="Appeal.RecountDeadlines"/>). Nothing is saved here: the caller saves the
/// calendar, the appeals, their timeline events and the audit entry in one transaction, then invalidates
/// <see cref="CalendarStore"/>. Each moved appeal's new event also makes its day's statistics dirty for
/// <c>StatsRollup.DirtyDaysAsync</c>.
/// </summary>
public sealed class CalendarChanges(HotlineDbContext db)
{
    /// <summary>Adds a day (a holiday, or a weekend day made a working day) and recounts the deadlines it moves.</summary>
    public async Task<DeadlineRecount> AddAsync(CalendarDay day, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(day);
        var days = await db.CalendarDays.AsNoTracking().ToListAsync(cancellationToken);
        var before = new WorkingDayCalendar(days);
        db.CalendarDays.Add(day);
        var after = new WorkingDayCalendar(days.Append(day));
        return await RecountAsync(before, after, day.Date, day.Date, now, cancellationToken);
    }

    /// <summary>Removes a stored day (tracked by this context) and recounts the deadlines its removal moves.</summary>
    public async Task<DeadlineRecount> RemoveAsync(CalendarDay day, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(day);
        var days = await db.CalendarDays.AsNoTracking().ToListAsync(cancellationToken);
        var before = new WorkingDayCalendar(days);
        db.CalendarDays.Remove(day);
        var after = new WorkingDayCalendar(days.Where(d => d.Date != day.Date));
        return await RecountAsync(before, after, day.Date, day.Date, now, cancellationToken);
    }

    /// <summary>
    /// Replaces every stored day of <paramref name="year"/> with <paramref name="schedule"/> (days of that year only)
    /// and recounts the deadlines the new schedule moves. Returns the count of days replaced with the recount.
    /// </summary>
    public async Task<(int Replaced, DeadlineRecount Recount)> ReplaceYearAsync(int year, IReadOnlyCollection<CalendarDay> schedule, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        if (schedule.Any(d => d.Date < first || d.Date > last))
        {
            throw new ArgumentException($"Every day of the schedule must lie in {year}.", nameof(schedule));
        }

        var days = await db.CalendarDays.AsNoTracking().ToListAsync(cancellationToken);
        var before = new WorkingDayCalendar(days);
        var old = await db.CalendarDays.Where(d => d.Date >= first && d.Date <= last).ToListAsync(cancellationToken);
        db.CalendarDays.RemoveRange(old);
        db.CalendarDays.AddRange(schedule);
        var after = new WorkingDayCalendar(days.Where(d => d.Date < first || d.Date > last).Concat(schedule));
        return (old.Count, await RecountAsync(before, after, first, last, now, cancellationToken));
    }

    private async Task<DeadlineRecount> RecountAsync(
        WorkingDayCalendar before, WorkingDayCalendar after, DateOnly from, DateOnly to, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var changed = before.DaysDifferingFrom(after, from, to);
        if (changed.Count == 0)
        {
            return DeadlineRecount.None;
        }

        // A deadline can move only when a changed day lies after its start's date and not after its last day, so only
        // a deadline passing after the first changed day begins (and after now: passed ones stay) is read.
        var firstChange = ChinaTime.StartOf(changed[0]);
        var runningAfter = now > firstChange ? now : firstChange;
        var appeals = await db.Appeals
            .Include(a => a.Events)
            .Include(a => a.CallAttempts)
            .AsSplitQuery()
            .Where(a => a.Status != AppealStatus.Closed
                && ((a.CallbackDueAt != null && a.CallbackDueAt > runningAfter)
                    || (a.FirstContactAt == null && a.FirstContactDueAt > runningAfter)
                    || (a.TransferAcceptDueAt != null && a.TransferAcceptDueAt > runningAfter)
                    || (a.Status != AppealStatus.Replied && a.ReplyDueAt > runningAfter)))
            .ToListAsync(cancellationToken);
        var deadlines = 0;
        var moved = 0;
        foreach (var appeal in appeals)
        {
            var count = appeal.RecountDeadlines(before, after, now, EventActor.System).Count;
            deadlines += count;
            moved += count > 0 ? 1 : 0;
        }

        return new DeadlineRecount(changed, moved, deadlines);
    }
}

/// <summary>What a calendar change did: the days that changed between working day and day off, and what moved.</summary>
/// <param name="ChangedDays">China dates whose working status changed, in order.</param>
/// <param name="Appeals">Open appeals with at least one deadline moved.</param>
/// <param name="Deadlines">Deadlines moved, over all those appeals.</param>
public sealed record DeadlineRecount(IReadOnlyList<DateOnly> ChangedDays, int Appeals, int Deadlines)
{
    /// <summary>No working day changed, so nothing moved.</summary>
    public static DeadlineRecount None { get; } = new([], 0, 0);
}
