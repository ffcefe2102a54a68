namespace Bozhou.Hotline.Core.Sms;

/// <summary>The SMS gateway and the outbox's retry rules, from the "Sms" section.</summary>
public sealed class SmsOptions
{
    public const string Section = "Sms";
    public const string LogGateway = "Log";
    public const string HttpGateway = "Http";

    /// <summary><c>Log</c> (the default: messages are written to the log) or <c>Http</c> (POSTed as JSON to <see cref="Url"/>).</summary>
    public string Gateway { get; set; } = LogGateway;

    /// <summary>The HTTP gateway's endpoint: an absolute http(s) URL.</summary>
    public string? Url { get; set; }

    /// <summary>Sent as the <c>X-Api-Key</c> header when set.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Attempts before a message is marked failed (and kept, visible, in the outbox).</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The wait before the first retry; it doubles with each failure up to <see cref="MaxRetryDelaySeconds"/>.</summary>
    public int RetryDelaySeconds { get; set; } = 30;

    public int MaxRetryDelaySeconds { get; set; } = 3600;

    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>How long after start-up the first drain waits, so that a starting server answers its first pages first.</summary>
    public int StartDelaySeconds { get; set; } = 5;

    /// <summary>How often the background service looks for messages due.</summary>
    public int PollSeconds { get; set; } = 5;

    /// <summary>Texts one phone receives at most per China day (the rest are kept, marked, not sent).</summary>
    public int DailyLimitPerPhone { get; set; } = 10;

    /// <summary>An identical text to the same phone within this many minutes is sent once.</summary>
    public int DuplicateWindowMinutes { get; set; } = 10;

    /// <summary>China hour from which texts wait (22 = 22:00); only the logging receipt goes in quiet hours.</summary>
    public int QuietFromHour { get; set; } = 22;

    /// <summary>China hour at which waiting texts go (7 = 07:00).</summary>
    public int QuietUntilHour { get; set; } = 7;

    /// <summary>When, on each working day (China time), the digest of what falls due goes to each person (08:30).</summary>
    public TimeOnly DigestAt { get; set; } = new(8, 30);

    /// <summary>Whether this instance runs the working-day digest in the background (on by default; a pass can still be run by hand).</summary>
    public bool DigestEnabled { get; set; } = true;

    public bool IsHttp => string.Equals(Gateway, HttpGateway, StringComparison.OrdinalIgnoreCase);

    public static bool IsHttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
