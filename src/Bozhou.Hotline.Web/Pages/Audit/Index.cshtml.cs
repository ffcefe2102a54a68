namespace Bozhou.Hotline.Web.Pages.Audit;

/// <summary>
/// The audit trail, newest first, for administrators and the supervision office. Read only: the page has no
/// handler that edits or deletes an entry.
/// </summary>
public class AuditModel(HotlineDbContext db) : PageModel
{
    public const int PageSize = 50;

    [FromQuery(Name = "action")]
    public AuditAction? Action { get; set; }

    [FromQuery(Name = "user")]
    public string? UserFilter { get; set; }

    [FromQuery(Name = "subject")]
    public string? Subject { get; set; }

    [FromQuery(Name = "from")]
    public DateOnly? From { get; set; }

    [FromQuery(Name = "to")]
    public DateOnly? To { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public int PageCount { get; private set; } = 1;

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (Action is { } action)
        {
            query = query.Where(e => e.Action == action);
        }

        if (!string.IsNullOrWhiteSpace(UserFilter))
        {
            var user = UserFilter.Trim();
            query = query.Where(e => e.UserName.Contains(user));
        }

        if (!string.IsNullOrWhiteSpace(Subject))
        {
            var subject = Subject.Trim();
            // A whole subject ("Cadre:12") is matched exactly, a kind ("Cadre") as a prefix.
            query = subject.Contains(':', StringComparison.Ordinal)
                ? query.Where(e => e.Subject == subject)
                : query.Where(e => e.Subject.StartsWith(subject));
        }

        if (From is { } from)
        {
            var start = ChinaTime.StartOf(from);
            query = query.Where(e => e.At >= start);
        }

        if (To is { } to)
        {
            var end = ChinaTime.StartOf(to.AddDays(1));
            query = query.Where(e => e.At < end);
        }

        var count = await query.CountAsync(cancellationToken);
        PageCount = Math.Max(1, (count + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Entries = await query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
    }

    public string PageUrl(int page) =>
        QueryString.Create(new Dictionary<string, string?>
        {
            ["action"] = Action?.ToString(), ["user"] = UserFilter, ["subject"] = Subject,
            ["from"] = From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["to"] = To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent() is var q ? "/admin/audit" + q : "";
}
