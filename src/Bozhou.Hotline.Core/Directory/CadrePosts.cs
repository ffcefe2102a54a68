namespace Bozhou.Hotline.Core.Directory;

/// <summary>The administrator's changes of post and ends of post, applied (<see cref="PostChange"/>), audited and saved in one transaction.</summary>
public sealed class CadrePosts(HotlineDbContext db, AdminChanges changes, TimeProvider time)
{
    /// <summary>
    /// Moves the holder of <paramref name="current"/> (tracked, with its topics) to a new post from today (China time):
    /// see <see cref="PostChange"/> (duties and topic tags carry over only within the same unit). Returns the change, its
    /// new record (<see cref="PostChange.Next"/>) saved.
    /// </summary>
    /// <exception cref="InvalidOperationException">The post may not change today (<see cref="PostChange.CanChange"/>).</exception>
    public async Task<PostChange> ChangeAsync(Cadre current, int departmentId, string position, string positionEn, bool subordinatesFollow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        var now = time.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var accounts = await db.Users.Where(u => u.CadreId == current.Id).ToListAsync(cancellationToken);
        var delegations = await db.CadreDelegations.AsNoTracking().Where(d => d.CadreId == current.Id).ToListAsync(cancellationToken);
        var subordinates = await SubordinatesAsync(current.Id, today, cancellationToken);
        var change = PostChange.Plan(current, departmentId, position, positionEn, subordinatesFollow, today, now, accounts, delegations, subordinates);
        if (!subordinatesFollow)
        {
            LetGo(subordinates);
        }

        db.Cadres.Add(change.Next);
        db.CadreDelegations.AddRange(change.KeptPosts);
        changes.Describe(current, "post ended by a change of post");
        changes.Describe(change.Next, $"new post, after Cadre:{current.Id}");
        change.KeptPosts.ToList().ForEach(kept => changes.Describe(kept, "earlier post kept"));
        changes.AfterFirstSave(() =>
        {
            db.CadreDelegations.AddRange(change.Complete());
            change.Followers.ToList().ForEach(follower => changes.Describe(follower, "superior followed a change of post"));
        });
        await changes.SaveAsync(cancellationToken);
        return change;
    }

    /// <summary>
    /// The appeals not closed whose handler is <paramref name="cadreId"/> (what ending that post leaves open), oldest first.
    /// Ending a post does not move them: they stay with the post, and the accounts acting for it still see and answer them.
    /// </summary>
    public Task<List<Appeal>> OpenAppealsAsync(int cadreId, CancellationToken cancellationToken) =>
        db.Appeals.AsNoTracking().Where(a => a.HandlerCadreId == cadreId && a.Status != AppealStatus.Closed)
            .OrderBy(a => a.LoggedAt).ThenBy(a => a.Id).ToListAsync(cancellationToken);

    /// <summary>
    /// How many accounts, not disabled, act for <paramref name="cadreId"/>: linked to it (<see cref="HotlineUser.CadreId"/>)
    /// or delegated to it. They keep its open appeals after the post ends; none can be linked or delegated once it has.
    /// </summary>
    public Task<int> ActingAccountsAsync(int cadreId, CancellationToken cancellationToken) =>
        db.Users.CountAsync(
            u => u.DisabledAt == null && (u.CadreId == cadreId || db.CadreDelegations.Any(d => d.CadreId == cadreId && d.StaffUserId == u.Id)),
            cancellationToken);

    /// <summary>
    /// Ends <paramref name="cadre"/>'s post (<see cref="PostChange.End"/>), audited; nothing when it has ended already. The
    /// cadres who escalated to it are left with no superior (never pointing at an ended record), which their cards and
    /// <c>/admin</c> show as not set until the administrator names one.
    /// </summary>
    public async Task EndAsync(Cadre cadre, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cadre);
        var today = ChinaTime.DateOf(time.GetUtcNow());
        var subordinates = await SubordinatesAsync(cadre.Id, today, cancellationToken);
        if (PostChange.End(cadre, today))
        {
            changes.Describe(cadre, "post ended");
            LetGo(subordinates);
            await changes.SaveAsync(cancellationToken);
        }
    }

    /// <summary>The cadres holding a post today or later (China date <paramref name="today"/>) who escalate to <paramref name="cadreId"/>, tracked.</summary>
    public Task<List<Cadre>> SubordinatesAsync(int cadreId, DateOnly today, CancellationToken cancellationToken) =>
        db.Cadres.Where(c => c.SuperiorId == cadreId && (c.PostEnd == null || c.PostEnd >= today)).OrderBy(c => c.Id).ToListAsync(cancellationToken);

    private void LetGo(IEnumerable<Cadre> subordinates)
    {
        foreach (var subordinate in subordinates)
        {
            subordinate.SuperiorId = null;
            changes.Describe(subordinate, "superior's post ended");
        }
    }
}
