namespace Bozhou.Hotline.Core.Directory;

public sealed record DepartmentGroup(Department Department, IReadOnlyList<Cadre> Cadres);

public sealed record JurisdictionGroup(Jurisdiction Jurisdiction, IReadOnlyList<DepartmentGroup> Departments);

/// <summary>What a citizen narrowed the directory to; a null part does not narrow.</summary>
public sealed record DirectoryFilter(string? JurisdictionCode = null, int? DepartmentId = null, string? TopicCode = null)
{
    public bool IsEmpty => JurisdictionCode is null && DepartmentId is null && TopicCode is null;

    public IEnumerable<Cadre> Apply(IEnumerable<Cadre> cadres)
    {
        ArgumentNullException.ThrowIfNull(cadres);
        return cadres.Where(c =>
            (JurisdictionCode is null || c.Department.Jurisdiction.Code == JurisdictionCode)
            && (DepartmentId is null || c.DepartmentId == DepartmentId)
            && (TopicCode is null || c.Topics.Any(t => t.Topic?.Code == TopicCode)));
    }
}

/// <summary>The directory as the published list has it: jurisdiction, then department, then cadre, each in protocol order.</summary>
public static class DirectoryListing
{
    /// <summary>Groups cadres (with their department and its jurisdiction loaded) in protocol order.</summary>
    public static IReadOnlyList<JurisdictionGroup> Group(IEnumerable<Cadre> cadres)
    {
        ArgumentNullException.ThrowIfNull(cadres);
        return [.. cadres
            .GroupBy(c => c.Department.JurisdictionId)
            .Select(j => new JurisdictionGroup(
                j.First().Department.Jurisdiction,
                [.. j.GroupBy(c => c.DepartmentId)
                    .Select(d => new DepartmentGroup(d.First().Department, [.. d.OrderBy(c => c.ProtocolOrder).ThenBy(c => c.Id)]))
                    .OrderBy(d => d.Department.Order)
                    .ThenBy(d => d.Department.Id)]))
            .OrderBy(j => j.Jurisdiction.Order)
            .ThenBy(j => j.Jurisdiction.Id)];
    }

    /// <summary>
    /// Who holds an ended post now: the cadre in the same department with the same position who holds it
    /// on <paramref name="today"/>, the latest appointed first; null when no one obviously does.
    /// </summary>
    public static Cadre? CurrentHolder(Cadre former, IEnumerable<Cadre> cadres, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(former);
        ArgumentNullException.ThrowIfNull(cadres);
        return cadres
            .Where(c => c.Id != former.Id && c.DepartmentId == former.DepartmentId && c.Position == former.Position && c.HoldsPostOn(today))
            .OrderByDescending(c => c.PostStart)
            .FirstOrDefault();
    }
}

/// <summary>The names pages show, in the chosen language.</summary>
public static class DirectoryNames
{
    public static string Name(this Jurisdiction jurisdiction, bool english)
    {
        ArgumentNullException.ThrowIfNull(jurisdiction);
        return english ? jurisdiction.NameEn : jurisdiction.NameZh;
    }

    public static string Name(this Department department, bool english)
    {
        ArgumentNullException.ThrowIfNull(department);
        return english ? department.NameEn : department.NameZh;
    }

    /// <summary>"王建华" in Chinese; "Wang Jianhua (王建华)" in English, so the name still matches what the caller hears.</summary>
    public static string DisplayName(this Cadre cadre, bool english)
    {
        ArgumentNullException.ThrowIfNull(cadre);
        return english && cadre.NamePinyin.Length > 0 ? $"{cadre.NamePinyin} ({cadre.Name})" : cadre.Name;
    }

    public static string PositionIn(this Cadre cadre, bool english)
    {
        ArgumentNullException.ThrowIfNull(cadre);
        return english && cadre.PositionEn.Length > 0 ? cadre.PositionEn : cadre.Position;
    }

    public static string DutiesIn(this Cadre cadre, bool english)
    {
        ArgumentNullException.ThrowIfNull(cadre);
        return english && cadre.DutiesEn.Length > 0 ? cadre.DutiesEn : cadre.Duties;
    }
}
