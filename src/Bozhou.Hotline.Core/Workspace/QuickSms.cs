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

    /// <summary>
    /// The message as the caller receives it, in Chinese whatever the sender's screen language.
    /// <paramref name="passedTo"/> names whom the matter went to (for <see cref="QuickSmsTemplate.PassedOn"/>).
    /// </summary>
    public static string Body(QuickSmsTemplate template, string? passedTo = null) => template switch
    {
        QuickSmsTemplate.InMeeting => "在开会，会后回电",
        QuickSmsTemplate.TextDetails => "请短信告知具体事项",
        QuickSmsTemplate.PassedOn when !string.IsNullOrWhiteSpace(passedTo) => $"您反映的事项已转交{passedTo}办理，将与您联系",
        QuickSmsTemplate.PassedOn => throw new ArgumentException("The 'passed on' message names whom the matter went to.", nameof(passedTo)),
        _ => throw new ArgumentOutOfRangeException(nameof(template), template, null),
    };
}
