namespace Bozhou.Hotline.Core.Appeals;

/// <summary>
/// One entry of an appeal's timeline: appended, never edited. Internal entries (staff notes) are never
/// shown to the citizen.
/// </summary>
public class AppealEvent
{
    public long Id { get; set; }

    public long AppealId { get; set; }

    public DateTimeOffset At { get; set; }

    public AppealEventKind Kind { get; set; }

    /// <summary>Who acted: a user's display name, "来电人" for the citizen, "系统" for the clocks.</summary>
    [SingleLine]
    public string Actor { get; set; } = "";

    [NotDisplayText]
    public string? ActorUserId { get; set; }

    /// <summary>The text the timeline shows: a reply, a reason, a note.</summary>
    public string? Text { get; set; }

    /// <summary>Staff-internal: hidden from the citizen's tracking page.</summary>
    public bool IsInternal { get; set; }

    /// <summary>The outcome of a call, callback or reply, as its enum name.</summary>
    [SingleLine]
    public string? Outcome { get; set; }

    public int? FromCadreId { get; set; }

    public int? ToCadreId { get; set; }

    /// <summary>The 12345 ticket number of a referral.</summary>
    [SingleLine]
    public string? TicketNumber { get; set; }

    public int? Score { get; set; }
}
