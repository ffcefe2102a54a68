namespace Bozhou.Hotline.Core.Submissions;

/// <summary>
/// A form's one-time submission key, stored in the same transaction as what the form changed, so that a repeat of
/// the same POST (a double click, the browser's resend, a retry after a time-out) stores nothing new and is answered
/// with where the first one led.
/// </summary>
public class FormSubmission
{
    /// <summary>The key the form carried: 32 lower-case hex digits (128 random bits), made when the form was shown.</summary>
    public string Key { get; set; } = "";

    /// <summary>Who posted it: the signed-in user's id, or null for a citizen who is not signed in.</summary>
    public string? UserId { get; set; }

    /// <summary>When the first POST with this key was stored (UTC).</summary>
    public DateTimeOffset SubmittedAt { get; set; }

    /// <summary>The local address the first POST redirected to; null while it runs, or when it showed a page instead.</summary>
    public string? ResultLocation { get; set; }

    /// <summary>How long a key is kept: past this age a repeat would be a new submission (2 days).</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(2);

    /// <summary>Whether <paramref name="key"/> has the form of a key the app makes: 32 lower-case hex digits.</summary>
    public static bool IsWellFormed(string? key) =>
        key is { Length: 32 } && key.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');
}
