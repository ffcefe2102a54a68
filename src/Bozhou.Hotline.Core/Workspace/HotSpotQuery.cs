namespace Bozhou.Hotline.Core.Workspace;

public sealed record HotSpotRow(string TopicZh, string TopicEn, HotSpot Counts);

/// <summary>The hot spots of the user's cadres: appeals addressed to them or handled by them, by topic.</summary>
public sealed class HotSpotQuery(HotlineDbContext db)
{
    public const int Shown = 8;

    public async Task<IReadOnlyList<HotSpotRow>> LoadAsync(WorkspaceActor actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var cadreIds = actor.CadreIds.ToList();
        var (previousFrom, currentFrom) = HotSpots.Windows(now);
        var theirs = db.Appeals.AsNoTracking().Where(a => cadreIds.Contains(a.CadreId) || cadreIds.Contains(a.HandlerCadreId));
        var current = await CountByTopic(theirs.Where(a => a.LoggedAt >= currentFrom && a.LoggedAt <= now), cancellationToken);
        var previous = await CountByTopic(theirs.Where(a => a.LoggedAt >= previousFrom && a.LoggedAt < currentFrom), cancellationToken);
        var spots = HotSpots.Compare(current, previous).Take(Shown).ToList();
        var topicIds = spots.Select(s => s.TopicId).ToList();
        var topics = await db.Topics.AsNoTracking().Where(t => topicIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, cancellationToken);
        return spots.Select(s => new HotSpotRow(topics[s.TopicId].NameZh, topics[s.TopicId].NameEn, s)).ToList();
    }

    private static Task<Dictionary<int, int>> CountByTopic(IQueryable<Core.Appeals.Appeal> appeals, CancellationToken cancellationToken) =>
        appeals.GroupBy(a => a.TopicId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
}
