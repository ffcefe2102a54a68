namespace Bozhou.Hotline.Core.Workspace;

/// <summary>One appeal as the inbox lists it.</summary>
public sealed record InboxRow(
    long Id,
    string TrackingCode,
    int HandlerCadreId,
    string HandlerName,
    string TopicZh,
    string TopicEn,
    string? CallerMasked,
    string? EnterpriseName,
    bool Confidential,
    DateTimeOffset LoggedAt,
    string Summary,
    AppealDueFacts Facts,
    DateTimeOffset? NextDue,
    InboxBadge Badges)
{
    public AppealStatus Status => Facts.Status;
}

/// <summary>What the inbox shows for a filter: the rows, and the counts that label every filter.</summary>
public sealed record InboxView(
    IReadOnlyList<InboxRow> Rows,
    int OpenCount,
    int ClosedCount,
    IReadOnlyDictionary<AppealStatus, int> ByStatus,
    IReadOnlyDictionary<InboxBadge, int> ByBadge);

/// <summary>
/// The inbox: the open appeals with the user's cadres, nearest deadline first; closed ones on request, the
/// most recently closed first. A cadre has tens of open appeals, so they are ordered in memory by the rule.
/// </summary>
public sealed class InboxQuery(HotlineDbContext db)
{
    public const int ClosedShown = 100;
    private const int SummaryLength = 80;

    public static readonly InboxBadge[] Badges = [InboxBadge.MissedCall, InboxBadge.Overdue, InboxBadge.TransferIn, InboxBadge.Reopened];

    public async Task<InboxView> LoadAsync(
        WorkspaceActor actor, AppealStatus? status, InboxBadge? badge, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var cadreIds = actor.CadreIds.ToList();
        var mine = db.Appeals.AsNoTracking().Where(a => cadreIds.Contains(a.HandlerCadreId));
        var open = await Project(mine.Where(a => a.Status != AppealStatus.Closed), now, cancellationToken);
        var closedCount = await mine.CountAsync(a => a.Status == AppealStatus.Closed, cancellationToken);

        IEnumerable<InboxRow> rows;
        if (status == AppealStatus.Closed)
        {
            var closed = mine.Where(a => a.Status == AppealStatus.Closed).OrderByDescending(a => a.ClosedAt).Take(ClosedShown);
            rows = await Project(closed, now, cancellationToken);
        }
        else
        {
            rows = InboxRules.InDueOrder(open, r => r.Facts, r => r.LoggedAt);
            if (status is { } s)
            {
                rows = rows.Where(r => r.Status == s);
            }
        }

        if (badge is { } b)
        {
            rows = rows.Where(r => r.Badges.HasFlag(b));
        }

        return new InboxView(
            rows.ToList(),
            open.Count,
            closedCount,
            AppealStatuses.Open.Order().ToDictionary(s => s, s => open.Count(r => r.Status == s)),
            Badges.ToDictionary(b => b, b => open.Count(r => r.Badges.HasFlag(b))));
    }

    private static async Task<List<InboxRow>> Project(IQueryable<Appeal> appeals, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = await appeals.Select(a => new
        {
            a.Id,
            a.TrackingCode,
            a.HandlerCadreId,
            HandlerName = a.HandlerCadre.Name,
            TopicZh = a.Topic.NameZh,
            TopicEn = a.Topic.NameEn,
            a.CallerPhoneMasked,
            a.EnterpriseName,
            a.Confidential,
            a.LoggedAt,
            a.Description,
            a.Status,
            a.CallbackDueAt,
            a.TransferAcceptDueAt,
            a.FirstContactDueAt,
            a.FirstContactAt,
            a.ReplyDueAt,
            a.RepliedAt,
        }).ToListAsync(cancellationToken);
        return rows.Select(a =>
        {
            var facts = new AppealDueFacts(a.Status, a.CallbackDueAt, a.TransferAcceptDueAt, a.FirstContactDueAt, a.FirstContactAt, a.ReplyDueAt, a.RepliedAt);
            var summary = a.Description.Length <= SummaryLength ? a.Description : a.Description[..SummaryLength] + "…";
            return new InboxRow(
                a.Id, a.TrackingCode, a.HandlerCadreId, a.HandlerName, a.TopicZh, a.TopicEn, a.CallerPhoneMasked, a.EnterpriseName, a.Confidential,
                a.LoggedAt, summary, facts, InboxRules.NextDue(facts), InboxRules.Badges(facts, now));
        }).ToList();
    }
}
