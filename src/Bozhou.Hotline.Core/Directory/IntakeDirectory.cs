using System.Collections.Frozen;
using Microsoft.Extensions.DependencyInjection;

namespace Bozhou.Hotline.Core.Directory;

/// <summary>
/// What a new appeal checks against the directory, kept in memory: that its cadre holds the post on the day
/// and its topic is active (and the topic's kind, which sets the reply limit). Each citizen's submission asked
/// the database these three questions, a tenth of the server's time per appeal under a burst of submissions.
/// </summary>
/// <remarks>
/// The posts' dates are kept, not the answer for one day, so midnight needs no reload. This app's own
/// directory changes (the administration pages, the import) call <see cref="Invalidate"/> when they save, as
/// they evict the public directory's cached pages; a change made elsewhere (another instance, a command) is
/// seen within <see cref="MaxAge"/>, as on the public directory's pages.
/// </remarks>
public sealed class IntakeDirectory(IServiceScopeFactory scopes, TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(60);

    private readonly KeptValues<string, Snapshot> _kept = new(time);

    /// <summary>True when the cadre holds a post on <paramref name="day"/> (China date).</summary>
    public async ValueTask<bool> HoldsPostAsync(int cadreId, DateOnly day, CancellationToken cancellationToken = default)
    {
        var snapshot = await GetAsync(cancellationToken);
        return snapshot.Posts.TryGetValue(cadreId, out var post) && post.Start <= day && (post.End is null || post.End >= day);
    }

    /// <summary>The topic's kind when it is active; null when it is unknown or retired.</summary>
    public async ValueTask<TopicKind?> ActiveTopicKindAsync(int topicId, CancellationToken cancellationToken = default)
    {
        var snapshot = await GetAsync(cancellationToken);
        return snapshot.ActiveTopics.TryGetValue(topicId, out var kind) ? kind : null;
    }

    /// <summary>Forgets what was read: the next question reads the directory again.</summary>
    public void Invalidate() => _kept.Invalidate();

    private async ValueTask<Snapshot> GetAsync(CancellationToken cancellationToken) =>
        (await _kept.GetAsync(nameof(Snapshot), MaxAge, LoadAsync, cancellationToken)).Value;

    private async Task<Snapshot> LoadAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var posts = await db.Cadres.AsNoTracking()
            .Select(c => new { c.Id, c.PostStart, c.PostEnd })
            .ToDictionaryAsync(c => c.Id, c => (Start: c.PostStart, End: c.PostEnd), cancellationToken);
        var topics = await db.Topics.AsNoTracking()
            .Where(t => t.IsActive)
            .ToDictionaryAsync(t => t.Id, t => t.Kind, cancellationToken);
        return new Snapshot(posts.ToFrozenDictionary(), topics.ToFrozenDictionary());
    }

    private sealed record Snapshot(FrozenDictionary<int, (DateOnly Start, DateOnly? End)> Posts, FrozenDictionary<int, TopicKind> ActiveTopics);
}
