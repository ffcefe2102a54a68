namespace Bozhou.Hotline.Core.Sms;

/// <summary>
/// An SMS waiting in the outbox, drained by the gateway service. A failed send stays here, visible,
/// and is retried; nothing is lost.
/// </summary>
public class SmsMessage
{
    /// <summary>The longest body the outbox keeps (characters, signature included); a longer rendering is cut to it.</summary>
    public const int BodyMaxLength = 500;

    public long Id { get; set; }

    public long? AppealId { get; set; }

    /// <summary>The cadre a text to the handling side concerns (a digest has no appeal); null for a text to the caller.</summary>
    public int? CadreId { get; set; }

    /// <summary>Which event the text tells of; the logging receipt alone is sent in quiet hours.</summary>
    public SmsPurpose Purpose { get; set; }

    /// <summary>The recipient's number as a keyed hash (<see cref="CallerDataProtector.HashPhone"/>), for the daily limit and the duplicate check.</summary>
    [NotDisplayText]
    public string? ToPhoneHash { get; set; }

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

    /// <summary>Not sent: the same text went to the same phone within <see cref="SmsOptions.DuplicateWindowMinutes"/>.</summary>
    Duplicate = 4,

    /// <summary>Not sent: the phone had its <see cref="SmsOptions.DailyLimitPerPhone"/> texts that China day.</summary>
    OverDailyLimit = 5,
}

/// <summary>The event an SMS tells of (stored as its number; 0 for texts queued before it was recorded).</summary>
public enum SmsPurpose
{
    Other = 0,

    /// <summary>A one-key reply a cadre or staff sent the caller.</summary>
    QuickReply = 1,

    /// <summary>The receipt when an appeal is logged: the one text sent in quiet hours too.</summary>
    Receipt = 2,

    CallerTransferred = 3,
    CallerFirstContact = 4,
    CallerReplied = 5,
    CallerReopened = 6,
    CallerClosedUnrated = 7,
    CadreMissedCall = 8,
    CadreTransferReceived = 9,
    CadreReopened = 10,
    CadreReminder = 11,
    CadreDigest = 12,

    /// <summary>An early warning to the supervision office's mobile.</summary>
    SupervisionAlert = 13,
}
