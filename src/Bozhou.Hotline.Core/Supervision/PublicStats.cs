using Bozhou.Hotline.Core.Settings;

namespace Bozhou.Hotline.Core.Supervision;

/// <summary>Which last full period the public page shows.</summary>
public enum PublicPeriodKind
{
    Month = 1,
    Quarter = 2,
    Year = 3,
}

/// <summary>One table of the public page: its rows in the directory's order, the period, and when it was counted.</summary>
/// <param name="CountedAt">When the rows were summed (UTC). The period's appeals may still change (a rating given after the
/// period's end): the daily roll-ups follow them, and the page is counted again whenever one is stored.</param>
public sealed record PublicStatsTable(
    ScorecardLevel Level, PublicPeriodKind Kind, ReportPeriod Period, string? Jurisdiction, IReadOnlyList<ScorecardRow> Rows, DateTimeOffset CountedAt);

/// <summary>
/// The public responsiveness page (<c>/stats</c>, PRODUCT §6 and §8b): per jurisdiction, department or cadre, for the last
/// full month, quarter or year, the calls logged and the rates of <see cref="Metrics"/>, by the scorecards' method (the
/// daily roll-ups summed, a rate only from 10 cases up with its Wilson 95% interval; <c>docs/rates.md</c>). Published
/// only while an administrator has switched it on (<see cref="SavedSettings.PublicStatsEnabled"/>). It holds counts and
/// the directory's public names and positions, never a caller's data.
/// </summary>
public sealed class PublicStats(HotlineDbContext db, Scorecards scorecards, SettingsStore settings, AppealClockSource clocks)
{
    /// <summary>The rates the public page shows, in its order: the call-answer figures, then the three rates (三率).</summary>
    public static IReadOnlyList<ScorecardMetric> Metrics { get; } =
    [
        ScorecardMetric.AnswerRate, ScorecardMetric.CallbacksOnTime, ScorecardMetric.FirstContactOnTime,
        ScorecardMetric.Resolution, ScorecardMetric.Satisfaction,
    ];

    /// <summary>Whether the page is switched on now (the settings in force, kept until a save on any instance).</summary>
    public async Task<bool> IsPublishedAsync(CancellationToken cancellationToken = default) =>
        (await settings.GetAsync(cancellationToken)).PublicStatsEnabled;

    /// <summary>
    /// The last full month, quarter or year before <paramref name="today"/> (a China date): on 15 May 2026 the month is
    /// April 2026, the quarter 2026-Q1 and the year 2025; on 1 April 2026 the quarter is 2026-Q1.
    /// </summary>
    public static ReportPeriod LastFull(PublicPeriodKind kind, DateOnly today)
    {
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        string code;
        switch (kind)
        {
            case PublicPeriodKind.Month:
                code = thisMonth.AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
                break;
            case PublicPeriodKind.Quarter:
                var lastQuarterEnd = new DateOnly(today.Year, (((today.Month - 1) / 3) * 3) + 1, 1).AddDays(-1);
                code = $"{lastQuarterEnd.Year}-Q{((lastQuarterEnd.Month - 1) / 3) + 1}";
                break;
            case PublicPeriodKind.Year:
                code = (today.Year - 1).ToString(CultureInfo.InvariantCulture);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }

        return ReportPeriod.TryParse(code, out var period) ? period : throw new ArgumentOutOfRangeException(nameof(today));
    }

    /// <summary>The jurisdictions a visitor may choose, in protocol order: (code, Chinese name, English name).</summary>
    public async Task<IReadOnlyList<(string Code, string NameZh, string NameEn)>> JurisdictionsAsync(CancellationToken cancellationToken = default) =>
        (await db.Jurisdictions.AsNoTracking().OrderBy(j => j.Order).ThenBy(j => j.Id).Select(j => new { j.Code, j.NameZh, j.NameEn }).ToListAsync(cancellationToken))
            .Select(j => (j.Code, j.NameZh, j.NameEn)).ToList();

    /// <summary>
    /// The table of <paramref name="level"/> for the last full period of <paramref name="kind"/> at <paramref name="now"/>
    /// (UTC), only the cadres of <paramref name="jurisdiction"/> (a code) when given.
    /// </summary>
    public async Task<PublicStatsTable> BuildAsync(
        ScorecardLevel level, PublicPeriodKind kind, string? jurisdiction, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var period = LastFull(kind, ChinaTime.DateOf(now));
        var clock = await clocks.GetAsync(cancellationToken);
        var (rows, _, _) = await scorecards.RowsAsync(level, period, jurisdiction, clock, now, cancellationToken);
        return new PublicStatsTable(level, kind, period, jurisdiction, rows, now);
    }
}
