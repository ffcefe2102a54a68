namespace Bozhou.Hotline.Core.Sms;

/// <summary>
/// The gateway limits, read from <see cref="SmsOptions"/>: quiet hours in China time (22:00–07:00 by default), in which
/// only the logging receipt goes; the texts one phone receives per China day; the window in which an identical text to
/// the same phone is sent once.
/// </summary>
public sealed class SmsLimits(SmsOptions options)
{
    public int DailyLimit => options.DailyLimitPerPhone;

    public TimeSpan DuplicateWindow => TimeSpan.FromMinutes(options.DuplicateWindowMinutes);

    /// <summary>
    /// When a text of <paramref name="purpose"/> due at <paramref name="now"/> may go instead, if quiet hours hold it back:
    /// the end of quiet hours (UTC instant of the China hour <see cref="SmsOptions.QuietUntilHour"/>); null when it may go now
    /// (outside quiet hours, or a logging receipt).
    /// </summary>
    public DateTimeOffset? HeldUntil(SmsPurpose purpose, DateTimeOffset now)
    {
        if (purpose == SmsPurpose.Receipt || options.QuietFromHour == options.QuietUntilHour)
        {
            return null;
        }

        var china = ChinaTime.ToChina(now);
        var hour = china.Hour;
        var (from, until) = (options.QuietFromHour, options.QuietUntilHour);
        var quiet = from > until ? hour >= from || hour < until : hour >= from && hour < until;
        if (!quiet)
        {
            return null;
        }

        var day = DateOnly.FromDateTime(china.DateTime);
        var releaseDay = hour >= until && from > until ? day.AddDays(1) : day;
        return ChinaTime.At(releaseDay, new TimeOnly(until, 0));
    }

    /// <summary>The start (UTC) of <paramref name="now"/>'s China day, from which the daily limit counts.</summary>
    public DateTimeOffset StartOfDay(DateTimeOffset now) => ChinaTime.StartOf(ChinaTime.DateOf(now));
}
