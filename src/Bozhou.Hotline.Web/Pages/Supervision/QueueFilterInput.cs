using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Bozhou.Hotline.Core.Caching;
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
public sealed record FilterChoices(IReadOnlyList<SelectListItem> Jurisdictions, IReadOnlyList<SelectListItem> Departments, IReadOnlyList<SelectListItem> Cadres, IReadOnlyList<SelectListItem> Topics);

/// <summary>
/// The filter form's choices in the current culture, kept in memory: with 1,000 cadres they are four queries and
/// 1,000 list items on every view of the queues, for lists that change only when an administrator edits the directory
/// or the topics, which forgets them on every instance (<see cref="KeptTags"/>); <see cref="KeepFor"/> is the backstop.
/// </summary>
public sealed class FilterChoicesSource(IServiceScopeFactory scopes, TimeProvider time, KeptValueChanges changes)
{
    /// <summary>The longest the choices are kept (a change the app does not see, such as an edit in the database by hand).</summary>
    public static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(1);

    private readonly KeptValues<string, FilterChoices> _kept = new(time, changes, KeptTags.Directory, KeptTags.Topics);

    /// <summary>The choices, named in <see cref="CultureInfo.CurrentUICulture"/>.</summary>
    public async Task<FilterChoices> GetAsync(CancellationToken cancellationToken) =>
        (await _kept.GetAsync(CultureInfo.CurrentUICulture.Name, KeepFor, LoadAsync, cancellationToken)).Value;

    private async Task<FilterChoices> LoadAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await LoadAsync(scope.ServiceProvider.GetRequiredService<HotlineDbContext>(), cancellationToken);
    }

    private static async Task<FilterChoices> LoadAsync(HotlineDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var jurisdictions = await db.Jurisdictions.AsNoTracking().OrderBy(j => j.Order).ToListAsync(cancellationToken);
        var departments = await db.Departments.AsNoTracking().OrderBy(d => d.JurisdictionId).ThenBy(d => d.Order).ToListAsync(cancellationToken);
        var cadres = await db.Cadres.AsNoTracking().OrderBy(c => c.DepartmentId).ThenBy(c => c.ProtocolOrder)
            .Select(c => new { c.Id, c.Name, c.NamePinyin, c.Position, c.PositionEn }).ToListAsync(cancellationToken);
        var topics = await db.Topics.AsNoTracking().OrderBy(t => t.Order).ToListAsync(cancellationToken);
        return new FilterChoices(
            [.. jurisdictions.Select(j => new SelectListItem(SupervisionFormat.Name(j.NameZh, j.NameEn), j.Code))],
            [.. departments.Select(d => new SelectListItem(SupervisionFormat.Name(d.NameZh, d.NameEn), d.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))],
            [.. cadres.Select(c => new SelectListItem($"{SupervisionFormat.Name(c.Name, c.NamePinyin)} {SupervisionFormat.Name(c.Position, c.PositionEn)}", c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))],
            [.. topics.Select(t => new SelectListItem(SupervisionFormat.Name(t.NameZh, t.NameEn), t.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))]);
    }
}
