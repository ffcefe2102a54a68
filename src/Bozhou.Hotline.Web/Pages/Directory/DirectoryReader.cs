namespace Bozhou.Hotline.Web.Pages.Directory;

/// <summary>
/// The directory's reads, each one query without tracking. The public pages load every cadre holding a
/// post (with department, jurisdiction and topic tags) in one query and filter, group and rank in memory:
/// at the design size of 1,000 cadres that is a few hundred kilobytes, the pages are output-cached, and
/// a substring search in Chinese could not use an index anyway.
/// </summary>
public sealed class DirectoryReader(HotlineDbContext db, TimeProvider time)
{
    /// <summary>Today in China: posts begin and end on China dates.</summary>
    public DateOnly Today => ChinaTime.DateOf(time.GetUtcNow());

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Everyone holding a post today in a jurisdiction not ended, with department, jurisdiction and topic tags; unordered.</summary>
    public async Task<List<Cadre>> ActiveCadresAsync(CancellationToken cancellationToken)
    {
        var today = Today;
        return await db.Cadres.AsNoTracking()
            .Where(c => c.PostStart <= today && (c.PostEnd == null || c.PostEnd >= today))
            .Where(c => c.Department.Jurisdiction.EndedOn == null || c.Department.Jurisdiction.EndedOn >= today)
            .Include(c => c.Department).ThenInclude(d => d.Jurisdiction)
            .Include(c => c.Topics).ThenInclude(t => t.Topic)
            .ToListAsync(cancellationToken);
    }

    /// <summary>The departments with someone holding a post today, jurisdiction loaded, in protocol order.</summary>
    public async Task<List<Department>> StaffedDepartmentsAsync(CancellationToken cancellationToken)
    {
        var today = Today;
        return await db.Departments.AsNoTracking()
            .Where(d => d.EndedOn == null || d.EndedOn >= today)
            .Where(d => d.Jurisdiction.EndedOn == null || d.Jurisdiction.EndedOn >= today)
            .Where(d => d.Cadres.Any(c => c.PostStart <= today && (c.PostEnd == null || c.PostEnd >= today)))
            .Include(d => d.Jurisdiction)
            .OrderBy(d => d.Jurisdiction.Order).ThenBy(d => d.Order).ThenBy(d => d.Id)
            .ToListAsync(cancellationToken);
    }

    /// <summary>One cadre, whether or not the post is still held, with department, jurisdiction and topic tags.</summary>
    public Task<Cadre?> CadreAsync(int id, CancellationToken cancellationToken) =>
        db.Cadres.AsNoTracking()
            .Include(c => c.Department).ThenInclude(d => d.Jurisdiction)
            .Include(c => c.Topics).ThenInclude(t => t.Topic)
            .FirstOrDefaultAsync(c => c.Id == id, cancellationToken);

    /// <summary>
    /// Who escalates to whom today: the cadres holding a post, with only what a path and a successor
    /// need (names, positions, superior, department with its order and jurisdiction, protocol order), in one light query.
    /// </summary>
    public async Task<CadreHierarchy> HierarchyAsync(CancellationToken cancellationToken)
    {
        var today = Today;
        var cadres = await db.Cadres.AsNoTracking()
            .Where(c => c.PostStart <= today && (c.PostEnd == null || c.PostEnd >= today))
            .Select(c => new Cadre
            {
                Id = c.Id,
                Name = c.Name,
                NamePinyin = c.NamePinyin,
                Position = c.Position,
                PositionEn = c.PositionEn,
                SuperiorId = c.SuperiorId,
                DepartmentId = c.DepartmentId,
                Department = new Department { Id = c.DepartmentId, Order = c.Department.Order, JurisdictionId = c.Department.JurisdictionId },
                ProtocolOrder = c.ProtocolOrder,
                PostStart = c.PostStart,
                PostEnd = c.PostEnd,
            })
            .ToListAsync(cancellationToken);
        return new CadreHierarchy(cadres);
    }
}
