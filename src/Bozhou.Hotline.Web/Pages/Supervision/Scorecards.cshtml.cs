using Bozhou.Hotline.Core.Calendar;
using Bozhou.Hotline.Core.Data;
using Bozhou.Hotline.Core.Supervision;
using Bozhou.Hotline.Web.Hosting;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Bozhou.Hotline.Web.Pages.Supervision;

/// <summary>Scorecards per cadre or department for a month, quarter or year, ranked by the chosen rate.</summary>
public class ScorecardsModel(HotlineDbContext db, Scorecards scorecards, AppealClockSource clocks, TimeProvider time) : PageModel
{
    public Scorecard Card { get; private set; } = null!;

    public string? Jurisdiction { get; private set; }

    public bool PeriodInvalid { get; private set; }

    public IReadOnlyList<(string Code, string Name)> Jurisdictions { get; private set; } = [];

    public async Task OnGetAsync(ScorecardLevel? level, string? period, ScorecardMetric? metric, string? jurisdiction, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var clock = await clocks.GetAsync(cancellationToken);
        PeriodInvalid = !string.IsNullOrEmpty(period) && !ReportPeriod.TryParse(period, out _);
        var reportPeriod = ReportPeriod.TryParse(period, out var p) ? p : ReportPeriod.MonthOf(ChinaTime.DateOf(now));
        Jurisdiction = string.IsNullOrWhiteSpace(jurisdiction) ? null : jurisdiction.Trim();
        var lvl = level is { } l && Enum.IsDefined(l) ? l : ScorecardLevel.Cadre;
        var rankBy = metric is { } m && Enum.IsDefined(m) ? m : ScorecardMetric.AnswerRate;
        Card = await scorecards.BuildAsync(lvl, reportPeriod, rankBy, Jurisdiction, clock, now, cancellationToken: cancellationToken);
        Jurisdictions = (await db.Jurisdictions.AsNoTracking().OrderBy(j => j.Order).ToListAsync(cancellationToken))
            .Select(j => (j.Code, SupervisionFormat.Name(j.NameZh, j.NameEn))).ToList();
    }

    public string Link(ScorecardLevel? level = null, ScorecardMetric? metric = null) =>
        $"/supervision/scorecards?level={(level ?? Card.Level).ToString().ToLowerInvariant()}&period={Card.Period.Code}&metric={metric ?? Card.RankedBy}"
        + (Jurisdiction is null ? "" : $"&jurisdiction={Uri.EscapeDataString(Jurisdiction)}");
}
