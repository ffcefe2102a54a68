namespace Bozhou.Hotline.Core.Supervision;

/// <summary>A pending request for a later reply deadline (延期), as the office's queue lists it (instants UTC).</summary>
public sealed record ExtensionRow(
    long AppealId, string TrackingCode, int HandlerCadreId, string HandlerName, string HandlerPosition, string TopicZh, string TopicEn,
    DateTimeOffset ReplyDueAt, DateTimeOffset RequestedDueAt, DateTimeOffset RequestedAt, DateTimeOffset DecisionDueAt, string Reason);

/// <summary>A cadre's extensions in a period: appeals logged, extensions asked for and approved among them.</summary>
public sealed record ExtensionRate(int CadreId, int Logged, int Requested, int Approved);

/// <summary>
/// The extensions (延期) of PRODUCT §5: the office's queue of requests waiting for its decision (within 1 working day),
/// the decision itself, and each cadre's extension rate for the scorecards.
/// </summary>
public sealed class Extensions(HotlineDbContext db, AppealActionRunner runner)
{
    /// <summary>The requests still waiting at <paramref name="now"/> (not decided, decision deadline not passed), the most pressing first.</summary>
    public Task<List<ExtensionRow>> PendingAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        db.Appeals.AsNoTracking()
            .Where(a => a.ExtensionStatus == ExtensionStatus.Requested && a.ExtensionDecisionDueAt > now && a.Status != AppealStatus.Closed)
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

    /// <summary>
    /// Each cadre's extensions among the appeals logged with them in <paramref name="from"/>–<paramref name="to"/> (China
    /// dates, inclusive), duplicates not counted; only cadres with appeals.
    /// </summary>
    public async Task<Dictionary<int, ExtensionRate>> RatesAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var start = ChinaTime.StartOf(from);
        var end = ChinaTime.StartOf(to.AddDays(1));
        var rows = await db.Appeals.AsNoTracking()
            .Where(a => a.LoggedAt >= start && a.LoggedAt < end && a.DuplicateOfAppealId == null)
            .GroupBy(a => a.CadreId)
            .Select(g => new ExtensionRate(
                g.Key, g.Count(), g.Count(a => a.ExtensionStatus != null), g.Count(a => a.ExtensionStatus == ExtensionStatus.Approved)))
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.CadreId);
    }
}
