namespace Bozhou.Hotline.Web.Pages.Open311;

/// <summary>
/// The appeals as Open311 shows them to anyone: never a confidential one, and of the others only public fields
/// (<see cref="Open311Request"/>). Open311's status is "closed" once the appeal is replied to or closed, "open" before
/// and again when it is reopened (发回重办).
/// </summary>
public sealed class PublicRequests(HotlineDbContext db)
{
    /// <summary>The most requests one GET returns, newest first (the specification suggests a cap).</summary>
    public const int MaxCount = 1000;

    /// <summary>The window a GET without <c>start_date</c> covers, ending at <c>end_date</c> or now.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(90);

    /// <summary>The appeal statuses Open311 calls "closed".</summary>
    public static readonly AppealStatus[] ClosedStatuses = [AppealStatus.Replied, AppealStatus.Closed];

    /// <summary>What a GET requests asks for; null members are not asked.</summary>
    public sealed record Query(
        IReadOnlyList<string>? Ids, IReadOnlyList<string>? ServiceCodes, DateTimeOffset? Start, DateTimeOffset? End,
        bool? Closed, string? JurisdictionCode);

    /// <summary>
    /// The requests matching <paramref name="query"/>, newest first, at most <see cref="MaxCount"/>. With ids, only
    /// those (the specification: the other parameters are then ignored); otherwise logged within the dates (China
    /// time instants), by default the last <see cref="DefaultWindow"/> up to <paramref name="now"/>.
    /// </summary>
    public async Task<IReadOnlyList<Open311Request>> ListAsync(Query query, bool english, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var appeals = db.Appeals.AsNoTracking().Where(a => !a.Confidential);
        if (query.Ids is { Count: > 0 } ids)
        {
            appeals = appeals.Where(a => ids.Contains(a.TrackingCode));
        }
        else
        {
            var end = query.End ?? now;
            var start = query.Start ?? end - DefaultWindow;
            appeals = appeals.Where(a => a.LoggedAt >= start && a.LoggedAt <= end);
            if (query.ServiceCodes is { Count: > 0 } codes)
            {
                appeals = appeals.Where(a => codes.Contains(a.Topic.Code));
            }

            if (query.Closed is { } closed)
            {
                appeals = closed ? appeals.Where(a => ClosedStatuses.Contains(a.Status)) : appeals.Where(a => !ClosedStatuses.Contains(a.Status));
            }

            if (query.JurisdictionCode is { } jurisdiction)
            {
                appeals = appeals.Where(a => a.HandlerCadre.Department.Jurisdiction.Code == jurisdiction);
            }
        }

        return await ProjectAsync(appeals.OrderByDescending(a => a.Id).Take(MaxCount), english, cancellationToken);
    }

    /// <summary>The one request with this tracking code; null when there is none or it is confidential.</summary>
    public async Task<Open311Request?> FindAsync(string trackingCode, bool english, CancellationToken cancellationToken) =>
        (await ProjectAsync(db.Appeals.AsNoTracking().Where(a => !a.Confidential && a.TrackingCode == trackingCode), english, cancellationToken))
            .SingleOrDefault();

    private async Task<IReadOnlyList<Open311Request>> ProjectAsync(IQueryable<Appeal> appeals, bool english, CancellationToken cancellationToken)
    {
        var rows = await appeals.Select(a => new
        {
            a.Id,
            a.TrackingCode,
            a.Status,
            a.ReplyText,
            a.LoggedAt,
            a.ReplyDueAt,
            TopicCode = a.Topic.Code,
            TopicName = english ? a.Topic.NameEn : a.Topic.NameZh,
            Jurisdiction = english ? a.HandlerCadre.Department.Jurisdiction.NameEn : a.HandlerCadre.Department.Jurisdiction.NameZh,
            Department = english ? a.HandlerCadre.Department.NameEn : a.HandlerCadre.Department.NameZh,
        }).ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Id).ToList();
        // The last public change: staff-internal events (notes, recounted deadlines) do not show.
        var updated = (await db.AppealEvents.AsNoTracking()
                .Where(e => ids.Contains(e.AppealId) && !e.IsInternal)
                .Select(e => new { e.AppealId, e.At })
                .ToListAsync(cancellationToken))
            .GroupBy(e => e.AppealId)
            .ToDictionary(g => g.Key, g => g.Max(e => e.At));
        return [.. rows.Select(r =>
        {
            var closed = ClosedStatuses.Contains(r.Status);
            return new Open311Request(
                r.TrackingCode,
                closed ? "closed" : "open",
                r.Status == AppealStatus.Reopened ? null : r.ReplyText,
                r.TopicName,
                r.TopicCode,
                r.Jurisdiction + " · " + r.Department,
                null,
                Open311Documents.DateTime(r.LoggedAt),
                Open311Documents.DateTime(updated.GetValueOrDefault(r.Id, r.LoggedAt)),
                closed ? null : Open311Documents.DateTime(r.ReplyDueAt));
        })];
    }
}
