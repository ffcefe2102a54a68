namespace Bozhou.Hotline.Web.Pages.Audit;

/// <summary>
/// The audit trail, newest first, for administrators and the supervision office: each entry a record a person reads,
/// with names in place of ids (<see cref="AuditNames"/>) and its details in the reader's language (<see
/// cref="AuditDetails"/>), filtered by kind of action, person, kind of object and China dates, 50 to a page.
/// Read only: the page has no handler that edits or deletes an entry.
/// </summary>
public class AuditModel(HotlineDbContext db) : PageModel
{
    public const int PageSize = 50;

    /// <summary>The kinds of object the trail names, offered as a filter (a subject's part before the colon).</summary>
    public static readonly IReadOnlyList<string> SubjectKinds =
        ["Cadre", "Department", "Jurisdiction", "Topic", "User", "Appeal", "Appeals", "Sms", "CalendarDay", "Calendar", "Settings", "ApiClient", "Directory", "Queue", "Scorecard", "Setup"];

    [FromQuery(Name = "action")]
    public AuditAction? Action { get; set; }

    /// <summary>Part of the acting person's name, account name or e-mail ("system" for the app's own work).</summary>
    [FromQuery(Name = "user")]
    public string? UserFilter { get; set; }

    /// <summary>A kind of object ("Cadre") or one object ("Cadre:12").</summary>
    [FromQuery(Name = "subject")]
    public string? Subject { get; set; }

    /// <summary>The first China date shown.</summary>
    [FromQuery(Name = "from")]
    public DateOnly? From { get; set; }

    /// <summary>The last China date shown, inclusive.</summary>
    [FromQuery(Name = "to")]
    public DateOnly? To { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public int PageCount { get; private set; } = 1;

    /// <summary>How many entries the filters find, on every page.</summary>
    public int Count { get; private set; }

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    /// <summary>The names of the accounts and records this page's entries mention.</summary>
    public AuditNames Names { get; private set; } = new();

    public bool English { get; } = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (Action is { } action && Enum.IsDefined(action))
        {
            query = query.Where(e => e.Action == action);
        }

        if (!string.IsNullOrWhiteSpace(UserFilter))
        {
            var user = UserFilter.Trim();
            // The name a person is known by (the account's display name) as well as the account name stored with the entry.
            var named = db.Users.Where(u => u.DisplayName.Contains(user) || u.UserName!.Contains(user) || u.Email!.Contains(user)).Select(u => u.Id);
            query = query.Where(e => e.UserName.Contains(user) || (e.UserId != null && named.Contains(e.UserId)));
        }

        if (!string.IsNullOrWhiteSpace(Subject))
        {
            var subject = Subject.Trim();
            // A whole subject ("Cadre:12") is matched exactly, a kind ("Cadre") as itself or a prefix with its colon.
            var prefix = subject + ":";
            query = subject.Contains(':', StringComparison.Ordinal)
                ? query.Where(e => e.Subject == subject)
                : query.Where(e => e.Subject == subject || e.Subject.StartsWith(prefix));
        }

        if (From is { } from && From.Value.Year > 1)
        {
            var start = ChinaTime.StartOf(from);
            query = query.Where(e => e.At >= start);
        }

        if (To is { } to && To.Value.Year < 9999)
        {
            var end = ChinaTime.StartOf(to.AddDays(1));
            query = query.Where(e => e.At < end);
        }

        Count = await query.CountAsync(cancellationToken);
        PageCount = Math.Max(1, (Count + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Entries = await query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        Names = await AuditNames.LoadAsync(db, Entries, English, cancellationToken);
    }

    /// <summary>This page's address with the filters kept, at <paramref name="page"/>.</summary>
    public string PageUrl(int page) => Address(Action, UserFilter, Subject, page);

    /// <summary>The trail filtered to one person (<paramref name="userName"/>, as stored with the entries), other filters kept.</summary>
    public string PersonUrl(string userName) => Address(Action, userName, Subject, 1);

    /// <summary>The trail filtered to one object, other filters kept.</summary>
    public string SubjectUrl(string subject) => Address(Action, UserFilter, subject, 1);

    private string Address(AuditAction? action, string? user, string? subject, int page) =>
        "/admin/audit" + QueryString.Create(new Dictionary<string, string?>
        {
            ["action"] = action?.ToString(), ["user"] = user, ["subject"] = subject,
            ["from"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["to"] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["page"] = page > 1 ? page.ToString(CultureInfo.InvariantCulture) : null,
        }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();
}
