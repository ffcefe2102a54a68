namespace Bozhou.Hotline.Web.Pages.Appeals;

/// <summary>
/// An appeal as its caller may see it: the matter, the clocks and the timeline without staff-internal
/// entries, with the cadres that transfers went to.
/// </summary>
public sealed record PublicAppeal(Appeal Appeal, IReadOnlyList<AppealEvent> Events, IReadOnlyDictionary<int, Cadre> TransferredTo)
{
    public static async Task<PublicAppeal?> LoadAsync(HotlineDbContext db, string code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var appeal = await db.Appeals.AsNoTracking()
            .Include(a => a.Cadre)
            .Include(a => a.HandlerCadre).ThenInclude(c => c.Department)
            .Include(a => a.Topic)
            .SingleOrDefaultAsync(a => a.TrackingCode == code, cancellationToken);
        if (appeal is null)
        {
            return null;
        }

        var events = await db.AppealEvents.AsNoTracking()
            .Where(e => e.AppealId == appeal.Id && !e.IsInternal)
            .OrderBy(e => e.At).ThenBy(e => e.Id)
            .ToListAsync(cancellationToken);
        var cadreIds = events.Where(e => e.Kind == AppealEventKind.Transfer && e.ToCadreId is not null).Select(e => e.ToCadreId!.Value).Distinct().ToList();
        var cadres = await db.Cadres.AsNoTracking().Where(c => cadreIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        return new PublicAppeal(appeal, events, cadres);
    }

    public bool CanCallAgain => !Appeal.IsClosed;

    /// <summary>
    /// The handler the caller may call, once a first contact is recorded (Bozhou: the handling unit contacts the caller
    /// and gives the handler's phone); null before.
    /// </summary>
    public Cadre? ContactHandler => Appeal.FirstContactAt is null ? null : Appeal.HandlerCadre;

    public bool AwaitsRating => Appeal.Status == AppealStatus.Replied;
}
