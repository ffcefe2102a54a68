namespace Bozhou.Hotline.Core.Calendar;

/// <summary>
/// A day that departs from the ordinary week: a holiday (day off, even on a weekday) or a weekend
/// day made a working day (调休). Every other Saturday and Sunday is a day off, every other weekday
/// a working day.
/// </summary>
[Audited("CalendarDay")]
public class CalendarDay
{
    public DateOnly Date { get; set; }

    public CalendarDayKind Kind { get; set; }

    /// <summary>The occasion as announced, e.g. "Spring Festival 春节".</summary>
    [SingleLine]
    public string Occasion { get; set; } = "";
}

public enum CalendarDayKind
{
    Holiday = 1,
    Workday = 2,
}
