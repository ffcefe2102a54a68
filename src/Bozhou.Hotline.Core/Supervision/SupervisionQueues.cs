namespace Bozhou.Hotline.Core.Supervision;

/// <summary>The supervision office's queues (PRODUCT §6): what is late, and by how much.</summary>
public enum QueueKind
{
    /// <summary>A missed call or text with no call back by its deadline.</summary>
    MissedCalls = 1,

    /// <summary>No first contact with the caller within the limit.</summary>
    NoFirstContact = 2,

    /// <summary>A transfer the receiver has not accepted in time.</summary>
    TransferNotAccepted = 3,

    /// <summary>Past the reply limit, not yet twice past it.</summary>
    OverdueReplies = 4,

    /// <summary>Past twice the reply limit, counted from when the appeal was logged.</summary>
    LongOverdueReplies = 5,

    /// <summary>
    /// Rated unsatisfied (1 or 2) and flagged to the office: still open (handled again, 发回重办), or
    /// closed within the last <see cref="SupervisionQueues.UnsatisfiedClosedDays"/> days.
    /// </summary>
    Unsatisfied = 6,
}

/// <summary>Narrows a queue: the handler's jurisdiction, department or self, the topic, the days logged (China dates, inclusive).</summary>
public sealed record QueueFilter(
    string? Jurisdiction = null, int? DepartmentId = null, int? CadreId = null, int? TopicId = null, DateOnly? LoggedFrom = null, DateOnly? LoggedTo = null)
{
    public static QueueFilter None { get; } = new();
}

public sealed record QueueRow(
    long AppealId,
    string TrackingCode,
    DateTimeOffset LoggedAt,
    AppealStatus Status,
    int HandlerCadreId,
    string HandlerName,
    string HandlerPosition,
    string DepartmentZh,
    string DepartmentEn,
    string TopicZh,
    string TopicEn,
    string? CallerPhoneMasked,
    string? CallerPhoneCipher,
    DateTimeOffset Deadline,
    int WorkingDaysLate,
    int? RatingScore,
    DateTimeOffset? LastReminderAt = null,
    string? LastReminderBy = null,
    string HandlerNamePinyin = "",
    string HandlerPositionEn = "");

/// <summary>A page of a queue; <paramref name="Recounted"/>: the kept counts disagreed with the rows and were counted again.</summary>
public sealed record QueuePage(QueueKind Kind, IReadOnlyList<QueueRow> Rows, int Total, int Page, int PageSize, bool Recounted = false)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>
/// Builds each queue as one query over the appeals, sorted by its deadline (the earliest deadline is
/// the latest in working days, so the database can sort and page without computing lateness), with a
/// COUNT for the total. Every predicate is a range on an indexed deadline.
/// </summary>
public sealed class SupervisionQueues(HotlineDbContext db)
{


    /// <summary>How long a closed unsatisfied appeal stays in its queue; older ones are in the scorecards and exports of their period.</summary>
    public const int UnsatisfiedClosedDays = 30;

    public static IReadOnlyList<QueueKind> All { get; } = Enum.GetValues<QueueKind>();

    public IQueryable<Appeal> Members(QueueKind kind, QueueFilter filter, AppealClock clock, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(clock);
        now = now.ToUniversalTime();
        var appeals = db.Appeals.AsNoTracking();
        appeals = kind switch
        {
            QueueKind.MissedCalls => appeals.Where(a => AppealStatuses.Open.Contains(a.Status) && a.CallbackDueAt != null && a.CallbackDueAt <= now),
            QueueKind.NoFirstContact => appeals.Where(a => a.FirstContactAt == null && a.FirstContactDueAt <= now && AppealStatuses.Open.Contains(a.Status)),
            QueueKind.TransferNotAccepted => appeals.Where(a => a.TransferAcceptDueAt != null && a.TransferAcceptDueAt <= now && a.Status != AppealStatus.Closed),
            QueueKind.OverdueReplies => NotLongOverdue(appeals.Where(a => AppealStatuses.AwaitingReply.Contains(a.Status) && a.ReplyDueAt <= now), clock, now),
            QueueKind.LongOverdueReplies => LongOverdue(appeals.Where(a => AppealStatuses.AwaitingReply.Contains(a.Status) && a.ReplyDueAt <= now), clock, now),
            QueueKind.Unsatisfied => UnsatisfiedAwaitingReply(appeals).Concat(UnsatisfiedSettled(appeals, now)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        return Filter(appeals, filter);
    }

    public async Task<int> CountAsync(QueueKind kind, QueueFilter filter, AppealClock clock, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        (await PartCountsAsync(kind, filter, clock, now, cancellationToken)).Sum();

    /// <summary>
    /// Every queue's part counts for <paramref name="filter"/> (the counts on the queue tabs), kept by <paramref name="live"/>
    /// for <see cref="SupervisionOptions.LiveFiguresMaxAge"/>: the queue page and <c>/metrics</c> share them.
    /// </summary>
    public Task<Taken<Dictionary<QueueKind, IReadOnlyList<int>>>> CountAllAsync(
        LiveFigures live, QueueFilter filter, AppealClock clock, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(live);
        return live.GetAsync(("queues", filter), async ct =>
        {
            var parts = new Dictionary<QueueKind, IReadOnlyList<int>>();
            foreach (var kind in All)
            {
                parts[kind] = await PartCountsAsync(kind, filter, clock, now, ct);
            }

            return parts;
        }, cancellationToken);
    }

    /// <summary>The count of each of the queue's parts (<see cref="Parts"/>): one, or two for the unsatisfied queue.</summary>
    public async Task<IReadOnlyList<int>> PartCountsAsync(QueueKind kind, QueueFilter filter, AppealClock clock, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var counts = new List<int>();
        foreach (var part in Parts(kind, filter, clock, now))
        {
            counts.Add(await part.CountAsync(cancellationToken));
        }

        return counts;
    }

    /// <summary>
    /// A page of a queue. With <paramref name="partCounts"/> (taken a moment ago, <see cref="LiveFigures"/>) the
    /// queue is not counted again, unless the rows read disagree with those counts (a page holding more or fewer rows
    /// than they promise, or rows where they say none): then it is counted live and read again, so that a queue
    /// whose rows exist never says it is empty. The rows are read live either way.
    /// </summary>
    public async Task<QueuePage> PageAsync(
        QueueKind kind, QueueFilter filter, int page, int pageSize, AppealClock clock, DateTimeOffset now, CancellationToken cancellationToken = default,
        IReadOnlyList<int>? partCounts = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var parts = Parts(kind, filter, clock, now);
        var kept = partCounts is { } given && given.Count == parts.Count ? given : null;
        var counts = kept ?? await PartCountsAsync(kind, filter, clock, now, cancellationToken);
        var (rows, shownPage) = await ReadPageAsync(parts, counts, page, pageSize, cancellationToken);
        var recounted = false;
        if (kept is not null && !await AgreesAsync(parts, counts, rows.Count, shownPage, pageSize, cancellationToken))
        {
            counts = await PartCountsAsync(kind, filter, clock, now, cancellationToken);
            (rows, shownPage) = await ReadPageAsync(parts, counts, page, pageSize, cancellationToken);
            recounted = true;
        }

        return new QueuePage(kind, [.. rows.Select(r => Finish(r, kind, clock, now))], counts.Sum(), shownPage, pageSize, recounted);
    }

    private static async Task<(List<RawRow> Rows, int Page)> ReadPageAsync(
        List<IQueryable<RawRow>> parts, IReadOnlyList<int> counts, int page, int pageSize, CancellationToken cancellationToken)
    {
        var total = counts.Sum();
        var pageCount = Math.Max(1, (total + pageSize - 1) / pageSize);
        page = Math.Clamp(page, 1, pageCount);
        var skip = (page - 1) * pageSize;
        var rows = new List<RawRow>();
        for (var i = 0; i < parts.Count && rows.Count < pageSize; i++)
        {
            if (skip >= counts[i])
            {
                skip -= counts[i];
                continue;
            }

            rows.AddRange(await parts[i].Skip(skip).Take(pageSize - rows.Count).ToListAsync(cancellationToken));
            skip = 0;
        }

        return (rows, page);
    }

    /// <summary>Whether <paramref name="read"/> rows are what <paramref name="counts"/> promise for the page; with none promised, whether none exist.</summary>
    private static async Task<bool> AgreesAsync(
        List<IQueryable<RawRow>> parts, IReadOnlyList<int> counts, int read, int page, int pageSize, CancellationToken cancellationToken)
    {
        var total = counts.Sum();
        if (total == 0)
        {
            foreach (var part in parts)
            {
                if (await part.AnyAsync(cancellationToken))
                {
                    return false;
                }
            }

            return true;
        }

        return read == Math.Clamp(total - ((page - 1) * pageSize), 0, pageSize);
    }

    /// <summary>Every row of a queue, for an export; streamed, not held in memory.</summary>
    public async IAsyncEnumerable<QueueRow> AllAsync(
        QueueKind kind, QueueFilter filter, AppealClock clock, DateTimeOffset now,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var part in Parts(kind, filter, clock, now))
        {
            await foreach (var row in part.AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                yield return Finish(row, kind, clock, now);
            }
        }
    }

    /// <summary>
    /// The latest log instant (exclusive) of an appeal of this kind that is long overdue at
    /// <paramref name="now"/>: the deadline depends only on the China date logged and grows with it.
    /// </summary>
    public static DateTimeOffset LongOverdueLoggedBefore(AppealClock clock, TopicKind kind, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var date = ChinaTime.DateOf(now);
        while (clock.ReplyLongOverdue(ChinaTime.StartOf(date), kind) > now)
        {
            date = date.AddDays(-1);
        }

        return ChinaTime.StartOf(date.AddDays(1));
    }

    /// <summary>Reopened to be handled again (发回重办) and not yet answered anew: late by the new reply deadline.</summary>
    private static IQueryable<Appeal> UnsatisfiedAwaitingReply(IQueryable<Appeal> appeals) =>
        appeals.Where(a => a.FlaggedForSupervision && AppealStatuses.AwaitingReply.Contains(a.Status));

    /// <summary>Answered anew and awaiting the rating, or closed lately: nothing is late any more.</summary>
    private static IQueryable<Appeal> UnsatisfiedSettled(IQueryable<Appeal> appeals, DateTimeOffset now)
    {
        var closedSince = now.AddDays(-UnsatisfiedClosedDays);
        return appeals.Where(a => (a.FlaggedForSupervision && a.Status == AppealStatus.Replied)
            || (a.FlaggedForSupervision && a.Status == AppealStatus.Closed && a.ClosedAt >= closedSince));
    }

    private static IQueryable<Appeal> LongOverdue(IQueryable<Appeal> appeals, AppealClock clock, DateTimeOffset now)
    {
        var matter = LongOverdueLoggedBefore(clock, TopicKind.Matter, now);
        var consultation = LongOverdueLoggedBefore(clock, TopicKind.Consultation, now);
        return appeals.Where(a => (a.TopicKind == TopicKind.Matter && a.LoggedAt < matter) || (a.TopicKind == TopicKind.Consultation && a.LoggedAt < consultation));
    }

    private static IQueryable<Appeal> NotLongOverdue(IQueryable<Appeal> appeals, AppealClock clock, DateTimeOffset now)
    {
        var matter = LongOverdueLoggedBefore(clock, TopicKind.Matter, now);
        var consultation = LongOverdueLoggedBefore(clock, TopicKind.Consultation, now);
        return appeals.Where(a => (a.TopicKind == TopicKind.Matter && a.LoggedAt >= matter) || (a.TopicKind == TopicKind.Consultation && a.LoggedAt >= consultation));
    }

    private static IQueryable<Appeal> Filter(IQueryable<Appeal> appeals, QueueFilter filter)
    {
        if (!string.IsNullOrEmpty(filter.Jurisdiction))
        {
            appeals = appeals.Where(a => a.HandlerCadre.Department.Jurisdiction.Code == filter.Jurisdiction);
        }

        if (filter.DepartmentId is { } departmentId)
        {
            appeals = appeals.Where(a => a.HandlerCadre.DepartmentId == departmentId);
        }

        if (filter.CadreId is { } cadreId)
        {
            appeals = appeals.Where(a => a.HandlerCadreId == cadreId);
        }

        if (filter.TopicId is { } topicId)
        {
            appeals = appeals.Where(a => a.TopicId == topicId);
        }

        if (filter.LoggedFrom is { } from)
        {
            var start = ChinaTime.StartOf(from);
            appeals = appeals.Where(a => a.LoggedAt >= start);
        }

        if (filter.LoggedTo is { } to)
        {
            var end = ChinaTime.StartOf(to.AddDays(1));
            appeals = appeals.Where(a => a.LoggedAt < end);
        }

        return appeals;
    }

    /// <summary>
    /// A queue as one or more sorted queries read one after the other. The unsatisfied queue is two: the
    /// appeals still owing their new reply, by its deadline, then the settled ones, latest first; so each
    /// part sorts on its index and no query sorts on a computed expression.
    /// </summary>
    private List<IQueryable<RawRow>> Parts(QueueKind kind, QueueFilter filter, AppealClock clock, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(filter);
        now = now.ToUniversalTime();
        if (kind == QueueKind.Unsatisfied)
        {
            var appeals = db.Appeals.AsNoTracking();
            return
            [
                Project(Filter(UnsatisfiedAwaitingReply(appeals), filter).OrderBy(a => a.ReplyDueAt).ThenBy(a => a.Id)),
                Project(Filter(UnsatisfiedSettled(appeals, now), filter).OrderByDescending(a => a.Id)),
            ];
        }

        var members = Members(kind, filter, clock, now);
        var sorted = kind switch
        {
            QueueKind.MissedCalls => members.OrderBy(a => a.CallbackDueAt),
            QueueKind.NoFirstContact => members.OrderBy(a => a.FirstContactDueAt),
            QueueKind.TransferNotAccepted => members.OrderBy(a => a.TransferAcceptDueAt),
            _ => members.OrderBy(a => a.ReplyDueAt),
        };
        return [Project(sorted.ThenBy(a => a.Id))];
    }

    private static IQueryable<RawRow> Project(IQueryable<Appeal> sorted) => sorted.Select(a => new RawRow(
        a.Id, a.TrackingCode, a.LoggedAt, a.Status, a.HandlerCadreId, a.HandlerCadre.Name, a.HandlerCadre.Position,
        a.HandlerCadre.Department.NameZh, a.HandlerCadre.Department.NameEn, a.Topic.NameZh, a.Topic.NameEn,
        a.CallerPhoneMasked, a.CallerPhoneCipher, a.CallbackDueAt, a.FirstContactDueAt, a.TransferAcceptDueAt, a.ReplyDueAt, a.RatingScore,
        a.Events.Where(e => e.Kind == AppealEventKind.Reminder).OrderByDescending(e => e.Id).Select(e => (DateTimeOffset?)e.At).FirstOrDefault(),
        a.Events.Where(e => e.Kind == AppealEventKind.Reminder).OrderByDescending(e => e.Id).Select(e => e.Actor).FirstOrDefault(),
        a.HandlerCadre.NamePinyin, a.HandlerCadre.PositionEn));

    private static QueueRow Finish(RawRow r, QueueKind kind, AppealClock clock, DateTimeOffset now)
    {
        var deadline = kind switch
        {
            QueueKind.MissedCalls => r.CallbackDueAt!.Value,
            QueueKind.NoFirstContact => r.FirstContactDueAt,
            QueueKind.TransferNotAccepted => r.TransferAcceptDueAt!.Value,
            _ => r.ReplyDueAt,
        };
        // An unsatisfied appeal that has its new reply is not late, whatever its old deadline.
        var late = kind == QueueKind.Unsatisfied && !AppealStatuses.AwaitingReply.Contains(r.Status) ? 0 : clock.Calendar.WorkingDaysLate(deadline, now);
        return new QueueRow(
            r.Id, r.TrackingCode, r.LoggedAt, r.Status, r.HandlerCadreId, r.HandlerName, r.HandlerPosition, r.DepartmentZh, r.DepartmentEn,
            r.TopicZh, r.TopicEn, r.PhoneMasked, r.PhoneCipher, deadline, late, r.RatingScore, r.LastReminderAt, r.LastReminderBy,
            r.HandlerNamePinyin, r.HandlerPositionEn);
    }

    private sealed record RawRow(
        long Id, string TrackingCode, DateTimeOffset LoggedAt, AppealStatus Status, int HandlerCadreId, string HandlerName, string HandlerPosition,
        string DepartmentZh, string DepartmentEn, string TopicZh, string TopicEn, string? PhoneMasked, string? PhoneCipher,
        DateTimeOffset? CallbackDueAt, DateTimeOffset FirstContactDueAt, DateTimeOffset? TransferAcceptDueAt, DateTimeOffset ReplyDueAt, int? RatingScore,
        DateTimeOffset? LastReminderAt, string? LastReminderBy, string HandlerNamePinyin, string HandlerPositionEn);
}
