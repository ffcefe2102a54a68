using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Bozhou.Hotline.Web.Hosting;

namespace Bozhou.Hotline.Web.Pages.Supervision;

/// <summary>The pictures: calls by hour, appeals per day, hot spots per department, the overdue trend; the rising terms (上升诉求) of the city, a jurisdiction or a department.</summary>
public class DashboardModel(Dashboard dashboard, RisingTerms rising, HotlineDbContext db, AppealClockSource clocks, TimeProvider time) : PageModel
{
    public const int DefaultDays = 30;

    /// <summary>Escapes &lt;, &gt;, &amp; and quotes (never "&lt;/script&gt;"), keeps Chinese as characters.</summary>
    private static readonly JsonSerializerOptions ScriptJson = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public DashboardData Data { get; private set; } = null!;

    public bool RangeAdjusted { get; private set; }

    /// <summary>The rising terms of the chosen scope over the last 7 days to yesterday against the 28 before.</summary>
    public TrendList Trends { get; private set; } = null!;

    /// <summary>The scopes to choose from: the city, each jurisdiction and each department in service.</summary>
    public IReadOnlyList<(string Code, string Name)> Scopes { get; private set; } = [];

    public async Task OnGetAsync(DateOnly? from, DateOnly? to, string? scope, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var last = ModelState.IsValid && to is { } t ? t : today;
        var first = ModelState.IsValid && from is { } f ? f : last.AddDays(-(DefaultDays - 1));
        if (first > last || last.DayNumber - first.DayNumber + 1 > Dashboard.MaxDays)
        {
            RangeAdjusted = true;
            first = last.AddDays(-(DefaultDays - 1));
        }

        var clock = await clocks.GetAsync(cancellationToken);
        Data = await dashboard.BuildAsync(first, last, clock, now, cancellationToken);
        await LoadScopesAsync(cancellationToken);
        var chosen = TrendScope.Parse(scope) is { } s && Scopes.Any(x => x.Code == s.Code) ? s : TrendScope.City;
        Trends = await rising.FindAsync(chosen, TrendWindow.Weekly(today), cancellationToken);
    }

    private async Task LoadScopesAsync(CancellationToken cancellationToken)
    {
        var jurisdictions = await db.Jurisdictions.AsNoTracking().Where(j => j.EndedOn == null).OrderBy(j => j.Order)
            .Select(j => new { j.Id, j.NameZh, j.NameEn }).ToListAsync(cancellationToken);
        var departments = await db.Departments.AsNoTracking().Where(d => d.EndedOn == null).OrderBy(d => d.Jurisdiction.Order).ThenBy(d => d.Order)
            .Select(d => new { d.Id, d.NameZh, d.NameEn }).ToListAsync(cancellationToken);
        Scopes =
        [
            (TrendScope.City.Code, ""),
            .. jurisdictions.Select(j => (new TrendScope(TrendScopeKind.Jurisdiction, j.Id).Code, SupervisionFormat.Name(j.NameZh, j.NameEn))),
            .. departments.Select(d => (new TrendScope(TrendScopeKind.Department, d.Id).Code, SupervisionFormat.Name(d.NameZh, d.NameEn))),
        ];
    }

    /// <summary>The figures the chart script draws, as JSON safe inside a script element.</summary>
    public string ChartJson(Func<string, string> label)
    {
        ArgumentNullException.ThrowIfNull(label);
        var english = SupervisionFormat.IsEnglish;
        var pairs = Data.HotSpots.SelectMany(d => d.Topics.Select(t => new
            {
                label = $"{(english ? d.NameEn : d.NameZh)}：{(english ? t.TopicEn : t.TopicZh)}",
                count = t.Count,
            }))
            .OrderByDescending(p => p.count).Take(15).ToList();
        var payload = new
        {
            labels = new
            {
                calls = label("Dash.Calls"),
                appeals = label("Dash.Appeals"),
                lateCallbacks = label("Dash.LateCallbacks"),
                lateFirstContacts = label("Dash.LateFirstContacts"),
                lateReplies = label("Dash.LateReplies"),
            },
            hours = new { labels = Enumerable.Range(0, 24).Select(h => $"{h:00}"), counts = Data.CallsByHour },
            days = new { labels = Data.AppealsPerDay.Select(d => d.Date.ToString("MM-dd", System.Globalization.CultureInfo.InvariantCulture)), counts = Data.AppealsPerDay.Select(d => d.Count) },
            hotSpots = new { labels = pairs.Select(p => p.label), counts = pairs.Select(p => p.count) },
            overdue = new
            {
                labels = Data.OverdueTrend.Select(d => d.Date.ToString("MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
                callbacks = Data.OverdueTrend.Select(d => d.LateCallbacks),
                firstContacts = Data.OverdueTrend.Select(d => d.LateFirstContacts),
                replies = Data.OverdueTrend.Select(d => d.LateReplies),
            },
        };
        return JsonSerializer.Serialize(payload, ScriptJson);
    }
}
