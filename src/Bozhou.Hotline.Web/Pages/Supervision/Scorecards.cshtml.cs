using Bozhou.Hotline.Web.Hosting;

namespace Bozhou.Hotline.Web.Pages.Supervision;

/// <summary>
/// Scorecards per cadre or department for a month, quarter or year, ranked by the chosen rate, shown
/// <see cref="PageSize"/> ranks at a time: the whole ranking of 1,000 cadres is 7,000 cells, heavy to send and
/// to read, and the CSV export below the table holds every row.
/// </summary>
public class ScorecardsModel(HotlineDbContext db, Scorecards scorecards, AppealClockSource clocks, TimeProvider time) : PageModel
{
    public const int PageSize = 100;

    public Scorecard Card { get; private set; } = null!;

    /// <summary>The card with only this page's rows.</summary>
    public Scorecard Shown { get; private set; } = null!;

    public int PageNumber { get; private set; } = 1;

    public int PageCount => Math.Max(1, (Card.Rows.Count + PageSize - 1) / PageSize);

    public string? Jurisdiction { get; private set; }

    public bool PeriodInvalid { get; private set; }

    public IReadOnlyList<(string Code, string Name)> Jurisdictions { get; private set; } = [];

    public async Task OnGetAsync(
        ScorecardLevel? level, string? period, ScorecardMetric? metric, string? jurisdiction, [FromQuery(Name = "p")] int pageNumber = 1,
        CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var clock = await clocks.GetAsync(cancellationToken);
        PeriodInvalid = !string.IsNullOrEmpty(period) && !ReportPeriod.TryParse(period, out _);
        var reportPeriod = ReportPeriod.TryParse(period, out var p) ? p : ReportPeriod.MonthOf(ChinaTime.DateOf(now));
        Jurisdiction = string.IsNullOrWhiteSpace(jurisdiction) ? null : jurisdiction.Trim();
        var lvl = level is { } l && Enum.IsDefined(l) ? l : ScorecardLevel.Cadre;
        var rankBy = metric is { } m && Enum.IsDefined(m) ? m : ScorecardMetric.AnswerRate;
        Card = await scorecards.BuildAsync(lvl, reportPeriod, rankBy, Jurisdiction, clock, now, cancellationToken: cancellationToken);
        PageNumber = Math.Clamp(pageNumber, 1, PageCount);
        Shown = Card with { Rows = [.. Card.Rows.Skip((PageNumber - 1) * PageSize).Take(PageSize)] };
        Jurisdictions = (await db.Jurisdictions.AsNoTracking().OrderBy(j => j.Order).ToListAsync(cancellationToken))
            .Select(j => (j.Code, SupervisionFormat.Name(j.NameZh, j.NameEn))).ToList();
    }

    public string Link(ScorecardLevel? level = null, ScorecardMetric? metric = null, int page = 1) =>
        $"/supervision/scorecards?level={(level ?? Card.Level).ToString().ToLowerInvariant()}&period={Card.Period.Code}&metric={metric ?? Card.RankedBy}"
        + (Jurisdiction is null ? "" : $"&jurisdiction={Uri.EscapeDataString(Jurisdiction)}")
        + (page > 1 ? $"&p={page}" : "");
}
