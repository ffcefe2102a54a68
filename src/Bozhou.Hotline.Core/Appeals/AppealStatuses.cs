namespace Bozhou.Hotline.Core.Appeals;

/// <summary>
/// The groups of <see cref="AppealStatus"/> that rules and queries ask about, written once: the queues, the
/// inbox, the daily statistics and the partial indexes that serve them (PRODUCT §5, §6).
/// </summary>
public static class AppealStatuses
{
    /// <summary>Waiting for the handling cadre's reply (答复): logged, contacted, transferred or reopened.</summary>
    public static readonly AppealStatus[] AwaitingReply = [AppealStatus.Logged, AppealStatus.Contacted, AppealStatus.Transferred, AppealStatus.Reopened];

    /// <summary>Not yet closed: awaiting a reply, or replied and waiting for the caller's rating.</summary>
    public static readonly AppealStatus[] Open = [.. AwaitingReply, AppealStatus.Replied];

    /// <summary>
    /// An SQL condition that the <c>"Status"</c> column (stored as the enum's name) is one of
    /// <paramref name="statuses"/>, for a partial index's filter; SQLite and PostgreSQL read it alike.
    /// </summary>
    public static string SqlIn(IEnumerable<AppealStatus> statuses) =>
        "\"Status\" IN (" + string.Join(", ", statuses.Select(s => "'" + s + "'")) + ")";
}
