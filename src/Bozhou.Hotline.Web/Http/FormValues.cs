namespace Bozhou.Hotline.Web.Http;

/// <summary>
/// Reads the text a form posts into the values the rules take. Everything arrives as text, so that a
/// bad value becomes a message beside its field rather than a model-binding error.
/// </summary>
public static class FormValues
{
    /// <summary>The format of a datetime-local input, to the minute.</summary>
    public const string LocalDateTimeFormat = "yyyy-MM-ddTHH:mm";

    private static readonly string[] LocalDateTimeFormats = [LocalDateTimeFormat, "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFF"];

    /// <summary>A positive id in plain ASCII digits.</summary>
    public static bool TryId(string? text, out int id) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;

    /// <summary>An enum value by its exact name; numbers and unknown names are refused.</summary>
    public static bool TryEnum<TEnum>(string? text, out TEnum value)
        where TEnum : struct, Enum
    {
        value = default;
        return text is not null && Enum.GetNames<TEnum>().Contains(text, StringComparer.Ordinal) && Enum.TryParse(text, out value);
    }

    /// <summary>A datetime-local value, read as China wall-clock time, returned in UTC.</summary>
    public static bool TryChinaLocalTime(string? text, out DateTimeOffset utc)
    {
        utc = default;
        if (text is null || !DateTime.TryParseExact(text, LocalDateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return false;
        }

        // Years far from now are typing slips; they also keep the conversion to UTC within range.
        if (local.Year is < 2000 or > 2999)
        {
            return false;
        }

        utc = ChinaTime.At(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local));
        return true;
    }

    /// <summary>An instant as a datetime-local input shows it, in China time.</summary>
    public static string ToChinaLocalInput(DateTimeOffset instant) =>
        ChinaTime.ToChina(instant).ToString(LocalDateTimeFormat, CultureInfo.InvariantCulture);

    /// <summary>Trims, turns CR LF into LF (as the browser counts maxlength), and makes blank null.</summary>
    public static string? Clean(string? text)
    {
        var trimmed = text?.ReplaceLineEndings("\n").Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }
}
