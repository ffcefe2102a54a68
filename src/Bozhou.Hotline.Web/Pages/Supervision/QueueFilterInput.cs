using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Caching.Memory;

namespace Bozhou.Hotline.Web.Pages.Supervision;

/// <summary>A queue's filters as the query string (and the export form) carries them; the page number is <c>p</c>, as Razor Pages keeps <c>page</c> for itself.</summary>
public sealed class QueueFilterInput
{
    public string? Jurisdiction { get; set; }

    public int? Department { get; set; }

    public int? Cadre { get; set; }

    public int? Topic { get; set; }

    public DateOnly? From { get; set; }

    public DateOnly? To { get; set; }

    public QueueFilter ToFilter() => new(string.IsNullOrWhiteSpace(Jurisdiction) ? null : Jurisdiction.Trim(), Department, Cadre, Topic, From, To);

    public Dictionary<string, string?> RouteValues(QueueKind kind, int? page = null) => new()
    {
        ["kind"] = kind.ToString(),
        ["jurisdiction"] = Jurisdiction,
        ["department"] = Department?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["cadre"] = Cadre?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["topic"] = Topic?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["from"] = From is { } f ? SupervisionFormat.Date(f) : null,
        ["to"] = To is { } t ? SupervisionFormat.Date(t) : null,
        ["p"] = page?.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>The choices of the filter form, in protocol order.</summary>
public sealed record FilterChoices(IReadOnlyList<SelectListItem> Jurisdictions, IReadOnlyList<SelectListItem> Departments, IReadOnlyList<SelectListItem> Cadres, IReadOnlyList<SelectListItem> Topics)
{
    /// <summary>How long the choices are kept: a cadre added or renamed shows in the filter within this time.</summary>
    public static readonly TimeSpan KeepFor = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The choices in the current culture, kept in memory for <see cref="KeepFor"/>: with 1,000 cadres they are four
    /// queries and 1,000 list items on every view of the queues, for lists that change when an administrator edits.
    /// </summary>
    public static Task<FilterChoices> GetAsync(IMemoryCache cache, HotlineDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cache);
        return cache.GetOrCreateAsync(("supervision-filter-choices", CultureInfo.CurrentUICulture.Name), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = KeepFor;
            return LoadAsync(db, cancellationToken);
        })!;
    }

    private static async Task<FilterChoices> LoadAsync(HotlineDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var jurisdictions = await db.Jurisdictions.AsNoTracking().OrderBy(j => j.Order).ToListAsync(cancellationToken);
        var departments = await db.Departments.AsNoTracking().OrderBy(d => d.JurisdictionId).ThenBy(d => d.Order).ToListAsync(cancellationToken);
        var cadres = await db.Cadres.AsNoTracking().OrderBy(c => c.DepartmentId).ThenBy(c => c.ProtocolOrder)
            .Select(c => new { c.Id, c.Name, c.NamePinyin, c.Position }).ToListAsync(cancellationToken);
        var topics = await db.Topics.AsNoTracking().OrderBy(t => t.Order).ToListAsync(cancellationToken);
        return new FilterChoices(
            [.. jurisdictions.Select(j => new SelectListItem(SupervisionFormat.Name(j.NameZh, j.NameEn), j.Code))],
            [.. departments.Select(d => new SelectListItem(SupervisionFormat.Name(d.NameZh, d.NameEn), d.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))],
            [.. cadres.Select(c => new SelectListItem($"{SupervisionFormat.Name(c.Name, c.NamePinyin)} {c.Position}", c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))],
            [.. topics.Select(t => new SelectListItem(SupervisionFormat.Name(t.NameZh, t.NameEn), t.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))]);
    }
}
