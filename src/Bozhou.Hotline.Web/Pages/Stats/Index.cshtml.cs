using Bozhou.Hotline.Web.Pages.Supervision;
using CsvHelper;
using Microsoft.AspNetCore.OutputCaching;

namespace Bozhou.Hotline.Web.Pages.Stats;

/// <summary>
/// The public responsiveness page (PRODUCT §6, §8b): per jurisdiction, department or cadre, for the last full month,
/// quarter or year, the calls logged and the rates of <see cref="PublicStats.Metrics"/>, each from 10 cases up with its
/// Wilson interval, how they are counted, and the same table as CSV. Anonymous; 404 while an administrator has not
/// switched it on. Output-cached (<see cref="PublicStatsCache"/>); any other value of its parameters is redirected to
/// the address it stands for, so that the cache holds a few answers only.
/// </summary>
[OutputCache(PolicyName = PublicStatsCache.PolicyName)]
public class IndexModel(PublicStats stats, TimeProvider time, IStringLocalizer<StatsResource> localizer) : PageModel
{
    /// <summary>The levels a visitor may choose, by their address form.</summary>
    public static readonly IReadOnlyList<(string Code, ScorecardLevel Level)> Levels =
        [("jurisdiction", ScorecardLevel.Jurisdiction), ("department", ScorecardLevel.Department), ("cadre", ScorecardLevel.Cadre)];

    /// <summary>The periods a visitor may choose, by their address form.</summary>
    public static readonly IReadOnlyList<(string Code, PublicPeriodKind Kind)> Periods =
        [("month", PublicPeriodKind.Month), ("quarter", PublicPeriodKind.Quarter), ("year", PublicPeriodKind.Year)];

    public PublicStatsTable Table { get; private set; } = null!;

    public IReadOnlyList<(string Code, string NameZh, string NameEn)> Jurisdictions { get; private set; } = [];

    public string LevelCode { get; private set; } = "";

    public string PeriodCode { get; private set; } = "";

    public static bool English => SupervisionFormat.IsEnglish;

    public async Task<IActionResult> OnGetAsync(string? level, string? period, string? jurisdiction, CancellationToken cancellationToken) =>
        await LoadAsync(level, period, jurisdiction, csv: false, cancellationToken) ?? Page();

    /// <summary>The table shown as CSV (UTF-8 with a byte order mark, so that Excel reads the Chinese).</summary>
    public async Task<IActionResult> OnGetCsvAsync(string? level, string? period, string? jurisdiction, CancellationToken cancellationToken)
    {
        if (await LoadAsync(level, period, jurisdiction, csv: true, cancellationToken) is { } refused)
        {
            return refused;
        }

        var buffer = new MemoryStream();
        await using (var csv = CsvWriter.Create(buffer, ExportModel.CsvOptions, leaveOpen: true))
        {
            var header = new List<string> { localizer["Csv.Level"], localizer["Csv.Name"], localizer["Csv.Detail"], localizer["Metric.CallsLogged"] };
            foreach (var m in PublicStats.Metrics)
            {
                var name = localizer[$"Metric.{m}"];
                header.AddRange([name, localizer["Csv.Lower", name], localizer["Csv.Upper", name], localizer["Csv.Successes", name], localizer["Csv.Cases", name]]);
            }

            header.AddRange([localizer["Csv.Period"], localizer["Csv.From"], localizer["Csv.To"], localizer["Csv.CountedAt"]]);
            csv.WriteRecord(header.ToArray());
            foreach (var row in Table.Rows)
            {
                var fields = new List<string> { localizer[$"Level.{LevelCode}.One"], Name(row), Detail(row), row.Counts.CallsLogged.ToString(CultureInfo.InvariantCulture) };
                foreach (var m in PublicStats.Metrics)
                {
                    var e = row.Estimate(m);
                    // Below the floor only the number of cases: with the successes the rate could be worked out.
                    fields.AddRange(e.Rate is { } rate && e.Interval is { } interval
                        ? [Percent(rate), Percent(interval.Lower), Percent(interval.Upper), e.Successes.ToString(CultureInfo.InvariantCulture), e.Cases.ToString(CultureInfo.InvariantCulture)]
                        : [localizer["Rate.TooFew"], "", "", "", e.Cases.ToString(CultureInfo.InvariantCulture)]);
                }

                fields.AddRange([PeriodName, SupervisionFormat.Date(Table.Period.From), SupervisionFormat.Date(Table.Period.To), SupervisionFormat.China(Table.CountedAt)]);
                csv.WriteRecord(fields.ToArray());
            }
        }

        buffer.Position = 0;
        return File(buffer, "text/csv; charset=utf-8", $"hotline-stats-{LevelCode}-{Table.Period.Code}{(Table.Jurisdiction is { } j ? "-" + j : "")}.csv");
    }

    /// <summary>The level's name in the reader's language ("辖区", "Departments").</summary>
    public string LevelName => localizer[$"Level.{LevelCode}"];

    /// <summary>The period as a reader says it: 2026年2月, 2026年第一季度, 2025年; February 2026, Q1 2026, 2025.</summary>
    public string PeriodName => Table.Kind switch
    {
        PublicPeriodKind.Month => English
            ? Table.Period.From.ToString("MMMM yyyy", CultureInfo.GetCultureInfo("en"))
            : $"{Table.Period.From.Year}年{Table.Period.From.Month}月",
        PublicPeriodKind.Quarter => localizer["Period.QuarterName", Table.Period.From.Year, ((Table.Period.From.Month - 1) / 3) + 1, localizer[$"Quarter.{((Table.Period.From.Month - 1) / 3) + 1}"]],
        _ => localizer["Period.YearName", Table.Period.From.Year],
    };

    /// <summary>A row's name: a cadre's name in pinyin in English, a unit's English name, the Chinese when there is none.</summary>
    public static string Name(ScorecardRow row) => SupervisionFormat.Name(row.NameZh, row.NameEn);

    /// <summary>A cadre's department and position, a department's jurisdiction; empty for a jurisdiction.</summary>
    public static string Detail(ScorecardRow row) => SupervisionFormat.Name(row.DetailZh, row.DetailEn);

    public static string Percent(double value) => SupervisionFormat.Percent(value);

    /// <summary>This page's address for other choices (the CSV's with <paramref name="csv"/>).</summary>
    public string Link(string? level = null, string? period = null, string? jurisdiction = "", bool csv = false) =>
        Address(level ?? LevelCode, period ?? PeriodCode, jurisdiction == "" ? Table.Jurisdiction : jurisdiction, csv);

    private static string Address(string level, string period, string? jurisdiction, bool csv) =>
        $"/stats?level={level}&period={period}" + (jurisdiction is null ? "" : "&jurisdiction=" + Uri.EscapeDataString(jurisdiction)) + (csv ? "&handler=csv" : "");

    /// <summary>
    /// Reads the choices and builds the table; null when it is built, otherwise the answer instead: 404 while the page is
    /// switched off, a redirect to the address a value stands for when one is not exactly a choice.
    /// </summary>
    private async Task<IActionResult?> LoadAsync(string? level, string? period, string? jurisdiction, bool csv, CancellationToken cancellationToken)
    {
        if (!await stats.IsPublishedAsync(cancellationToken))
        {
            return NotFound();
        }

        Jurisdictions = await stats.JurisdictionsAsync(cancellationToken);
        var chosenLevel = Levels.FirstOrDefault(l => l.Code == level);
        var chosenPeriod = Periods.FirstOrDefault(p => p.Code == period);
        var chosenJurisdiction = Jurisdictions.FirstOrDefault(j => j.Code == jurisdiction).Code;
        LevelCode = chosenLevel.Code ?? Levels[0].Code;
        PeriodCode = chosenPeriod.Code ?? Periods[0].Code;
        var levelValue = chosenLevel.Code is null ? Levels[0].Level : chosenLevel.Level;
        // A thousand cadres are too many for one page: the cadre table is one jurisdiction's, the first unless chosen.
        if (levelValue == ScorecardLevel.Cadre && chosenJurisdiction is null && Jurisdictions.Count > 0)
        {
            chosenJurisdiction = Jurisdictions[0].Code;
        }

        // The cache varies by every value of its keys: a repeated key or a handler other than the one answering
        // ("?handler=x" runs the page, "?handler=CSV" the CSV) would each make a new entry, and a fresh count, per request.
        var query = Request.Query;
        var stray = PublicStatsCache.QueryKeys.Any(k => query[k].Count > 1) || (string?)query["handler"] != (csv ? "csv" : null);
        var refused = stray || (level is not null && chosenLevel.Code is null) || (period is not null && chosenPeriod.Code is null)
            || (!string.IsNullOrEmpty(jurisdiction) && jurisdiction != chosenJurisdiction);
        if (refused)
        {
            return LocalRedirect(Address(LevelCode, PeriodCode, chosenJurisdiction, csv));
        }

        Table = await stats.BuildAsync(levelValue, chosenPeriod.Code is null ? Periods[0].Kind : chosenPeriod.Kind, chosenJurisdiction, time.GetUtcNow(), cancellationToken);
        return null;
    }
}
