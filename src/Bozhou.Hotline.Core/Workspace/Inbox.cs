namespace Bozhou.Hotline.Core.Workspace;

/// <summary>What the inbox flags on an appeal.</summary>
[Flags]
public enum InboxBadge
{
    None = 0,

    /// <summary>A missed call or text the cadre still owes a call back for.</summary>
    MissedCall = 1,

    /// <summary>Past one of its clocks: callback, sign-for, first contact or reply.</summary>
    Overdue = 2,

    /// <summary>Transferred to this cadre and not yet signed for (待签收).</summary>
    TransferIn = 4,

    /// <summary>Sent back after an unsatisfied rating (发回重办).</summary>
    Reopened = 8,
}

/// <summary>The clocks of one appeal, as the inbox reads them.</summary>
public sealed record AppealDueFacts(
    AppealStatus Status,
    DateTimeOffset? CallbackDueAt,
    DateTimeOffset? TransferAcceptDueAt,
    DateTimeOffset FirstContactDueAt,
    DateTimeOffset? FirstContactAt,
    DateTimeOffset ReplyDueAt,
    DateTimeOffset? RepliedAt)
{
    public static AppealDueFacts Of(Appeal appeal)
    {
        ArgumentNullException.ThrowIfNull(appeal);
        return new(appeal.Status, appeal.CallbackDueAt, appeal.TransferAcceptDueAt, appeal.FirstContactDueAt, appeal.FirstContactAt, appeal.ReplyDueAt, appeal.RepliedAt);
    }

    /// <summary>A reply is owed until one is given, and again after the appeal is sent back.</summary>
    public bool ReplyOwed => Status != AppealStatus.Closed && (RepliedAt is null || Status == AppealStatus.Reopened);

    public bool FirstContactOwed => Status != AppealStatus.Closed && FirstContactAt is null;

    /// <summary>
    /// The caller is owed a call (the inbox's 回电): a missed call not yet called back, or no contact made yet
    /// (the handling unit contacts the caller within the first-contact limit, PRODUCT §1). Recording the call's
    /// outcome is the callback either way.
    /// </summary>
    public bool CallOwed => Status != AppealStatus.Closed && (CallbackDueAt is not null || FirstContactAt is null);
}

/// <summary>The inbox's order and badges: nearest deadline first.</summary>
public static class InboxRules
{
    /// <summary>
    /// The nearest of the deadlines still running: the callback, the sign-for, the first contact (until
    /// made) and the reply (until given). Null when nothing is owed (a replied appeal awaiting its rating).
    /// </summary>
    public static DateTimeOffset? NextDue(AppealDueFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.Status == AppealStatus.Closed)
        {
            return null;
        }

        DateTimeOffset? next = null;
        Consider(ref next, facts.CallbackDueAt);
        Consider(ref next, facts.TransferAcceptDueAt);
        Consider(ref next, facts.FirstContactOwed ? facts.FirstContactDueAt : null);
        Consider(ref next, facts.ReplyOwed ? facts.ReplyDueAt : null);
        return next;
    }

    public static InboxBadge Badges(AppealDueFacts facts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var badges = InboxBadge.None;
        if (facts.Status == AppealStatus.Closed)
        {
            return badges;
        }

        if (facts.CallbackDueAt is not null)
        {
            badges |= InboxBadge.MissedCall;
        }

        if (facts.TransferAcceptDueAt is not null)
        {
            badges |= InboxBadge.TransferIn;
        }

        if (facts.Status == AppealStatus.Reopened)
        {
            badges |= InboxBadge.Reopened;
        }

        if (NextDue(facts) is { } due && due <= now)
        {
            badges |= InboxBadge.Overdue;
        }

        return badges;
    }

    /// <summary>Sorts rows by nearest deadline, those with none last, then oldest first.</summary>
    public static IEnumerable<T> InDueOrder<T>(IEnumerable<T> rows, Func<T, AppealDueFacts> facts, Func<T, DateTimeOffset> loggedAt) =>
        rows.Select(r => (Row: r, Due: NextDue(facts(r))))
            .OrderBy(x => x.Due is null)
            .ThenBy(x => x.Due)
            .ThenBy(x => loggedAt(x.Row))
            .Select(x => x.Row);

    private static void Consider(ref DateTimeOffset? next, DateTimeOffset? candidate)
    {
        if (candidate is { } c && (next is null || c < next))
        {
            next = c;
        }
    }
}
