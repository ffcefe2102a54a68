using Bozhou.Hotline.Core.Sms;

namespace Bozhou.Hotline.Core.Workspace;

/// <summary>The one-key SMS replies a cadre or staff sends the caller (一键短信回复).</summary>
public enum QuickSmsTemplate
{
    /// <summary>在开会，会后回电.</summary>
    InMeeting = 1,

    /// <summary>请短信告知具体事项.</summary>
    TextDetails = 2,

    /// <summary>您反映的事项已转交{name}办理，将与您联系.</summary>
    PassedOn = 3,
}

public static class QuickSmsTemplates
{
    public static readonly QuickSmsTemplate[] All = [QuickSmsTemplate.InMeeting, QuickSmsTemplate.TextDetails, QuickSmsTemplate.PassedOn];

    /// <summary>The template text a quick reply is written from.</summary>
    public static SmsText Text(this QuickSmsTemplate template) => template switch
    {
        QuickSmsTemplate.InMeeting => SmsText.InMeeting,
        QuickSmsTemplate.TextDetails => SmsText.TextDetails,
        QuickSmsTemplate.PassedOn => SmsText.PassedOn,
        _ => throw new ArgumentOutOfRangeException(nameof(template), template, null),
    };
}

/// <summary>
/// The signature, the public address for <c>{link}</c> and the template of every SMS the system sends, in Chinese
/// whatever the sender's screen language (<see cref="SmsText"/> lists them, <see cref="SmsTexts"/> holds their rules and
/// built-in texts). An administrator may change them (<see cref="Settings.SavedSettings"/>); a template left empty (a
/// row saved before the template existed) is the built-in text.
/// </summary>
public sealed partial class SmsTemplates
{
    /// <summary>The longest signature: carriers register signatures of 2 to 12 characters inside 【】.</summary>
    public const int SignatureMaxLength = 16;

    /// <summary>The longest template (three SMS segments' worth).</summary>
    public const int MaxLength = 200;

    public const int PublicBaseUrlMaxLength = 200;

    /// <summary>Put before every text (carriers in China refuse unsigned texts).</summary>
    [SingleLine]
    public string Signature { get; set; } = SmsTexts.DefaultSignature;

    /// <summary>The site's public address (absolute http(s) URL) that <c>{link}</c> points into; null leaves <c>{link}</c> empty.</summary>
    [SingleLine]
    public string? PublicBaseUrl { get; set; }

    [SingleLine] public string InMeeting { get; set; } = SmsTexts.Default(SmsText.InMeeting);
    [SingleLine] public string TextDetails { get; set; } = SmsTexts.Default(SmsText.TextDetails);
    [SingleLine] public string PassedOn { get; set; } = SmsTexts.Default(SmsText.PassedOn);
    [SingleLine] public string Reminder { get; set; } = SmsTexts.Default(SmsText.CadreReminder);
    [SingleLine] public string CallerLogged { get; set; } = SmsTexts.Default(SmsText.CallerLogged);
    [SingleLine] public string CallerTransferred { get; set; } = SmsTexts.Default(SmsText.CallerTransferred);
    [SingleLine] public string CallerFirstContact { get; set; } = SmsTexts.Default(SmsText.CallerFirstContact);
    [SingleLine] public string CallerRepliedResolved { get; set; } = SmsTexts.Default(SmsText.CallerRepliedResolved);
    [SingleLine] public string CallerRepliedExplained { get; set; } = SmsTexts.Default(SmsText.CallerRepliedExplained);
    [SingleLine] public string CallerReferred12345 { get; set; } = SmsTexts.Default(SmsText.CallerReferred12345);
    [SingleLine] public string CallerReopened { get; set; } = SmsTexts.Default(SmsText.CallerReopened);
    [SingleLine] public string CallerClosedUnrated { get; set; } = SmsTexts.Default(SmsText.CallerClosedUnrated);
    [SingleLine] public string CadreMissedCall { get; set; } = SmsTexts.Default(SmsText.CadreMissedCall);
    [SingleLine] public string CadreTransferReceived { get; set; } = SmsTexts.Default(SmsText.CadreTransferReceived);
    [SingleLine] public string CadreReopened { get; set; } = SmsTexts.Default(SmsText.CadreReopened);
    [SingleLine] public string CadreDigest { get; set; } = SmsTexts.Default(SmsText.CadreDigest);
    [SingleLine] public string SupervisionAlert { get; set; } = SmsTexts.Default(SmsText.SupervisionAlert);

    /// <summary>The stored template of <paramref name="text"/>, or the built-in one when none is stored.</summary>
    public string Template(SmsText text)
    {
        var stored = text switch
        {
            SmsText.InMeeting => InMeeting,
            SmsText.TextDetails => TextDetails,
            SmsText.PassedOn => PassedOn,
            SmsText.CadreReminder => Reminder,
            SmsText.CallerLogged => CallerLogged,
            SmsText.CallerTransferred => CallerTransferred,
            SmsText.CallerFirstContact => CallerFirstContact,
            SmsText.CallerRepliedResolved => CallerRepliedResolved,
            SmsText.CallerRepliedExplained => CallerRepliedExplained,
            SmsText.CallerReferred12345 => CallerReferred12345,
            SmsText.CallerReopened => CallerReopened,
            SmsText.CallerClosedUnrated => CallerClosedUnrated,
            SmsText.CadreMissedCall => CadreMissedCall,
            SmsText.CadreTransferReceived => CadreTransferReceived,
            SmsText.CadreReopened => CadreReopened,
            SmsText.CadreDigest => CadreDigest,
            SmsText.SupervisionAlert => SupervisionAlert,
            _ => throw new ArgumentOutOfRangeException(nameof(text), text, null),
        };
        return string.IsNullOrWhiteSpace(stored) ? SmsTexts.Default(text) : SmsTexts.Upgrade(text, stored);
    }

    /// <summary>The property that stores the template of <paramref name="text"/> (its column is <c>Sms_</c> and this name).</summary>
    public static string PropertyOf(SmsText text) => text switch
    {
        SmsText.InMeeting => nameof(InMeeting),
        SmsText.TextDetails => nameof(TextDetails),
        SmsText.PassedOn => nameof(PassedOn),
        SmsText.CadreReminder => nameof(Reminder),
        _ => text.ToString(),
    };

    /// <summary>Sets the template of <paramref name="text"/>.</summary>
    public void SetTemplate(SmsText text, string value)
    {
        switch (text)
        {
            case SmsText.InMeeting: InMeeting = value; break;
            case SmsText.TextDetails: TextDetails = value; break;
            case SmsText.PassedOn: PassedOn = value; break;
            case SmsText.CadreReminder: Reminder = value; break;
            case SmsText.CallerLogged: CallerLogged = value; break;
            case SmsText.CallerTransferred: CallerTransferred = value; break;
            case SmsText.CallerFirstContact: CallerFirstContact = value; break;
            case SmsText.CallerRepliedResolved: CallerRepliedResolved = value; break;
            case SmsText.CallerRepliedExplained: CallerRepliedExplained = value; break;
            case SmsText.CallerReferred12345: CallerReferred12345 = value; break;
            case SmsText.CallerReopened: CallerReopened = value; break;
            case SmsText.CallerClosedUnrated: CallerClosedUnrated = value; break;
            case SmsText.CadreMissedCall: CadreMissedCall = value; break;
            case SmsText.CadreTransferReceived: CadreTransferReceived = value; break;
            case SmsText.CadreReopened: CadreReopened = value; break;
            case SmsText.CadreDigest: CadreDigest = value; break;
            case SmsText.SupervisionAlert: SupervisionAlert = value; break;
            default: throw new ArgumentOutOfRangeException(nameof(text), text, null);
        }
    }

    /// <summary>
    /// Whether <paramref name="url"/> may be the public address <c>{link}</c> points into: an absolute http or https URL
    /// of at most <see cref="PublicBaseUrlMaxLength"/> characters with no user part ("https://rx.bozhou.gov.cn@other.site"
    /// leads to another site), no query and no fragment (the code appended after them would not reach the tracking page).
    /// </summary>
    public static bool IsPublicBaseUrl(string? url)
    {
        var trimmed = url?.Trim();
        return trimmed is { Length: > 0 and <= PublicBaseUrlMaxLength }
            && SmsOptions.IsHttpUrl(trimmed)
            && Uri.TryCreate(trimmed, UriKind.Absolute, out var uri)
            && uri.UserInfo.Length == 0 && uri.Query.Length == 0 && uri.Fragment.Length == 0
            && !trimmed.Contains('?', StringComparison.Ordinal) && !trimmed.Contains('#', StringComparison.Ordinal)
            && !trimmed.Contains('@', StringComparison.Ordinal);
    }

    /// <summary>The signature in force: the stored one, or the built-in 【亳州干部热线】 when none is stored.</summary>
    public string SignatureOrDefault => string.IsNullOrWhiteSpace(Signature) ? SmsTexts.DefaultSignature : Signature.Trim();

    /// <summary>
    /// The whole text as the phone receives it: the signature, then the template with its placeholders filled from
    /// <paramref name="values"/> (a placeholder with no value becomes empty). The template is filled in one pass: a
    /// value that itself reads like a placeholder (a unit named "{phone}") is sent as written. A text that fills in
    /// longer than <see cref="SmsMessage.BodyMaxLength"/> characters (a template repeating <c>{link}</c> under a long
    /// address) is cut to that length, so that the outbox can keep it and the step it tells of stands.
    /// </summary>
    public string Render(SmsText text, SmsValues values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var signature = SignatureOrDefault;
        var filled = values.Pairs(PublicBaseUrl).ToDictionary(p => p.Placeholder, p => p.Value, StringComparer.Ordinal);
        var body = Placeholders().Replace(Template(text), m => filled.TryGetValue(m.Value, out var value) ? value : m.Value);

        // A template saved when the signature was part of the text keeps it once.
        var whole = body.StartsWith(signature, StringComparison.Ordinal) ? body : signature + body;
        if (whole.Length <= SmsMessage.BodyMaxLength)
        {
            return whole;
        }

        // Never half a surrogate pair: the database would refuse the text.
        var cut = char.IsHighSurrogate(whole[SmsMessage.BodyMaxLength - 1]) ? SmsMessage.BodyMaxLength - 1 : SmsMessage.BodyMaxLength;
        return whole[..cut];
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\{[a-z]+\}")]
    private static partial System.Text.RegularExpressions.Regex Placeholders();
}
