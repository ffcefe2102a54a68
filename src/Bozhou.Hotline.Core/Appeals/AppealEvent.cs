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

    /// <summary>Which kind of actor made the entry; pages word it in the reader's language (<see cref="By"/>).</summary>
    public EventActorKind ActorKind { get; set; }

    /// <summary>The acting person's display name; empty for the caller and the system.</summary>
    [SingleLine]
    public string Actor { get; set; } = "";

    /// <summary>For staff, the name of the cadre they acted for; null otherwise.</summary>
    [SingleLine]
    public string? ActorFor { get; set; }

    /// <summary>The actor as one value: kind, name and the cadre acted for.</summary>
    public EventActor By => new(ActorKind, Actor, ActorFor);

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
