using Microsoft.AspNetCore.Mvc.Rendering;

namespace Bozhou.Hotline.Web.Pages.Admin.Cadres;

/// <summary>What the cadre form offers to choose from (units, superiors, topics) and the checks on the choices that need the database.</summary>
public sealed class CadreChoices
{
    public IReadOnlyList<SelectListItem> Departments { get; private init; } = [];

    /// <summary>The cadres holding a post today, in protocol order; the form's own cadre left out.</summary>
    public IReadOnlyList<SelectListItem> Superiors { get; private init; } = [];

    public IReadOnlyList<Topic> Topics { get; private init; } = [];

    public IReadOnlySet<int> ActiveTopicIds => Topics.Select(t => t.Id).ToHashSet();

    public static async Task<CadreChoices> LoadAsync(HotlineDbContext db, Cadre? cadre, DateOnly today, IStringLocalizer<AdminResource> a, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(a);
        // Names in the reader's language (the Chinese one where no English form is given).
        var en = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        var departments = await db.Departments.AsNoTracking().Where(d => d.EndedOn == null)
            .OrderBy(d => d.Jurisdiction.Order).ThenBy(d => d.Order)
            .Select(d => new SelectListItem(
                (en && d.Jurisdiction.NameEn != "" ? d.Jurisdiction.NameEn : d.Jurisdiction.NameZh) + " · " + (en && d.NameEn != "" ? d.NameEn : d.NameZh), Value(d.Id)))
            .ToListAsync(cancellationToken);
        var ownId = cadre?.Id ?? 0;
        var superiorId = cadre?.SuperiorId;
        var superiors = await db.Cadres.AsNoTracking()
            .Where(c => c.Id != ownId && ((c.PostStart <= today && (c.PostEnd == null || c.PostEnd >= today)) || c.Id == superiorId))
            .OrderBy(c => c.Department.Jurisdiction.Order).ThenBy(c => c.Department.Order).ThenBy(c => c.ProtocolOrder)
            .Select(c => new
            {
                c.Id,
                Name = en && c.NamePinyin != "" ? c.NamePinyin : c.Name,
                Position = en && c.PositionEn != "" ? c.PositionEn : c.Position,
                Department = en && c.Department.NameEn != "" ? c.Department.NameEn : c.Department.NameZh,
                c.PostEnd,
            })
            .ToListAsync(cancellationToken);
        var topics = await db.Topics.AsNoTracking().Where(t => t.IsActive).OrderBy(t => t.Order).ToListAsync(cancellationToken);
        return new CadreChoices
        {
            Departments = departments,
            // A superior who has since left stays listed, marked, so that saving other fields does not drop the link unseen.
            Superiors = [.. superiors.Select(c => new SelectListItem(
                (en ? $"{c.Department} · {c.Position} {c.Name}" : $"{c.Department} · {PositionInUnit(c.Department, c.Position)} {c.Name}") + (c.PostEnd is { } end && end < today ? a["Cadre.SuperiorLeft"].Value : ""), Value(c.Id)))],
            Topics = topics,
        };
    }

    /// <summary>
    /// The message for a superior newly chosen for <paramref name="cadre"/> (null: a new record), or null
    /// when the choice stands: someone holding a post today, not the cadre, and not below it in the chain.
    /// </summary>
    public static async Task<string?> SuperiorProblemAsync(
        HotlineDbContext db, Cadre? cadre, int? superiorId, DateOnly today, IStringLocalizer<AdminResource> a, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(a);
        if (superiorId is not int chosen || chosen == cadre?.SuperiorId)
        {
            return null;
        }

        if (chosen == cadre?.Id)
        {
            return a["Cadre.SuperiorSelf"].Value;
        }

        var superior = await db.Cadres.AsNoTracking()
            .Where(c => c.Id == chosen && c.PostStart <= today && (c.PostEnd == null || c.PostEnd >= today))
            .Select(c => new { c.Name, c.Position })
            .FirstOrDefaultAsync(cancellationToken);
        if (superior is null)
        {
            return a["Cadre.SuperiorUnknown"].Value;
        }

        if (cadre is null)
        {
            return null;
        }

        var superiorOf = await db.Cadres.Select(c => new { c.Id, c.SuperiorId }).ToDictionaryAsync(c => c.Id, c => c.SuperiorId, cancellationToken);
        return CadreHierarchy.WouldLoop(cadre.Id, chosen, superiorOf) ? a["Cadre.SuperiorLoop", superior.Position + superior.Name, cadre.Name].Value : null;
    }

    private static string Value(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The position after its unit, without the unit a published position may repeat ("市数据资源局 · 局长").</summary>
    private static string PositionInUnit(string unit, string position) =>
        unit.Length > 0 && position.StartsWith(unit, StringComparison.Ordinal) && position.Length > unit.Length ? position[unit.Length..] : position;
}
