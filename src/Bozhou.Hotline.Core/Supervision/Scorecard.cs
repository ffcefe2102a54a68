using System.Text.RegularExpressions;

namespace Bozhou.Hotline.Core.Supervision;

/// <summary>What one row of a scorecard counts: a cadre, a department (its cadres) or a jurisdiction (its departments' cadres).</summary>
public enum ScorecardLevel
{
    Cadre = 1,
    Department = 2,
    Jurisdiction = 3,
}

/// <summary>
/// The rates of PRODUCT §6 a scorecard shows and can rank by. <see cref="FirstContactOnTime"/> is 12345 practice's
/// response rate (响应率) and <see cref="Resolution"/> its resolution rate (解决率); with <see cref="Satisfaction"/>
/// (满意率) they are the three rates (三率). Each is defined in <c>docs/rates.md</c>.
/// </summary>
public enum ScorecardMetric
{
    AnswerRate = 1,
    CallbacksOnTime = 2,
    FirstContactOnTime = 3,
    RepliesOnTime = 4,
    Satisfaction = 5,
    SpotCheckAnswerRate = 6,
    Resolution = 7,
}

/// <summary>A month (<c>2026-03</c>), quarter (<c>2026-Q1</c>) or year (<c>2026</c>), as China dates.</summary>
public sealed partial record ReportPeriod(string Code, DateOnly From, DateOnly To)
{
    /// <summary>Reads a period as typed: full-width forms folded, case and surrounding spaces ignored.</summary>
    public static bool TryParse(string? code, out ReportPeriod period)
    {
        period = null!;
        code = TypedText.Fold(code)?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(code))
        {
            return false;
        }

        var match = Shape().Match(code);
        if (!match.Success)
        {
            return false;
        }

        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (!SupportedDates.ContainsYear(year))
        {
            return false;
        }

        if (match.Groups["month"].Success)
        {
            var month = int.Parse(match.Groups["month"].Value, CultureInfo.InvariantCulture);
            if (month is < 1 or > 12)
            {
                return false;
            }

            var first = new DateOnly(year, month, 1);
            period = new ReportPeriod(code, first, first.AddMonths(1).AddDays(-1));
        }
        else if (match.Groups["quarter"].Success)
        {
            var quarter = int.Parse(match.Groups["quarter"].Value, CultureInfo.InvariantCulture);
            var first = new DateOnly(year, ((quarter - 1) * 3) + 1, 1);
            period = new ReportPeriod(code, first, first.AddMonths(3).AddDays(-1));
        }
        else
        {
            period = new ReportPeriod(code, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        }

        return true;
    }

    /// <summary>The month of a China date, e.g. the current month.</summary>
    public static ReportPeriod MonthOf(DateOnly date)
    {
        var first = new DateOnly(date.Year, date.Month, 1);
        return new ReportPeriod(first.ToString("yyyy-MM", CultureInfo.InvariantCulture), first, first.AddMonths(1).AddDays(-1));
    }

    // ASCII digits only: \d would also take other scripts' digits, which int.Parse then refuses with an exception.
    [GeneratedRegex(@"^(?<year>[0-9]{4})(-(?<month>[0-9]{2})|-Q(?<quarter>[1-4]))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}

/// <summary>One cadre's or department's counts for a period, with each metric's rate estimate.</summary>
public sealed class ScorecardRow
{
    public int Id { get; init; }

    public string NameZh { get; init; } = "";

    public string NameEn { get; init; } = "";

    /// <summary>For a cadre, the position; for a department, its jurisdiction.</summary>
    public string DetailZh { get; init; } = "";

    public string DetailEn { get; init; } = "";

    public DailyCadreStats Counts { get; } = new();

    public int SpotCheckAnswered { get; set; }

    public int SpotCheckCalls { get; set; }

    public RateEstimate Estimate(ScorecardMetric metric) => metric switch
    {
        ScorecardMetric.AnswerRate => new(Counts.CallsAnswered, Counts.CallAttempts),
        ScorecardMetric.CallbacksOnTime => new(Counts.CallbacksOnTime, Counts.CallbacksDue),
        ScorecardMetric.FirstContactOnTime => new(Counts.FirstContactsOnTime, Counts.FirstContactsDue),
        ScorecardMetric.RepliesOnTime => new(Counts.RepliesOnTime, Counts.RepliesDue),
        ScorecardMetric.Resolution => new(Counts.SaidResolved, Counts.ResolutionAnswers),
        ScorecardMetric.Satisfaction => new(Counts.RatingsSatisfied, Counts.Ratings),
        ScorecardMetric.SpotCheckAnswerRate => new(SpotCheckAnswered, SpotCheckCalls),
        _ => throw new ArgumentOutOfRangeException(nameof(metric)),
    };
}

public sealed record Scorecard(
    ScorecardLevel Level, ReportPeriod Period, ScorecardMetric RankedBy, DateTimeOffset DataAsOf, bool DataComplete, IReadOnlyList<Ranked<ScorecardRow>> Rows);

/// <summary>
/// Scorecards per cadre or department (PRODUCT §6): counts summed from the daily roll-ups of the closed
/// days plus today's computed live, rates shown from 10 cases up with their Wilson interval, ranked by
/// the chosen metric and then by the interval's lower bound, ties sharing a rank.
/// </summary>
public sealed class Scorecards(HotlineDbContext db, StatsRollup rollup, SpotChecks spotChecks, RollupSums sums, LiveFigures live)
{
    /// <summary>Every metric, in the order the tables show them: the three rates (response, resolution, satisfaction) side by side.</summary>
    public static IReadOnlyList<ScorecardMetric> Metrics { get; } =
    [
        ScorecardMetric.AnswerRate, ScorecardMetric.CallbacksOnTime, ScorecardMetric.FirstContactOnTime, ScorecardMetric.RepliesOnTime,
        ScorecardMetric.Resolution, ScorecardMetric.Satisfaction, ScorecardMetric.SpotCheckAnswerRate,
    ];

    /// <summary>
    /// The scorecard of <paramref name="period"/> (China dates) at <paramref name="level"/>, ranked by <paramref name="rankBy"/>;
    /// only the cadres of <paramref name="jurisdiction"/> (its code) when given. Counts as of <paramref name="now"/> (UTC).
    /// </summary>
    public async Task<Scorecard> BuildAsync(
        ScorecardLevel level, ReportPeriod period, ScorecardMetric rankBy, string? jurisdiction, AppealClock clock, DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        var (rows, asOf, complete) = await RowsAsync(level, period, jurisdiction, clock, now, cancellationToken);
        return new Scorecard(level, period, rankBy, asOf, complete, Ranking.Rank(rows, r => r.Estimate(rankBy)));
    }

    /// <summary>
    /// The rows of <paramref name="period"/> at <paramref name="level"/> in the directory's order (jurisdiction, department,
    /// protocol order), unranked: every cadre who held a post at some time in the period, every department and jurisdiction
    /// of one of them. Also when the counts were taken and whether the period is over (then they are as of its end).
    /// </summary>
    public async Task<(IReadOnlyList<ScorecardRow> Rows, DateTimeOffset DataAsOf, bool Complete)> RowsAsync(
        ScorecardLevel level, ReportPeriod period, string? jurisdiction, AppealClock clock, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(period);
        var (perCadre, liveAt) = await CadreCountsAsync(period, clock, now, cancellationToken);
        var spot = await spotChecks.AnswerCountsAsync(period.From, period.To, cancellationToken);

        var cadres = db.Cadres.AsNoTracking()
            .Where(c => c.PostStart <= period.To && (c.PostEnd == null || c.PostEnd >= period.From));
        if (!string.IsNullOrEmpty(jurisdiction))
        {
            cadres = cadres.Where(c => c.Department.Jurisdiction.Code == jurisdiction);
        }

        var listed = await cadres
            .Select(c => new
            {
                c.Id, c.Name, c.NamePinyin, c.Position, c.PositionEn, c.DepartmentId, c.Department.JurisdictionId,
                DepartmentZh = c.Department.NameZh, DepartmentEn = c.Department.NameEn,
                JurisdictionZh = c.Department.Jurisdiction.NameZh, JurisdictionEn = c.Department.Jurisdiction.NameEn,
                JurisdictionOrder = c.Department.Jurisdiction.Order, DepartmentOrder = c.Department.Order, c.ProtocolOrder,
            })
            .ToListAsync(cancellationToken);
        var ordered = listed.OrderBy(c => c.JurisdictionOrder).ThenBy(c => c.JurisdictionId).ThenBy(c => c.DepartmentOrder).ThenBy(c => c.DepartmentId)
            .ThenBy(c => c.ProtocolOrder).ThenBy(c => c.Id);

        var rows = new Dictionary<int, ScorecardRow>();
        foreach (var c in ordered)
        {
            var key = level switch
            {
                ScorecardLevel.Cadre => c.Id,
                ScorecardLevel.Department => c.DepartmentId,
                _ => c.JurisdictionId,
            };
            if (!rows.TryGetValue(key, out var row))
            {
                row = level switch
                {
                    ScorecardLevel.Cadre => new ScorecardRow
                    {
                        Id = c.Id, NameZh = c.Name, NameEn = c.NamePinyin,
                        DetailZh = c.Position.StartsWith(c.DepartmentZh, StringComparison.Ordinal) ? c.Position : $"{c.DepartmentZh} {c.Position}",
                        DetailEn = $"{c.DepartmentEn}, {c.PositionEn}",
                    },
                    ScorecardLevel.Department => new ScorecardRow
                    {
                        Id = c.DepartmentId, NameZh = c.DepartmentZh, NameEn = c.DepartmentEn, DetailZh = c.JurisdictionZh, DetailEn = c.JurisdictionEn,
                    },
                    _ => new ScorecardRow { Id = c.JurisdictionId, NameZh = c.JurisdictionZh, NameEn = c.JurisdictionEn },
                };
                rows.Add(key, row);
            }

            if (perCadre.TryGetValue(c.Id, out var counts))
            {
                row.Counts.Add(counts);
            }

            if (spot.TryGetValue(c.Id, out var s))
            {
                row.SpotCheckAnswered += s.Answered;
                row.SpotCheckCalls += s.Calls;
            }
        }

        var today = ChinaTime.DateOf(now);
        var complete = period.To < today;
        var asOf = complete ? ChinaTime.StartOf(period.To.AddDays(1)) : liveAt;
        return ([.. rows.Values], asOf, complete);
    }

    /// <summary>
    /// Each cadre's summed counts over the period, up to today, and when today's were computed: the closed days
    /// from the daily roll-ups, today's computed from the appeals and shared for a short while (<see cref="LiveFigures"/>).
    /// </summary>
    public async Task<(Dictionary<int, DailyCadreStats> Counts, DateTimeOffset LiveAt)> CadreCountsAsync(
        ReportPeriod period, AppealClock clock, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(period);
        var today = ChinaTime.DateOf(now);
        var totals = new Dictionary<int, DailyCadreStats>();
        var lastClosed = period.To < today ? period.To : today.AddDays(-1);
        var stored = await sums.GetAsync(period.From, lastClosed, () => db.DailyCadreStats.AsNoTracking()
            .Where(s => s.Date >= period.From && s.Date <= lastClosed)
            .GroupBy(s => s.CadreId)
            .Select(g => new DailyCadreStats
            {
                CadreId = g.Key,
                CallsLogged = g.Sum(s => s.CallsLogged),
                CallAttempts = g.Sum(s => s.CallAttempts),
                CallsAnswered = g.Sum(s => s.CallsAnswered),
                CallbacksDue = g.Sum(s => s.CallbacksDue),
                CallbacksOnTime = g.Sum(s => s.CallbacksOnTime),
                FirstContactsDue = g.Sum(s => s.FirstContactsDue),
                FirstContactsOnTime = g.Sum(s => s.FirstContactsOnTime),
                RepliesDue = g.Sum(s => s.RepliesDue),
                RepliesOnTime = g.Sum(s => s.RepliesOnTime),
                Ratings = g.Sum(s => s.Ratings),
                RatingsSatisfied = g.Sum(s => s.RatingsSatisfied),
                ResolutionAnswers = g.Sum(s => s.ResolutionAnswers),
                SaidResolved = g.Sum(s => s.SaidResolved),
                ExtensionsRequested = g.Sum(s => s.ExtensionsRequested),
                ExtensionsApproved = g.Sum(s => s.ExtensionsApproved),
            })
            .ToListAsync(cancellationToken));
        foreach (var s in stored)
        {
            Accumulate(totals, s);
        }

        var liveAt = now;
        if (period.From <= today && today <= period.To)
        {
            var taken = await live.GetAsync<IReadOnlyList<DailyCadreStats>>(
                ("today", today), async ct => await rollup.ComputeDayAsync(today, clock, now, ct), cancellationToken);
            liveAt = taken.At;
            foreach (var s in taken.Value)
            {
                Accumulate(totals, s);
            }
        }

        return (totals, liveAt);
    }

    private static void Accumulate(Dictionary<int, DailyCadreStats> totals, DailyCadreStats day)
    {
        if (!totals.TryGetValue(day.CadreId, out var total))
        {
            total = new DailyCadreStats { CadreId = day.CadreId };
            totals.Add(day.CadreId, total);
        }

        total.Add(day);
    }
}
