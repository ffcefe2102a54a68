namespace Bozhou.Hotline.Core.Supervision;

/// <summary>A pending request for a later reply deadline (延期), as the office's queue lists it (instants UTC).</summary>
public sealed record ExtensionRow(
    long AppealId, string TrackingCode, int HandlerCadreId, string HandlerName, string HandlerPosition, string TopicZh, string TopicEn,
    DateTimeOffset ReplyDueAt, DateTimeOffset RequestedDueAt, DateTimeOffset RequestedAt, DateTimeOffset DecisionDueAt, string Reason);

/// <summary>
/// The extensions (延期) of PRODUCT §5: the office's queue of requests waiting for its decision (within 1 working day),
/// and the decision itself. Each cadre's extension rate is counted in the daily roll-ups
/// (<see cref="DailyCadreStats.ExtensionsRequested"/>), so that a scorecard never reads the period's appeals.
/// </summary>
public sealed class Extensions(HotlineDbContext db, AppealActionRunner runner)
{
    /// <summary>
    /// The requests still waiting at <paramref name="now"/> (UTC): not decided, decision deadline not passed, the appeal still
    /// awaiting its reply (a reply sent makes the request moot); the most pressing first, at most 500.
    /// </summary>
    public Task<List<ExtensionRow>> PendingAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        db.Appeals.AsNoTracking()
            .Where(a => a.ExtensionStatus == ExtensionStatus.Requested && a.ExtensionDecisionDueAt > now && AppealStatuses.AwaitingReply.Contains(a.Status))
            .OrderBy(a => a.ExtensionDecisionDueAt).ThenBy(a => a.Id)
            .Select(a => new ExtensionRow(
                a.Id, a.TrackingCode, a.HandlerCadreId, a.HandlerCadre.Name, a.HandlerCadre.Position, a.Topic.NameZh, a.Topic.NameEn,
                a.ReplyDueAt, a.ExtensionRequestedDueAt!.Value, a.ExtensionRequestedAt!.Value, a.ExtensionDecisionDueAt!.Value, a.ExtensionReason ?? ""))
            .Take(500)
            .ToListAsync(cancellationToken);

    /// <summary>
    /// Approves or refuses the pending extension of an appeal as the office (no version: the decision concerns the
    /// request as it is), with its timeline event in the same save.
    /// </summary>
    public Task<AppealActionOutcome> DecideAsync(long appealId, bool approve, string? note, Actor office, CancellationToken cancellationToken = default) =>
        runner.RunAsync(office, appealId, null, c =>
        {
            c.Appeal.DecideExtension(approve, note, c.TimelineActor, c.UserId, c.Now);
            return Task.CompletedTask;
        }, cancellationToken);
}
