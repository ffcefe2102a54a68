using Bozhou.Hotline.Web.Hosting;

namespace Bozhou.Hotline.Web.Pages.Supervision;

/// <summary>
/// The printable monthly bulletin (通报) of one jurisdiction: the ranking tables, what is overdue now,
/// the month's spot checks, the month's rising terms (本月热点: the month against the three before it, see
/// <see cref="TrendWindow.Monthly"/>), with the period and the data's date.
/// </summary>
public class BulletinModel(HotlineDbContext db, RisingTerms rising, Scorecards scorecards, SupervisionQueues queues, AppealClockSource clocks, TimeProvider time) : PageModel
{
    public const int OverdueRows = 100;

    public Jurisdiction Jurisdiction { get; private set; } = null!;

    public IReadOnlyList<Jurisdiction> Jurisdictions { get; private set; } = [];

    public ReportPeriod Month { get; private set; } = null!;

    public Scorecard Cadres { get; private set; } = null!;

    public Scorecard Departments { get; private set; } = null!;

    public IReadOnlyList<(QueueKind Kind, QueuePage Page)> Overdue { get; private set; } = [];

    public IReadOnlyList<SpotCheckLine> SpotCheckLines { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    /// <summary>本月热点: the jurisdiction's terms rising in the month against the three months before.</summary>
    public TrendList HotTerms { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string? jurisdiction, string? month, CancellationToken cancellationToken)
    {
        Now = time.GetUtcNow();
        Jurisdictions = await db.Jurisdictions.AsNoTracking().OrderBy(j => j.Order).ToListAsync(cancellationToken);
        var code = string.IsNullOrWhiteSpace(jurisdiction) ? Jurisdictions.FirstOrDefault()?.Code : jurisdiction.Trim();
        var found = Jurisdictions.FirstOrDefault(j => j.Code == code);
        if (found is null)
        {
            return NotFound();
        }

        Jurisdiction = found;
        var today = ChinaTime.DateOf(Now);
        Month = month is { Length: 7 } && ReportPeriod.TryParse(month, out var m) ? m : ReportPeriod.MonthOf(today);

        var clock = await clocks.GetAsync(cancellationToken);
        Cadres = await scorecards.BuildAsync(ScorecardLevel.Cadre, Month, ScorecardMetric.AnswerRate, Jurisdiction.Code, clock, Now, cancellationToken: cancellationToken);
        Departments = await scorecards.BuildAsync(ScorecardLevel.Department, Month, ScorecardMetric.AnswerRate, Jurisdiction.Code, clock, Now, cancellationToken: cancellationToken);

        var filter = new QueueFilter(Jurisdiction: Jurisdiction.Code);
        var overdue = new List<(QueueKind, QueuePage)>();
        foreach (var kind in new[] { QueueKind.LongOverdueReplies, QueueKind.OverdueReplies, QueueKind.NoFirstContact, QueueKind.MissedCalls })
        {
            overdue.Add((kind, await queues.PageAsync(kind, filter, 1, OverdueRows, clock, Now, cancellationToken)));
        }

        Overdue = overdue;
        // Positions in the reader's language (the Chinese one where no English form is given).
        var en = SupervisionFormat.IsEnglish;
        SpotCheckLines = await db.SpotCheckCalls.AsNoTracking()
            .Join(db.SpotCheckRounds.Where(r => r.Date >= Month.From && r.Date <= Month.To), c => c.RoundId, r => r.Id, (c, r) => new { c, r.Date })
            .Join(db.Cadres.Where(x => x.Department.Jurisdiction.Code == Jurisdiction.Code), x => x.c.CadreId, cadre => cadre.Id,
                (x, cadre) => new SpotCheckLine(x.Date, cadre.Name, en && cadre.PositionEn != "" ? cadre.PositionEn : cadre.Position, cadre.Department.NameZh, cadre.Department.NameEn, x.c.Outcome, x.c.CalledAt, x.c.Checker))
            .ToListAsync(cancellationToken);
        SpotCheckLines = [.. SpotCheckLines.OrderBy(l => l.Date).ThenBy(l => l.CalledAt)];
        Overrides = await db.InterviewCases.AsNoTracking()
            .Where(c => c.OverrideReason != null && c.HeldOn >= Month.From && c.HeldOn <= Month.To)
            .Join(db.Cadres.Where(x => x.Department.Jurisdiction.Code == Jurisdiction.Code), c => c.CadreId, cadre => cadre.Id,
                (c, cadre) => new OverrideLine(c.HeldOn, c.Kind, cadre.Name, en && cadre.PositionEn != "" ? cadre.PositionEn : cadre.Position, c.OverrideReason!, c.CreatedBy))
            .ToListAsync(cancellationToken);
        Overrides = [.. Overrides.OrderBy(o => o.HeldOn)];
        HotTerms = await rising.FindAsync(new TrendScope(TrendScopeKind.Jurisdiction, Jurisdiction.Id), TrendWindow.Monthly(Month.From, today), cancellationToken);
        return Page();
    }

    public string MonthTitle => SupervisionFormat.IsEnglish
        ? Month.From.ToString("MMMM yyyy", CultureInfo.GetCultureInfo("en"))
        : $"{Month.From.Year}年{Month.From.Month}月";

    /// <summary>The month's interviews and referrals taken out of the ladder's order, with their written reasons.</summary>
    public IReadOnlyList<OverrideLine> Overrides { get; private set; } = [];

    public sealed record OverrideLine(DateOnly HeldOn, EscalationKind Kind, string Name, string Position, string Reason, string By);

    public sealed record SpotCheckLine(DateOnly Date, string Name, string Position, string DepartmentZh, string DepartmentEn, SpotCheckOutcome Outcome, DateTimeOffset CalledAt, string Checker);
}
