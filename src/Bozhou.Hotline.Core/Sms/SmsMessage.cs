namespace Bozhou.Hotline.Core.Sms;

/// <summary>
/// An SMS waiting in the outbox, drained by the gateway service. A failed send stays here, visible,
/// and is retried; nothing is lost.
/// </summary>
public class SmsMessage
{
    public long Id { get; set; }

    public long? AppealId { get; set; }

    /// <summary>The recipient's number, protected at rest like the caller's phone.</summary>
    [NotDisplayText]
    public string ToPhoneCipher { get; set; } = "";

    /// <summary>The recipient masked, for listing the outbox.</summary>
    [SingleLine]
    public string ToPhoneMasked { get; set; } = "";

    public string Body { get; set; } = "";

    public SmsStatus Status { get; set; } = SmsStatus.Pending;

    public int Attempts { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>When its last attempt failed and it was given up (status failed); null otherwise (and for a message given up before this was recorded).</summary>
    public DateTimeOffset? FailedAt { get; set; }

    public string? LastError { get; set; }

    /// <summary>The gateway's id for the message, once accepted.</summary>
    [NotDisplayText]
    public string? GatewayMessageId { get; set; }
}

public enum SmsStatus
{
    Pending = 1,
    Sent = 2,

    /// <summary>Gave up after the configured attempts; stays visible for staff to act on.</summary>
    Failed = 3,
}
