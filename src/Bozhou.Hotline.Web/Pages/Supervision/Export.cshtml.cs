using System.Text;
using Bozhou.Hotline.Web.Hosting;
using CsvHelper;

namespace Bozhou.Hotline.Web.Pages.Supervision;

/// <summary>
/// CSV exports of a queue or a scorecard: UTF-8 with a byte order mark (so Excel reads the Chinese),
/// formulas neutralised, phones masked unless asked for, and every export written to the audit trail
/// before the file goes out.
/// </summary>
public class ExportModel(
    HotlineDbContext db, SupervisionQueues queues, Scorecards scorecards, CallerDataProtector phones, AppealClockSource clocks, TimeProvider time,
    IStringLocalizer<SupervisionResource> localizer) : PageModel
{
    public static readonly CsvWriterOptions CsvOptions = new()
    {
        WriteByteOrderMark = true,
        Injection = CsvInjection.Escape,
    };

    public IActionResult OnGet() => RedirectToPage("/Supervision/Index");

    public async Task<IActionResult> OnPostQueueAsync(QueueKind kind, [FromForm] QueueFilterInput filter, bool includeFullPhones, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(kind) || !ModelState.IsValid)
        {
            return BadRequest();
        }

        var now = time.GetUtcNow();
        var clock = await clocks.GetAsync(cancellationToken);
        var queueFilter = filter.ToFilter();
        var count = await queues.CountAsync(kind, queueFilter, clock, now, cancellationToken);
        await AuditAsync($"Queue:{kind}", $"{count} rows; filter {Describe(queueFilter)}; " + (includeFullPhones ? "FULL PHONE NUMBERS (unmasked)" : "phones masked"), now, cancellationToken);

        var buffer = new MemoryStream();
        await using (var csv = CsvWriter.Create(buffer, CsvOptions, leaveOpen: true))
        {
            csv.WriteRecord([
                localizer["Col.TrackingCode"], localizer["Col.LateWorkingDays"], localizer["Col.Deadline"], localizer["Col.Logged"],
                localizer["Col.Handler"], localizer["Col.Position"], localizer["Col.Department"], localizer["Col.Topic"], localizer["Col.Phone"],
                localizer["Col.Status"], localizer["Col.Rating"]]);
            await foreach (var r in queues.AllAsync(kind, queueFilter, clock, now, cancellationToken))
            {
                var phone = includeFullPhones ? phones.Reveal(r.CallerPhoneCipher) ?? r.CallerPhoneMasked : r.CallerPhoneMasked;
                csv.WriteRecord([
                    r.TrackingCode, r.WorkingDaysLate.ToString(CultureInfo.InvariantCulture), SupervisionFormat.China(r.Deadline), SupervisionFormat.China(r.LoggedAt),
                    r.HandlerName, r.HandlerPosition, SupervisionFormat.Name(r.DepartmentZh, r.DepartmentEn), SupervisionFormat.Name(r.TopicZh, r.TopicEn),
                    phone ?? "", localizer[$"Status.{r.Status}"], r.RatingScore?.ToString(CultureInfo.InvariantCulture) ?? ""]);
            }
        }

        buffer.Position = 0;
        return File(buffer, "text/csv; charset=utf-8", $"queue-{kind}-{SupervisionFormat.China(now)[..10]}.csv");
    }

    public async Task<IActionResult> OnPostScorecardAsync(ScorecardLevel level, string? period, ScorecardMetric metric, string? jurisdiction, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(level) || !Enum.IsDefined(metric) || !ReportPeriod.TryParse(period, out var reportPeriod))
        {
            return BadRequest();
        }

        var now = time.GetUtcNow();
        var clock = await clocks.GetAsync(cancellationToken);
        var card = await scorecards.BuildAsync(level, reportPeriod, metric, jurisdiction, clock, now, cancellationToken: cancellationToken);
        await AuditAsync($"Scorecard:{level}", $"{reportPeriod.Code}; ranked by {metric}; jurisdiction {jurisdiction ?? "all"}; {card.Rows.Count} rows", now, cancellationToken);

        var buffer = new MemoryStream();
        await using (var csv = CsvWriter.Create(buffer, CsvOptions, leaveOpen: true))
        {
            var header = new List<string> { localizer["Col.Rank"], localizer["Col.Name"], localizer["Col.Detail"], localizer["Metric.CallsLogged"] };
            foreach (var m in Scorecards.Metrics)
            {
                header.Add(localizer[$"Metric.{m}"]);
                header.Add(localizer["Col.Interval"]);
                header.Add(localizer["Col.Cases"]);
            }

            header.Add(localizer["Col.Period"]);
            header.Add(localizer["Col.DataAsOf"]);
            csv.WriteRecord(header.ToArray());
            foreach (var ranked in card.Rows)
            {
                var row = ranked.Row;
                var fields = new List<string>
                {
                    ranked.Rank?.ToString(CultureInfo.InvariantCulture) ?? "",
                    SupervisionFormat.Name(row.NameZh, row.NameEn),
                    SupervisionFormat.Name(row.DetailZh, row.DetailEn),
                    row.Counts.CallsLogged.ToString(CultureInfo.InvariantCulture),
                };
                foreach (var m in Scorecards.Metrics)
                {
                    var estimate = row.Estimate(m);
                    var shown = SupervisionFormat.Rate(estimate);
                    fields.Add(shown?.Rate ?? localizer["Rate.TooFew"]);
                    fields.Add(shown?.Interval ?? "");
                    fields.Add(estimate.Cases.ToString(CultureInfo.InvariantCulture));
                }

                fields.Add(reportPeriod.Code);
                fields.Add(SupervisionFormat.DataDate(card.DataAsOf));
                csv.WriteRecord(fields.ToArray());
            }
        }

        buffer.Position = 0;
        return File(buffer, "text/csv; charset=utf-8", $"scorecard-{level}-{reportPeriod.Code}.csv");
    }

    private async Task AuditAsync(string subject, string details, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var actor = User.ToActor();
        db.AuditEntries.Add(new AuditEntry
        {
            At = now,
            UserId = actor.UserId,
            UserName = actor.Name,
            Action = AuditAction.Export,
            Subject = subject,
            Details = details.Length > 2000 ? details[..2000] : details,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string Describe(QueueFilter f)
    {
        var parts = new StringBuilder();
        parts.Append(CultureInfo.InvariantCulture, $"jurisdiction={f.Jurisdiction ?? "*"} department={f.DepartmentId?.ToString(CultureInfo.InvariantCulture) ?? "*"} ");
        parts.Append(CultureInfo.InvariantCulture, $"cadre={f.CadreId?.ToString(CultureInfo.InvariantCulture) ?? "*"} topic={f.TopicId?.ToString(CultureInfo.InvariantCulture) ?? "*"} ");
        parts.Append(CultureInfo.InvariantCulture, $"from={(f.LoggedFrom is { } a ? SupervisionFormat.Date(a) : "*")} to={(f.LoggedTo is { } b ? SupervisionFormat.Date(b) : "*")}");
        return parts.ToString();
    }
}
