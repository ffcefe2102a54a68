namespace Bozhou.Hotline.Core.Appeals;

/// <summary>Whose hand an action on an appeal is, which decides what the actor may reach (<see cref="AppealActionRunner"/>).</summary>
public enum ActorKind
{
    /// <summary>A signed-in user in their own name: the supervision office (督查室) or an administrator; reaches every appeal.</summary>
    Office,

    /// <summary>A signed-in user acting for cadres (their own post, or posts delegated to them); reaches what <see cref="AppealAccess"/> allows.</summary>
    Workspace,

    /// <summary>The citizen or enterprise who called, proven by the tracking check; reaches that one appeal.</summary>
    Caller,

    /// <summary>The product's own clocks and sweeps; reaches every appeal.</summary>
    System,
}

/// <summary>
/// Who acts on an appeal: the name the timeline records, the user id kept beside it (null for the caller and the
/// system), and what the actor may act on (the cadres of a workspace user, the tracking code a caller proved).
/// </summary>
/// <param name="UserId">The signed-in user's id; null for the caller and the system.</param>
/// <param name="Name">The name on a timeline entry or record ("督查室", "张秘书", <see cref="AppealActors.Caller"/>).</param>
public sealed record Actor(string? UserId, string Name)
{
    /// <summary>The product's own sweeps (<see cref="AppealActors.System"/>).</summary>
    public static readonly Actor System = new(null, AppealActors.System) { Kind = ActorKind.System };

    /// <summary>Which kind of actor this is; <see cref="ActorKind.Office"/> for a user built from a user id and name.</summary>
    public ActorKind Kind { get; private init; } = ActorKind.Office;

    /// <summary>The cadres a <see cref="ActorKind.Workspace"/> actor acts for; null for the others.</summary>
    public WorkspaceActor? Workspace { get; private init; }

    /// <summary>The tracking code a <see cref="ActorKind.Caller"/> proved (code and last four digits); null for the others.</summary>
    public string? TrackingCode { get; private init; }

    /// <summary>A signed-in user acting for the cadres <paramref name="user"/> holds or was delegated.</summary>
    public static Actor ForCadres(WorkspaceActor user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new Actor(user.UserId, user.DisplayName) { Kind = ActorKind.Workspace, Workspace = user };
    }

    /// <summary>The caller of the appeal whose tracking code (normalised) this browser proved.</summary>
    public static Actor Caller(string trackingCode)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(trackingCode);
        return new Actor(null, AppealActors.Caller) { Kind = ActorKind.Caller, TrackingCode = trackingCode };
    }

    /// <summary>
    /// Who this actor's entry on <paramref name="appeal"/>'s timeline records: staff with the handling cadre they act for,
    /// a cadre, the supervision office or administrator by name, the caller, or the system.
    /// </summary>
    public EventActor OnTimelineOf(Appeal appeal)
    {
        ArgumentNullException.ThrowIfNull(appeal);
        return Kind switch
        {
            ActorKind.Workspace => Workspace!.TimelineActorFor(appeal.HandlerCadreId),
            ActorKind.Caller => EventActor.Caller,
            ActorKind.System => EventActor.System,
            _ => EventActor.Office(Name),
        };
    }

    /// <summary>Who this actor's entry records where no appeal decides for whom staff act: <see cref="OnTimelineOf"/> without the cadre.</summary>
    public EventActor OnTimeline => Kind switch
    {
        ActorKind.Workspace => Workspace!.IsStaff ? EventActor.Staff(Name, null) : EventActor.Cadre(Name),
        ActorKind.Caller => EventActor.Caller,
        ActorKind.System => EventActor.System,
        _ => EventActor.Office(Name),
    };

    /// <summary>
    /// Whether an action by this actor concerns the appeal as it is rather than as a form showed it: the office's and
    /// the system's steps carry no version, so a concurrent change is met by reading the appeal again, not refused.
    /// </summary>
    public bool ActsOnAppealAsItIs => Kind is ActorKind.Office or ActorKind.System;
}
