namespace Bozhou.Hotline.Web.Pages.Appeals;

/// <summary>The cadres holding their posts today, grouped as the published list has them, and the active topics.</summary>
public sealed record AppealChoices(IReadOnlyList<CadreGroup> CadreGroups, IReadOnlyList<Choice> Topics)
{
    public static async Task<AppealChoices> LoadAsync(HotlineDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        var today = ChinaTime.DateOf(now);
        var cadres = await db.Cadres.AsNoTracking()
            .Where(c => c.PostStart <= today && (c.PostEnd == null || c.PostEnd >= today))
            .OrderBy(c => c.Department.Jurisdiction.Order)
            .ThenBy(c => c.Department.Order)
            .ThenBy(c => c.ProtocolOrder)
            .Select(c => new
            {
                c.Id,
                Name = english ? c.NamePinyin : c.Name,
                Position = english ? c.PositionEn : c.Position,
                Jurisdiction = english ? c.Department.Jurisdiction.NameEn : c.Department.Jurisdiction.NameZh,
                Department = english ? c.Department.NameEn : c.Department.NameZh,
                c.DepartmentId,
            })
            .ToListAsync(cancellationToken);
        var groups = cadres
            .GroupBy(c => (c.DepartmentId, Label: c.Jurisdiction + " · " + c.Department))
            .Select(g => new CadreGroup(g.Key.Label, [.. g.Select(c => new Choice(c.Id, c.Name + " · " + c.Position))]))
            .ToList();
        var topics = await db.Topics.AsNoTracking()
            .Where(t => t.IsActive)
            .OrderBy(t => t.Order)
            .Select(t => new Choice(t.Id, english ? t.NameEn : t.NameZh))
            .ToListAsync(cancellationToken);
        return new AppealChoices(groups, topics);
    }
}

public sealed record CadreGroup(string Label, IReadOnlyList<Choice> Cadres);

public sealed record Choice(int Id, string Label);
