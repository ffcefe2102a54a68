namespace Bozhou.Hotline.Core.Workspace;

/// <summary>The one-key SMS replies a cadre or staff sends the caller (一键短信回复).</summary>
public enum QuickSmsTemplate
{
    /// <summary>在开会，会后回电.</summary>
    InMeeting = 1,

    /// <summary>请短信告知具体事项.</summary>
    TextDetails = 2,

    /// <summary>您反映的事项已转交{0}办理，将与您联系.</summary>
    PassedOn = 3,
}

public static class QuickSmsTemplates
{
    public static readonly QuickSmsTemplate[] All = [QuickSmsTemplate.InMeeting, QuickSmsTemplate.TextDetails, QuickSmsTemplate.PassedOn];
}

/// <summary>
/// The texts of every SMS the system sends, in Chinese whatever the sender's screen language: the three quick
/// replies to the caller and the supervision office's reminder (催办) to the handling cadre. The defaults are
/// the built-in texts; an administrator may change them (<see cref="Settings.SavedSettings"/>).
/// </summary>
public sealed class SmsTemplates
{
    /// <summary>Stands for whom the matter went to (passed on) or the appeal's tracking code (reminder).</summary>
    public const string Placeholder = "{0}";

    /// <summary>One SMS segment holds 70 Chinese characters; a longer text is split and may arrive out of order.</summary>
    public const int MaxLength = 70;

    /// <summary>Characters a template leaves for whom the matter went to: a unit, a position and a name.</summary>
    public const int PassedToAllowance = 20;

    [SingleLine]
    public string InMeeting { get; set; } = "在开会，会后回电";

    [SingleLine]
    public string TextDetails { get; set; } = "请短信告知具体事项";

    [SingleLine]
    public string PassedOn { get; set; } = "您反映的事项已转交{0}办理，将与您联系";

    /// <summary>
    /// The reminder (催办) to the handling cadre. A reminder may be sent before any deadline has passed, so the
    /// default text says nothing of one.
    /// </summary>
    [SingleLine]
    public string Reminder { get; set; } = "【亳州干部热线】督查室催办：请抓紧办理诉求{0}，尽快联系来电人并答复。";

    /// <summary>
    /// The quick reply as the caller receives it. <paramref name="passedTo"/> names whom the matter went to
    /// (for <see cref="QuickSmsTemplate.PassedOn"/>).
    /// </summary>
    public string Body(QuickSmsTemplate template, string? passedTo = null) => template switch
    {
        QuickSmsTemplate.InMeeting => InMeeting,
        QuickSmsTemplate.TextDetails => TextDetails,
        QuickSmsTemplate.PassedOn when !string.IsNullOrWhiteSpace(passedTo) => PassedOn.Replace(Placeholder, passedTo, StringComparison.Ordinal),
        QuickSmsTemplate.PassedOn => throw new ArgumentException("The 'passed on' message names whom the matter went to.", nameof(passedTo)),
        _ => throw new ArgumentOutOfRangeException(nameof(template), template, null),
    };

    /// <summary>The reminder (催办) to the handling cadre about the appeal with <paramref name="trackingCode"/>.</summary>
    public string ReminderBody(string trackingCode) => Reminder.Replace(Placeholder, trackingCode, StringComparison.Ordinal);
}
