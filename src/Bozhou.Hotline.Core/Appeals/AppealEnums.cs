namespace Bozhou.Hotline.Core.Appeals;

public enum AppealStatus
{
    Logged = 1,
    Contacted = 2,
    Transferred = 3,
    Replied = 4,
    Reopened = 5,
    Closed = 6,
}

public enum CallerType
{
    Individual = 1,
    Enterprise = 2,
}

/// <summary>What happened when the citizen called or texted the cadre.</summary>
public enum CallOutcome
{
    Answered = 1,
    NotAnswered = 2,
    BusyOrOff = 3,
    SmsSent = 4,
    SmsReplyReceived = 5,
}

public enum ReplyKind
{
    /// <summary>The matter is resolved.</summary>
    Resolved = 1,

    /// <summary>It cannot be resolved, and the caller is told why ("make it clear to the people").</summary>
    Explained = 2,

    /// <summary>Passed to the 12345 hotline, with its ticket number.</summary>
    ReferredTo12345 = 3,
}

public enum AppealEventKind
{
    Logged = 1,
    CallAttempt = 2,
    Callback = 3,
    QuickSms = 4,
    Transfer = 5,
    TransferAccepted = 6,
    Reply = 7,
    Rating = 8,
    Reopened = 9,
    Reminder = 10,
    Interview = 11,
    Referral = 12,
    Closed = 13,
    Note = 14,

    /// <summary>
    /// The holiday calendar changed and moved open deadlines (staff-internal). Stored by name; appended after the
    /// others so that no existing value changes.
    /// </summary>
    DeadlinesRecounted = 15,

    /// <summary>The handler asked for a later reply deadline (延期申请), staff-internal.</summary>
    ExtensionRequested = 16,

    /// <summary>The office decided an extension: approved (shown to the citizen, with the new deadline) or refused (internal).</summary>
    ExtensionDecided = 17,

    /// <summary>Marked a duplicate of an earlier appeal and closed, pointing to it (shown to the citizen).</summary>
    MarkedDuplicate = 18,

    /// <summary>A later appeal was marked a duplicate of this one (staff-internal; the text names it).</summary>
    DuplicateLinked = 19,
}

/// <summary>Where an appeal's request for a later reply deadline (延期) stands.</summary>
public enum ExtensionStatus
{
    /// <summary>Asked for, waiting for the supervision office (which decides within 1 working day).</summary>
    Requested = 1,

    /// <summary>Approved: the reply deadline moved to the date asked for.</summary>
    Approved = 2,

    /// <summary>Refused: the reply deadline stays.</summary>
    Refused = 3,

    /// <summary>
    /// Asked for but left undecided past its decision deadline: the reply deadline stays. Never stored (the row keeps
    /// <see cref="Requested"/>); read through <c>Appeal.ExtensionStatusAt</c>.
    /// </summary>
    Lapsed = 4,
}

/// <summary>The deadlines of PRODUCT §5 that count working days, as an appeal stores them.</summary>
public enum AppealDeadline
{
    /// <summary>Call back a missed call or text: counted from the call.</summary>
    Callback = 1,

    /// <summary>First contact with the caller: counted from logging.</summary>
    FirstContact = 2,

    /// <summary>Accept a transfer (签收): counted from the transfer.</summary>
    TransferAccept = 3,

    /// <summary>Reply: counted from logging, or from the reopening (发回重办).</summary>
    Reply = 4,
}

public static class CallOutcomeExtensions
{
    /// <summary>Every outcome but an answered call leaves the caller waiting for a call back.</summary>
    public static bool AwaitsCallback(this CallOutcome outcome) => outcome != CallOutcome.Answered;
}
