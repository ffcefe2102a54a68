namespace Bozhou.Hotline.Core.Workspace;

/// <summary>
/// Who may see and act on an appeal (PRODUCT §7): a cadre acts on the appeals it handles, including those
/// transferred to it; staff act for the cadres explicitly delegated to them; nobody else does. Every
/// workspace handler asks this one rule.
/// </summary>
public static class AppealAccess
{
    /// <summary>
    /// The cadres a user acts for: a Staff account the cadres delegated to it; a Cadre account its own post and
    /// the posts it was granted, which a change of post grants for the post the person left, so that the appeals
    /// still open there are not left without anyone to answer them. Supervisors and administrators act for
    /// none, and a disabled account for none.
    /// </summary>
    public static IReadOnlySet<int> CadresActedFor(IEnumerable<string> roles, int? ownCadreId, IEnumerable<int> delegatedCadreIds, bool disabled)
    {
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentNullException.ThrowIfNull(delegatedCadreIds);
        var cadres = new HashSet<int>();
        if (disabled)
        {
            return cadres;
        }

        var roleSet = roles.ToHashSet(StringComparer.Ordinal);
        if (roleSet.Contains(Roles.Cadre) && ownCadreId is { } own)
        {
            cadres.Add(own);
        }

        if (roleSet.Contains(Roles.Staff) || roleSet.Contains(Roles.Cadre))
        {
            cadres.UnionWith(delegatedCadreIds);
        }

        return cadres;
    }

    /// <summary>May act: the appeal is with one of the user's cadres now (the sender of a transfer no longer is).</summary>
    public static bool MayAct(WorkspaceActor actor, int handlerCadreId)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.ActsFor(handlerCadreId);
    }

    public static bool MayAct(WorkspaceActor actor, Appeal appeal)
    {
        ArgumentNullException.ThrowIfNull(appeal);
        return MayAct(actor, appeal.HandlerCadreId);
    }

    /// <summary>
    /// Whether the caller's full name and phone are shown when the appeal opens: to those who may act on it, except
    /// that for a caller who asked for confidentiality (要求保密) delegated staff see both masked, and may reveal the
    /// phone only to call back, with a reason (PRODUCT §7).
    /// </summary>
    public static bool ShowsCallerInFull(WorkspaceActor actor, int handlerCadreId, bool confidential)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return MayAct(actor, handlerCadreId) && !(confidential && actor.IsStaff);
    }

    public static bool ShowsCallerInFull(WorkspaceActor actor, Appeal appeal)
    {
        ArgumentNullException.ThrowIfNull(appeal);
        return ShowsCallerInFull(actor, appeal.HandlerCadreId, appeal.Confidential);
    }

    /// <summary>Whether the caller's phone is withheld from this actor but may be revealed, with a reason, to call back.</summary>
    public static bool MayRevealToCallBack(WorkspaceActor actor, int handlerCadreId, bool confidential)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return MayAct(actor, handlerCadreId) && confidential && actor.IsStaff;
    }

    public static bool MayRevealToCallBack(WorkspaceActor actor, Appeal appeal)
    {
        ArgumentNullException.ThrowIfNull(appeal);
        return MayRevealToCallBack(actor, appeal.HandlerCadreId, appeal.Confidential);
    }

    /// <summary>
    /// May read: those who may act, and the cadre the appeal was addressed to after passing it on, to follow
    /// it (without the caller's full phone and without the forms).
    /// </summary>
    public static bool MayView(WorkspaceActor actor, int loggedToCadreId, int handlerCadreId)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.ActsFor(handlerCadreId) || actor.ActsFor(loggedToCadreId);
    }

    public static bool MayView(WorkspaceActor actor, Appeal appeal)
    {
        ArgumentNullException.ThrowIfNull(appeal);
        return MayView(actor, appeal.CadreId, appeal.HandlerCadreId);
    }
}

/// <summary>A signed-in user as the workspace sees them: their name and the cadres they act for (id → name).</summary>
public sealed class WorkspaceActor(string userId, string displayName, bool isStaff, IReadOnlyDictionary<int, string> cadres)
{
    public string UserId { get; } = userId;

    public string DisplayName { get; } = displayName;

    /// <summary>A staff account acting for others, whose timeline entries say for whom.</summary>
    public bool IsStaff { get; } = isStaff;

    public IReadOnlyDictionary<int, string> Cadres { get; } = cadres;

    public IReadOnlyCollection<int> CadreIds => [.. Cadres.Keys];

    public bool ActsFor(int cadreId) => Cadres.ContainsKey(cadreId);

    /// <summary>Who a timeline entry records for this user acting on an appeal handled by <paramref name="cadreId"/>: staff for that cadre, or the cadre.</summary>
    public EventActor TimelineActorFor(int cadreId) =>
        IsStaff ? EventActor.Staff(DisplayName, Cadres.TryGetValue(cadreId, out var cadre) ? cadre : null) : EventActor.Cadre(DisplayName);
}
