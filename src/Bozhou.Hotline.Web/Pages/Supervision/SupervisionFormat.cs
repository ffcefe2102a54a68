using System.Security.Claims;

namespace Bozhou.Hotline.Web.Pages.Supervision;

/// <summary>What the supervision pages share: the acting user, China-time and rate formatting.</summary>
public static class SupervisionFormat
{
    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static Actor ToActor(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new Actor(user.FindFirstValue(ClaimTypes.NameIdentifier), user.Identity?.Name ?? user.FindFirstValue(ClaimTypes.Name) ?? "?");
    }

    /// <summary>An instant as China wall-clock time, e.g. 2026-03-02 10:00.</summary>
    public static string China(DateTimeOffset instant) =>
        ChinaTime.ToChina(instant).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"数据截至 2026-03-31 24:00": a day's end is written as 24:00 of that day, as the bulletins do.</summary>
    public static string DataDate(DateTimeOffset asOf)
    {
        var china = ChinaTime.ToChina(asOf);
        return china.TimeOfDay == TimeSpan.Zero
            ? china.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " 24:00"
            : china.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }

    public static string Percent(double value) => (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>"70.0%" and its interval "39.7%–89.2%", or null with too few cases.</summary>
    public static (string Rate, string Interval)? Rate(RateEstimate estimate)
    {
        if (estimate.Rate is not { } rate || estimate.Interval is not { } interval)
        {
            return null;
        }

        return (Percent(rate), $"{Percent(interval.Lower)}–{Percent(interval.Upper)}");
    }

    public static string Name(string zh, string en) => IsEnglish && !string.IsNullOrEmpty(en) ? en : zh;

    /// <summary>A p-value: four decimals, or in scientific notation below 0.001 ("1.017E-4").</summary>
    public static string PValue(double p) =>
        p < 0.001 ? p.ToString("0.###E+0", CultureInfo.InvariantCulture) : p.ToString("0.0000", CultureInfo.InvariantCulture);

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
