namespace Bozhou.Hotline.Core.Workspace;

/// <summary>An appeal a handler sees beside another: its id, tracking code, when logged (UTC) and its status.</summary>
public sealed record LinkedAppeal(long Id, string TrackingCode, DateTimeOffset LoggedAt, AppealStatus Status);

/// <summary>What an appeal's page shows about duplicates: the possible originals, the original it was closed into, and its duplicates.</summary>
public sealed record DuplicateLinks(IReadOnlyList<LinkedAppeal> PossibleOriginals, LinkedAppeal? DuplicateOf, IReadOnlyList<LinkedAppeal> Duplicates);

/// <summary>
/// Possible duplicates (PRODUCT §4): the same caller (the phone's hash) raising a matter again, with the same handling
/// cadre, to the same cadre or on the same topic within <see cref="WindowDays"/> days of an earlier appeal still open is offered to the handler as
/// a possible duplicate of it; marked, it closes pointing to the original and is counted once.
/// </summary>
public sealed class Duplicates(HotlineDbContext db)
{
    /// <summary>How long after an open appeal the same caller's same matter counts as a possible duplicate.</summary>
    public const int WindowDays = 30;

    /// <summary>
    /// Whether <paramref name="original"/> may be the original of <paramref name="later"/>: another appeal, of the same
    /// caller's phone hash, logged before it (or at the same instant with a smaller id) and at most
    /// <see cref="WindowDays"/> days earlier, still open and itself no duplicate, handled by the same cadre, and logged to
    /// the same cadre or on the same topic. Only the same handler's appeals: another post's appeal (its tracking code, its
    /// existence) is not shown to this handler, since with the caller's phone the code opens the citizen's status page.
    /// </summary>
    public static bool Matches(Appeal later, Appeal original)
    {
        ArgumentNullException.ThrowIfNull(later);
        ArgumentNullException.ThrowIfNull(original);
        return original.Id != later.Id
            && later.CallerPhoneHash is not null && original.CallerPhoneHash == later.CallerPhoneHash
            && !original.IsClosed && original.DuplicateOfAppealId is null
            && (original.LoggedAt < later.LoggedAt || (original.LoggedAt == later.LoggedAt && original.Id < later.Id))
            && later.LoggedAt - original.LoggedAt <= TimeSpan.FromDays(WindowDays)
            && original.HandlerCadreId == later.HandlerCadreId
            && (original.CadreId == later.CadreId || original.TopicId == later.TopicId);
    }

    /// <summary>The duplicate links of <paramref name="appeal"/>: possible originals only while it is open and not yet marked.</summary>
    public async Task<DuplicateLinks> ForAsync(Appeal appeal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(appeal);
        IReadOnlyList<LinkedAppeal> possible = [];
        if (!appeal.IsClosed && appeal.DuplicateOfAppealId is null && appeal.CallerPhoneHash is { } hash)
        {
            var since = appeal.LoggedAt.AddDays(-WindowDays);
            var candidates = await db.Appeals.AsNoTracking()
                .Where(a => a.CallerPhoneHash == hash && a.HandlerCadreId == appeal.HandlerCadreId && a.Id != appeal.Id && a.LoggedAt >= since && a.LoggedAt <= appeal.LoggedAt
                    && a.Status != AppealStatus.Closed && a.DuplicateOfAppealId == null)
                .OrderBy(a => a.LoggedAt).ThenBy(a => a.Id)
                .Take(20)
                .ToListAsync(cancellationToken);
            possible = [.. candidates.Where(c => Matches(appeal, c)).Select(Link)];
        }

        var of = appeal.DuplicateOfAppealId is { } originalId
            ? await db.Appeals.AsNoTracking().Where(a => a.Id == originalId).Select(a => new LinkedAppeal(a.Id, a.TrackingCode, a.LoggedAt, a.Status)).FirstOrDefaultAsync(cancellationToken)
            : null;
        var duplicates = await db.Appeals.AsNoTracking().Where(a => a.DuplicateOfAppealId == appeal.Id)
            .OrderBy(a => a.LoggedAt).Select(a => new LinkedAppeal(a.Id, a.TrackingCode, a.LoggedAt, a.Status)).ToListAsync(cancellationToken);
        return new DuplicateLinks(possible, of, duplicates);
    }

    private static LinkedAppeal Link(Appeal a) => new(a.Id, a.TrackingCode, a.LoggedAt, a.Status);
}
