namespace Bozhou.Hotline.Core.Supervision;

public sealed record DayCount(DateOnly Date, int Count);

public sealed record OverdueDay(DateOnly Date, int LateCallbacks, int LateFirstContacts, int LateReplies);

public sealed record TopicCount(int TopicId, string TopicZh, string TopicEn, int Count);

public sealed record DepartmentHotSpots(int DepartmentId, string NameZh, string NameEn, int Total, IReadOnlyList<TopicCount> Topics);

public sealed record DashboardData(
    DateOnly From, DateOnly To, DateTimeOffset DataAsOf, IReadOnlyList<int> CallsByHour, IReadOnlyList<DayCount> AppealsPerDay,
    IReadOnlyList<DepartmentHotSpots> HotSpots, IReadOnlyList<OverdueDay> OverdueTrend);

/// <summary>
/// The pictures of PRODUCT §6: calls by hour of day (China time), appeals per day, the top topics per
/// department (热点), and the overdue trend (cases decided late, by the day their appeals were logged).
/// Per-day figures come from the roll-ups plus today live; the hours and topics are grouped in the
/// database over the period's appeals, whose span the page limits.
/// </summary>
public sealed class Dashboard(HotlineDbContext db, StatsRollup rollup)
{
    public const int MaxDays = 92;

    public const int TopicsPerDepartment = 5;

    public async Task<DashboardData> BuildAsync(DateOnly from, DateOnly to, AppealClock clock, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var today = ChinaTime.DateOf(now);
        var start = ChinaTime.StartOf(from);
        var end = ChinaTime.StartOf(to.AddDays(1));

        var perDay = await db.DailyCadreStats.AsNoTracking()
            .Where(s => s.Date >= from && s.Date <= to && s.Date < today)
            .GroupBy(s => s.Date)
            .Select(g => new
            {
                Date = g.Key,
                Logged = g.Sum(s => s.CallsLogged),
                LateCallbacks = g.Sum(s => s.CallbacksDue - s.CallbacksOnTime),
                LateFirstContacts = g.Sum(s => s.FirstContactsDue - s.FirstContactsOnTime),
                LateReplies = g.Sum(s => s.RepliesDue - s.RepliesOnTime),
            })
            .ToListAsync(cancellationToken);
        var byDate = perDay.ToDictionary(d => d.Date);
        if (from <= today && today <= to)
        {
            var live = await rollup.ComputeDayAsync(today, clock, now, cancellationToken);
            byDate[today] = new
            {
                Date = today,
                Logged = live.Sum(s => s.CallsLogged),
                LateCallbacks = live.Sum(s => s.CallbacksDue - s.CallbacksOnTime),
                LateFirstContacts = live.Sum(s => s.FirstContactsDue - s.FirstContactsOnTime),
                LateReplies = live.Sum(s => s.RepliesDue - s.RepliesOnTime),
            };
        }

        var days = new List<DateOnly>();
        for (var d = from; d <= to && d <= today; d = d.AddDays(1))
        {
            days.Add(d);
        }

        var appealsPerDay = days.Select(d => new DayCount(d, byDate.TryGetValue(d, out var x) ? x.Logged : 0)).ToList();
        var overdue = days.Select(d => byDate.TryGetValue(d, out var x)
            ? new OverdueDay(d, x.LateCallbacks, x.LateFirstContacts, x.LateReplies)
            : new OverdueDay(d, 0, 0, 0)).ToList();

        // Only the instants travel; the hour is taken in China time here, which no provider does alike.
        var hours = new int[24];
        var instants = db.CallAttempts.AsNoTracking().Where(c => c.At >= start && c.At < end).Select(c => c.At).AsAsyncEnumerable();
        await foreach (var at in instants.WithCancellation(cancellationToken))
        {
            hours[ChinaTime.ToChina(at).Hour]++;
        }

        // A duplicate is counted once, as its original (PRODUCT §4), as the per-day counts are.
        var topics = await db.Appeals.AsNoTracking()
            .Where(a => a.LoggedAt >= start && a.LoggedAt < end && a.DuplicateOfAppealId == null)
            .GroupBy(a => new { a.Cadre.DepartmentId, a.TopicId })
            .Select(g => new { g.Key.DepartmentId, g.Key.TopicId, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var departmentIds = topics.Select(t => t.DepartmentId).Distinct().ToList();
        var topicIds = topics.Select(t => t.TopicId).Distinct().ToList();
        var departments = await db.Departments.AsNoTracking().Where(d => departmentIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, cancellationToken);
        var topicNames = await db.Topics.AsNoTracking().Where(t => topicIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, cancellationToken);
        var hotSpots = topics.GroupBy(t => t.DepartmentId)
            .Select(g => new DepartmentHotSpots(
                g.Key, departments[g.Key].NameZh, departments[g.Key].NameEn, g.Sum(t => t.Count),
                [.. g.OrderByDescending(t => t.Count).ThenBy(t => t.TopicId).Take(TopicsPerDepartment)
                    .Select(t => new TopicCount(t.TopicId, topicNames[t.TopicId].NameZh, topicNames[t.TopicId].NameEn, t.Count))]))
            .OrderByDescending(d => d.Total).ThenBy(d => d.DepartmentId)
            .ToList();

        var asOf = to < today ? ChinaTime.StartOf(to.AddDays(1)) : now;
        return new DashboardData(from, to, asOf, hours, appealsPerDay, hotSpots, overdue);
    }
}
