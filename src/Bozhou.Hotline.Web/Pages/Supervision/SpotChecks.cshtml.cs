using Bozhou.Hotline.Web.Hosting;

namespace Bozhou.Hotline.Web.Pages.Supervision;

/// <summary>Spot checks (抽查): today's draw, each dial's outcome, the history and the answer rates.</summary>
public class SpotChecksModel(
    HotlineDbContext db, SpotChecks spotChecks, Scorecards scorecards, AppealClockSource clocks, TimeProvider time, IOptions<SupervisionOptions> options,
    IStringLocalizer<SupervisionResource> localizer) : PageModel
{
    public const int HistoryRounds = 60;

    public DateOnly Today { get; private set; }

    public bool IsWorkingDay { get; private set; }

    public SpotCheckRound? Current { get; private set; }

    public IReadOnlyList<SpotCheckRound> History { get; private set; } = [];

    public IReadOnlyDictionary<int, CadreName> Cadres { get; private set; } = new Dictionary<int, CadreName>();

    public ReportPeriod Period { get; private set; } = null!;

    public Scorecard CadreRates { get; private set; } = null!;

    public Scorecard DepartmentRates { get; private set; } = null!;

    public int Size => options.Value.SpotCheckSize;

    public async Task OnGetAsync(string? period, CancellationToken cancellationToken)
    {
        await LoadAsync(period, cancellationToken);
    }

    public async Task<IActionResult> OnPostDrawAsync([SingleLine] string? reason, CancellationToken cancellationToken)
    {
        if (reason is { Length: > 1000 })
        {
            this.Flash(localizer["Spot.ReasonTooLong"]);
            return RedirectToPage();
        }

        var clock = await clocks.GetAsync(cancellationToken);
        var (result, _) = await spotChecks.DrawAsync(Size, reason, User.ToActor(), clock.Calendar, time.GetUtcNow(), cancellationToken);
        this.Flash(localizer[$"Spot.Draw.{result}"]);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRecordAsync(long roundId, int cadreId, SpotCheckOutcome outcome, string? calledAt, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var at = now;
        if (!Enum.IsDefined(outcome))
        {
            this.Flash(localizer["Spot.OutcomeRequired"]);
            return RedirectToPage();
        }

        if (!string.IsNullOrWhiteSpace(calledAt))
        {
            if (!TimeOnly.TryParseExact(calledAt, "HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var time0))
            {
                this.Flash(localizer["Spot.TimeInvalid"]);
                return RedirectToPage();
            }

            var round = await db.SpotCheckRounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId, cancellationToken);
            at = ChinaTime.At(round?.Date ?? ChinaTime.DateOf(now), time0);
            if (at > now)
            {
                this.Flash(localizer["Spot.TimeInFuture"]);
                return RedirectToPage();
            }
        }

        var result = await spotChecks.RecordAsync(roundId, cadreId, outcome, at, User.ToActor(), now, cancellationToken);
        this.Flash(localizer[$"Spot.Record.{result}"]);
        return RedirectToPage();
    }

    private async Task LoadAsync(string? period, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var clock = await clocks.GetAsync(cancellationToken);
        Today = ChinaTime.DateOf(now);
        IsWorkingDay = clock.Calendar.IsWorkingDay(Today);
        Current = await spotChecks.CurrentAsync(Today, cancellationToken);
        History = await db.SpotCheckRounds.AsNoTracking().Include(r => r.Calls)
            .OrderByDescending(r => r.Date).ThenByDescending(r => r.Id).Take(HistoryRounds).ToListAsync(cancellationToken);
        var ids = History.SelectMany(r => r.Drawn).Distinct().ToList();
        var en = SupervisionFormat.IsEnglish;
        Cadres = await db.Cadres.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new CadreName(c.Id, c.Name, c.NamePinyin, en && c.PositionEn != "" ? c.PositionEn : c.Position, c.Department.NameZh, c.Department.NameEn, c.Mobile, c.OfficePhone))
            .ToDictionaryAsync(c => c.Id, cancellationToken);
        Period = ReportPeriod.TryParse(period, out var p) ? p : ReportPeriod.MonthOf(Today);
        CadreRates = await scorecards.BuildAsync(ScorecardLevel.Cadre, Period, ScorecardMetric.SpotCheckAnswerRate, null, clock, now, cancellationToken: cancellationToken);
        DepartmentRates = await scorecards.BuildAsync(ScorecardLevel.Department, Period, ScorecardMetric.SpotCheckAnswerRate, null, clock, now, cancellationToken: cancellationToken);
    }

    /// <summary>A drawn cadre as the checker dials them: the published mobile (E.164) and the office phone, if any.</summary>
    public sealed record CadreName(int Id, string Name, string NamePinyin, string Position, string DepartmentZh, string DepartmentEn, string Mobile, string? OfficePhone);
}
