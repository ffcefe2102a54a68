namespace Bozhou.Hotline.Web.Http;

/// <summary>Small helpers the workspace and account pages share.</summary>
public static class WorkspaceDisplay
{
    /// <summary>An instant in China time, as the workspace shows it: "2026-03-02 10:00".</summary>
    public static string China(DateTimeOffset instant) => ChinaTime.ToChina(instant).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string? China(DateTimeOffset? instant) => instant is { } i ? China(i) : null;

    /// <summary>
    /// A holiday occasion as the calendar stores it, bilingual ("Spring Festival 春节"), in the reader's language: the
    /// part before the first Chinese character in English, the rest in Chinese; an occasion in one language only is shown
    /// as it is, marked <c>lang="zh-CN"</c> when it is Chinese.
    /// </summary>
    public static Microsoft.AspNetCore.Html.IHtmlContent Occasion(string? occasion)
    {
        var text = occasion ?? "";
        var cjk = text.AsSpan().IndexOfAnyInRange('\u3400', '\u9fff');
        var english = cjk > 0 ? text[..cjk].Trim() : "";
        var shown = english.Length > 0 ? (IsEnglish ? english : text[cjk..].Trim()) : text;
        var encoded = System.Text.Encodings.Web.HtmlEncoder.Default.Encode(shown);
        return new Microsoft.AspNetCore.Html.HtmlString(cjk >= 0 && !(IsEnglish && english.Length > 0) ? $"<span lang=\"zh-CN\">{encoded}</span>" : encoded);
    }

    /// <summary>Whether the request reads English.</summary>
    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>A cadre as the workspace names one, in the reader's language: "李明（副市长）" / "Li Ming (Deputy Mayor)".</summary>
    public static string Cadre(CadreOption cadre)
    {
        ArgumentNullException.ThrowIfNull(cadre);
        return IsEnglish ? $"{cadre.NameIn(true)} ({cadre.PositionIn(true)})" : $"{cadre.Name}（{cadre.Position}）";
    }

    /// <summary>A cadre's name and position in the reader's language, from the stored forms.</summary>
    public static string Cadre(string name, string namePinyin, string position, string positionEn) =>
        Cadre(new CadreOption(0, name, position, "", "", null, namePinyin, positionEn));

    /// <summary>
    /// A deadline as people say it: a limit that passes at midnight is the end of the day before,
    /// "2026-03-03 24:00", not the first minute of the next.
    /// </summary>
    public static string Deadline(DateTimeOffset instant)
    {
        var china = ChinaTime.ToChina(instant);
        return china.TimeOfDay == TimeSpan.Zero
            ? china.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " 24:00"
            : China(instant);
    }

    public static string Deadline(DateTimeOffset? instant) => instant is { } i ? Deadline(i) : "";

    /// <summary>A count badge: coloured when there is something to see, quiet at zero.</summary>
    public static string CountClass(InboxBadge badge, int count) => count == 0 ? "text-bg-light" : BadgeClass(badge);

    public static string BadgeClass(InboxBadge badge) => badge switch
    {
        InboxBadge.Overdue => "text-bg-danger",
        InboxBadge.MissedCall => "text-bg-warning",
        InboxBadge.TransferIn => "text-bg-info",
        InboxBadge.Reopened => "text-bg-dark",
        _ => "text-bg-secondary",
    };
}
