namespace Bozhou.Hotline.Core.Calendar;

/// <summary>
/// Working days as the national holiday schedule sets them, including the weekend days made
/// working days (调休). All the product's clocks (PRODUCT §5) count in these days, in China time.
/// </summary>
public sealed class WorkingDayCalendar
{
    private readonly Dictionary<DateOnly, CalendarDayKind> _exceptions;

    private readonly HashSet<int> _scheduledYears;

    public WorkingDayCalendar(IEnumerable<CalendarDay> exceptions)
    {
        ArgumentNullException.ThrowIfNull(exceptions);
        _exceptions = exceptions.ToDictionary(d => d.Date, d => d.Kind);
        _scheduledYears = [.. _exceptions.Where(e => e.Value == CalendarDayKind.Holiday).Select(e => e.Key.Year)];
    }

    /// <summary>
    /// Whether the national schedule of a (Gregorian) year is loaded: the calendar holds at least one holiday in it.
    /// Every State Council schedule has several, so a year without one is a year nobody has entered yet, and its
    /// working days are guessed from the ordinary week.
    /// </summary>
    public bool HasSchedule(int year) => _scheduledYears.Contains(year);

    /// <summary>The month (November) from which next year's missing schedule is flagged: the State Council publishes it then.</summary>
    public const int NextYearFlaggedFromMonth = 11;

    /// <summary>
    /// The years whose schedule should be loaded by <paramref name="today"/> (a China date) and is not: this year,
    /// and from 1 November next year too. Empty when nothing is missing.
    /// </summary>
    public IReadOnlyList<int> MissingSchedules(DateOnly today)
    {
        var due = today.Month >= NextYearFlaggedFromMonth ? new[] { today.Year, today.Year + 1 } : [today.Year];
        return [.. due.Where(year => !HasSchedule(year))];
    }

    /// <summary>
    /// Whether a deadline (the UTC instant at which it passes, as <see cref="DeadlineAfter"/> returns it) is
    /// provisional: its last day, in China time, lies in a year whose schedule is not loaded, so loading that year
    /// may move it.
    /// </summary>
    public bool IsProvisional(DateTimeOffset deadline) => !HasSchedule(ChinaTime.DateOf(deadline.AddTicks(-1)).Year);

    /// <summary>
    /// The China dates from <paramref name="from"/> to <paramref name="to"/> (both included) that are working days in
    /// one calendar and days off in the other: the days whose change can move a deadline.
    /// </summary>
    public IReadOnlyList<DateOnly> DaysDifferingFrom(WorkingDayCalendar other, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(other);
        var days = new List<DateOnly>();
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            if (IsWorkingDay(d) != other.IsWorkingDay(d))
            {
                days.Add(d);
            }
        }

        return days;
    }

    /// <summary>A calendar with no holidays: weekdays work, weekends rest.</summary>
    public static WorkingDayCalendar Plain { get; } = new([]);

    public bool IsWorkingDay(DateOnly date)
    {
        if (_exceptions.TryGetValue(date, out var kind))
        {
            return kind == CalendarDayKind.Workday;
        }

        return date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    /// <summary>
    /// The Nth working day after <paramref name="date"/> (the date itself not counted).
    /// With n = 0, the date itself when it is a working day, else the next working day.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly date, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (n == 0)
        {
            while (!IsWorkingDay(date))
            {
                date = date.AddDays(1);
            }

            return date;
        }

        var counted = 0;
        while (counted < n)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date))
            {
                counted++;
            }
        }

        return date;
    }

    /// <summary>
    /// The deadline "within N working days" of an instant: the end (24:00 China time) of the Nth
    /// working day after the instant's China date, returned as the UTC instant at which it passes.
    /// A matter logged on a holiday therefore gets its first full working day as day one.
    /// </summary>
    public DateTimeOffset DeadlineAfter(DateTimeOffset instant, int workingDays)
    {
        var lastDay = AddWorkingDays(ChinaTime.DateOf(instant), workingDays);
        return ChinaTime.StartOf(lastDay.AddDays(1));
    }

    /// <summary>
    /// Working days from one China date to another: those after <paramref name="from"/> up to and
    /// including <paramref name="to"/>. Zero when <paramref name="to"/> is not later.
    /// </summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var d = from.AddDays(1); d <= to; d = d.AddDays(1))
        {
            if (IsWorkingDay(d))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Working days between two instants, each taken at its China date.</summary>
    public int WorkingDaysBetween(DateTimeOffset from, DateTimeOffset to) =>
        WorkingDaysBetween(ChinaTime.DateOf(from), ChinaTime.DateOf(to));

    /// <summary>
    /// How late a deadline is at <paramref name="now"/>, in working days: 0 before it passes, then
    /// the working days begun since, the day it passed into counting as the first.
    /// </summary>
    public int WorkingDaysLate(DateTimeOffset deadline, DateTimeOffset now)
    {
        if (now < deadline)
        {
            return 0;
        }

        return WorkingDaysBetween(ChinaTime.DateOf(deadline).AddDays(-1), ChinaTime.DateOf(now));
    }
}
