namespace Bozhou.Hotline.Core.Calendar;

/// <summary>
/// The dates the product works with: 2000-01-01 to 2100-12-31, far beyond any appeal, report or holiday
/// schedule. A date outside, such as 0001-01-01 or 9999-12-31 typed into an address, is refused where it
/// comes in: at the ends of <see cref="DateOnly"/> the China-time conversions and the day arithmetic overflow.
/// </summary>
public static class SupportedDates
{
    public static readonly DateOnly First = new(2000, 1, 1);

    public static readonly DateOnly Last = new(2100, 12, 31);

    /// <summary>Whether the date lies in the supported range.</summary>
    public static bool Contains(DateOnly date) => date >= First && date <= Last;

    /// <summary>Whether the whole year lies in the supported range.</summary>
    public static bool ContainsYear(int year) => year >= First.Year && year <= Last.Year;
}
