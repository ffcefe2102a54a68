using System.Globalization;
using System.Text.RegularExpressions;
using Bozhou.Hotline.Core.Workspace;

namespace Bozhou.Hotline.Core.Sms;

/// <summary>Every text the system sends, each from its own template (<see cref="SmsTemplates"/>).</summary>
public enum SmsText
{
    InMeeting = 1,
    TextDetails = 2,
    PassedOn = 3,
    CallerLogged = 4,
    CallerTransferred = 5,
    CallerFirstContact = 6,
    CallerRepliedResolved = 7,
    CallerRepliedExplained = 8,
    CallerReferred12345 = 9,
    CallerReopened = 10,
    CallerClosedUnrated = 11,
    CadreMissedCall = 12,
    CadreTransferReceived = 13,
    CadreReopened = 14,
    CadreReminder = 15,
    CadreDigest = 16,

    /// <summary>An early warning (预警) raised for the supervision office, to the office's mobile.</summary>
    SupervisionAlert = 17,
}

/// <summary>
/// What a template's placeholders stand for in one text. <see cref="Name"/> is a person as the caller reads it (unit,
/// position and name, the unit once) or, for a confidential appeal, <see cref="SmsTexts.ConfidentialName"/>;
/// <see cref="Phone"/> an office phone; <see cref="Due"/> a deadline (UTC, shown in China time); <see cref="Warning"/> what an
/// early warning found, in a few Chinese words with its figures.
/// </summary>
public sealed record SmsValues(
    string? Code = null, string? Name = null, string? Phone = null, DateTimeOffset? Due = null, int? Today = null, int? Overdue = null,
    string? Warning = null)
{
    /// <summary>Each placeholder and its text; <c>{link}</c> points at the tracking page under <paramref name="publicBaseUrl"/>.</summary>
    public IEnumerable<(string Placeholder, string Value)> Pairs(string? publicBaseUrl)
    {
        yield return (SmsTexts.CodePlaceholder, Code is null ? "" : TrackingCode.Format(Code));
        yield return (SmsTexts.NamePlaceholder, Name ?? "");
        yield return (SmsTexts.PhonePlaceholder, Phone ?? "");
        yield return (SmsTexts.DuePlaceholder, Due is { } due ? SmsTexts.DueText(due) : "");
        yield return (SmsTexts.LinkPlaceholder, Code is not null && !string.IsNullOrWhiteSpace(publicBaseUrl) ? SmsTexts.Link(publicBaseUrl, Code) : "");
        yield return (SmsTexts.TodayPlaceholder, Today?.ToString(CultureInfo.InvariantCulture) ?? "");
        yield return (SmsTexts.OverduePlaceholder, Overdue?.ToString(CultureInfo.InvariantCulture) ?? "");
        yield return (SmsTexts.WarningPlaceholder, Warning ?? "");
    }
}

/// <summary>Why a template was refused (<see cref="SmsTexts.Check"/>).</summary>
public enum SmsTemplateProblem
{
    None,
    Empty,
    TooLong,

    /// <summary>A <c>{…}</c> this text does not know.</summary>
    UnknownPlaceholder,

    /// <summary>A placeholder this text must carry is missing.</summary>
    MissingPlaceholder,
}

/// <summary>A template's check: the problem, and the placeholder concerned (for an unknown or missing one).</summary>
public sealed record SmsTemplateCheck(SmsTemplateProblem Problem, string? Placeholder = null)
{
    public bool IsValid => Problem == SmsTemplateProblem.None;
}

/// <summary>
/// The rules of the texts: each one's built-in template, its placeholders (required and allowed), whom it goes to, and
/// how a text is counted in SMS segments (70 characters make one; a longer text is sent in parts of 67).
/// </summary>
public static partial class SmsTexts
{
    public const string DefaultSignature = "【亳州干部热线】";
    public const string CodePlaceholder = "{code}";
    public const string NamePlaceholder = "{name}";
    public const string PhonePlaceholder = "{phone}";
    public const string DuePlaceholder = "{due}";
    public const string LinkPlaceholder = "{link}";
    public const string TodayPlaceholder = "{today}";
    public const string OverduePlaceholder = "{overdue}";
    public const string WarningPlaceholder = "{warning}";

    /// <summary>Characters of a text sent as one SMS.</summary>
    public const int SingleSegment = 70;

    /// <summary>Characters of each part of a longer text (the rest carries the parts' joining header).</summary>
    public const int PartSegment = 67;

    /// <summary>Whom a confidential appeal's texts name instead of a person (PRODUCT §4: they name no one).</summary>
    public const string ConfidentialName = "承办单位";

    /// <summary>The phone a text gives when the person has no office phone: the city's 12345 hotline.</summary>
    public const string FallbackPhone = "12345";

    /// <summary>Every text, in the order the settings form lists them.</summary>
    public static readonly SmsText[] All = Enum.GetValues<SmsText>();

    private sealed record Rule(string Default, SmsPurpose Purpose, string[] Required, string[] Allowed);

    private static readonly Dictionary<SmsText, Rule> Rules = new()
    {
        [SmsText.InMeeting] = new("您好，{name}正在开会，会后给您回电。诉求编号{code}。", SmsPurpose.QuickReply, [CodePlaceholder], [NamePlaceholder, PhonePlaceholder, LinkPlaceholder]),
        [SmsText.TextDetails] = new("您好，{name}暂不便接听，请回复短信告知具体事项。诉求编号{code}。", SmsPurpose.QuickReply, [CodePlaceholder], [NamePlaceholder, PhonePlaceholder, LinkPlaceholder]),
        [SmsText.PassedOn] = new("您反映的事项（编号{code}）已转交{name}办理，将与您联系。", SmsPurpose.QuickReply, [NamePlaceholder], [CodePlaceholder, PhonePlaceholder, LinkPlaceholder]),
        [SmsText.CallerLogged] = new("您的诉求已登记，查询码{code}。凭查询码和来电号码后四位可查询办理进度。{link}", SmsPurpose.Receipt, [CodePlaceholder], [NamePlaceholder, DuePlaceholder, LinkPlaceholder]),
        [SmsText.CallerTransferred] = new("您的诉求{code}已转交{name}办理，联系电话{phone}。", SmsPurpose.CallerTransferred, [CodePlaceholder, NamePlaceholder], [PhonePlaceholder, LinkPlaceholder]),
        [SmsText.CallerFirstContact] = new("您的诉求{code}由{name}承办，办公电话{phone}，如有疑问可来电联系。", SmsPurpose.CallerFirstContact, [CodePlaceholder, NamePlaceholder, PhonePlaceholder], [LinkPlaceholder]),
        [SmsText.CallerRepliedResolved] = new("您的诉求{code}已办结答复，请查看答复内容，并于{due}前评价是否解决、是否满意。{link}", SmsPurpose.CallerReplied, [CodePlaceholder, DuePlaceholder], [NamePlaceholder, PhonePlaceholder, LinkPlaceholder]),
        [SmsText.CallerRepliedExplained] = new("您的诉求{code}已答复并说明情况，请查看答复内容，并于{due}前评价。{link}", SmsPurpose.CallerReplied, [CodePlaceholder, DuePlaceholder], [NamePlaceholder, PhonePlaceholder, LinkPlaceholder]),
        [SmsText.CallerReferred12345] = new("您的诉求{code}已转12345政务服务便民热线办理，工单号见答复内容，请于{due}前评价。{link}", SmsPurpose.CallerReplied, [CodePlaceholder, DuePlaceholder], [NamePlaceholder, PhonePlaceholder, LinkPlaceholder]),
        [SmsText.CallerReopened] = new("您的诉求{code}已发回重办，承办单位将于{due}前重新答复。{link}", SmsPurpose.CallerReopened, [CodePlaceholder], [NamePlaceholder, PhonePlaceholder, DuePlaceholder, LinkPlaceholder]),
        [SmsText.CallerClosedUnrated] = new("您的诉求{code}在评价期内未评价，已办结。如有新的问题，欢迎再次反映。", SmsPurpose.CallerClosedUnrated, [CodePlaceholder], [LinkPlaceholder]),
        [SmsText.CadreMissedCall] = new("群众来电未接通，诉求{code}请于{due}前回电。", SmsPurpose.CadreMissedCall, [CodePlaceholder, DuePlaceholder], []),
        [SmsText.CadreTransferReceived] = new("{name}转来诉求{code}，请于{due}前签收办理。", SmsPurpose.CadreTransferReceived, [CodePlaceholder, DuePlaceholder], [NamePlaceholder]),
        [SmsText.CadreReopened] = new("诉求{code}群众评价不满意，已发回重办，请于{due}前重新答复。", SmsPurpose.CadreReopened, [CodePlaceholder, DuePlaceholder], []),
        [SmsText.CadreReminder] = new("督查室催办：请抓紧办理诉求{code}，尽快联系来电人并答复。", SmsPurpose.CadreReminder, [CodePlaceholder], [DuePlaceholder]),
        [SmsText.CadreDigest] = new("今日到期诉求{today}件，已超期{overdue}件，请登录工作台及时办理。", SmsPurpose.CadreDigest, [TodayPlaceholder, OverduePlaceholder], []),
        [SmsText.SupervisionAlert] = new("督查室预警：{name}{warning}，请登录督查室预警队列查看。", SmsPurpose.SupervisionAlert, [NamePlaceholder, WarningPlaceholder], []),
    };

    /// <summary>The built-in template of <paramref name="text"/>.</summary>
    public static string Default(SmsText text) => Rules[text].Default;

    /// <summary>The event a text tells of, as the outbox records it.</summary>
    public static SmsPurpose Purpose(SmsText text) => Rules[text].Purpose;

    /// <summary>The placeholders <paramref name="text"/> must carry.</summary>
    public static IReadOnlyList<string> Required(SmsText text) => Rules[text].Required;

    /// <summary>Every placeholder <paramref name="text"/> may carry, the required ones first.</summary>
    public static IReadOnlyList<string> Allowed(SmsText text) => [.. Rules[text].Required, .. Rules[text].Allowed];

    /// <summary>The reply text for a kind of reply.</summary>
    public static SmsText Replied(ReplyKind kind) => kind switch
    {
        ReplyKind.Resolved => SmsText.CallerRepliedResolved,
        ReplyKind.Explained => SmsText.CallerRepliedExplained,
        _ => SmsText.CallerReferred12345,
    };

    /// <summary>
    /// Checks a template as an administrator typed it: not empty, at most <see cref="SmsTemplates.MaxLength"/>
    /// characters, every <c>{…}</c> one this text knows, and each required placeholder present.
    /// </summary>
    public static SmsTemplateCheck Check(SmsText text, string? template)
    {
        if (string.IsNullOrWhiteSpace(template))
        {
            return new(SmsTemplateProblem.Empty);
        }

        if (template.Trim().Length > SmsTemplates.MaxLength)
        {
            return new(SmsTemplateProblem.TooLong);
        }

        var allowed = Allowed(text);
        foreach (Match match in Braces().Matches(template))
        {
            if (!allowed.Contains(match.Value, StringComparer.Ordinal))
            {
                return new(SmsTemplateProblem.UnknownPlaceholder, match.Value);
            }
        }

        if (Braces().Replace(template, "").IndexOfAny(['{', '}']) >= 0)
        {
            return new(SmsTemplateProblem.UnknownPlaceholder, template.Contains('{', StringComparison.Ordinal) ? "{" : "}");
        }

        var missing = Required(text).FirstOrDefault(p => !template.Contains(p, StringComparison.Ordinal));
        return missing is null ? new(SmsTemplateProblem.None) : new(SmsTemplateProblem.MissingPlaceholder, missing);
    }

    /// <summary>SMS segments a text of <paramref name="length"/> characters takes: one up to 70, then one per 67.</summary>
    public static int Segments(int length) => length <= SingleSegment ? 1 : (length + PartSegment - 1) / PartSegment;

    /// <summary>
    /// A deadline as a text gives it, in China time: "3月4日24时" for one that passes at midnight (the end of that day),
    /// "3月4日16时30分" otherwise.
    /// </summary>
    public static string DueText(DateTimeOffset due)
    {
        var china = ChinaTime.ToChina(due);
        if (china.TimeOfDay == TimeSpan.Zero)
        {
            var day = china.AddDays(-1);
            return string.Create(CultureInfo.InvariantCulture, $"{day.Month}月{day.Day}日24时");
        }

        return china.Minute == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{china.Month}月{china.Day}日{china.Hour}时")
            : string.Create(CultureInfo.InvariantCulture, $"{china.Month}月{china.Day}日{china.Hour}时{china.Minute}分");
    }

    /// <summary>An office phone (E.164) as a text gives it, in national form ("0558 512 3456"); <see cref="FallbackPhone"/> when there is none.</summary>
    public static string PhoneText(string? officePhoneE164) =>
        string.IsNullOrWhiteSpace(officePhoneE164) ? FallbackPhone : Phones.ChinesePhone.Display(officePhoneE164);

    /// <summary>The short link to the tracking page of <paramref name="code"/> under the site's public address: <c>https://…/t/ABCDE12345</c>.</summary>
    public static string Link(string publicBaseUrl, string code)
    {
        ArgumentNullException.ThrowIfNull(publicBaseUrl);
        return publicBaseUrl.Trim().TrimEnd('/') + "/t/" + code;
    }

    /// <summary>
    /// The values the settings form fills a template with to show its length: the longest a code, a date and an office
    /// phone take, and a unit, position and name of usual length.
    /// </summary>
    public static SmsValues Sample { get; } = new("ABCDE2345K", "市数据资源局局长张伟", "0558-5123456", new DateTimeOffset(2026, 12, 30, 16, 0, 0, TimeSpan.Zero), 12, 3,
        "接通率明显下降（近2周50.0%，前8周83.3%）");

    /// <summary>
    /// A template stored before the named placeholders: "{0}" stood for whom the matter went to (passed on) or the
    /// tracking code (reminder).
    /// </summary>
    internal static string Upgrade(SmsText text, string stored) => text switch
    {
        SmsText.PassedOn => stored.Replace("{0}", NamePlaceholder, StringComparison.Ordinal),
        SmsText.CadreReminder => stored.Replace("{0}", CodePlaceholder, StringComparison.Ordinal),
        _ => stored,
    };

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex Braces();
}
