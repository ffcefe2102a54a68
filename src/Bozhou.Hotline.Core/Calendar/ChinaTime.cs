namespace Bozhou.Hotline.Core.Calendar;

/// <summary>
/// China Standard Time (Asia/Shanghai). Times are stored in UTC and shown in China time.
/// China has kept UTC+8 without daylight saving since 1991, so the fixed offset is exact for every
/// date this product handles; the tz database is used when the machine has it.
/// </summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static readonly TimeZoneInfo Zone = FindZone();

    public static DateTimeOffset ToChina(DateTimeOffset instant) => instant.ToOffset(Offset);

    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToChina(instant).DateTime);

    /// <summary>The instant at which the given China date begins (00:00 China time), in UTC.</summary>
    public static DateTimeOffset StartOf(DateOnly date) =>
        new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), Offset).ToUniversalTime();

    /// <summary>The instant of a China wall-clock date and time, in UTC.</summary>
    public static DateTimeOffset At(DateOnly date, TimeOnly time) =>
        new DateTimeOffset(date.ToDateTime(time), Offset).ToUniversalTime();

    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("China Standard Time", Offset, "China Standard Time", "China Standard Time");
        }
    }
}
