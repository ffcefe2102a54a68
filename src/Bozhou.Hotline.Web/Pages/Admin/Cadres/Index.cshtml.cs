namespace Bozhou.Hotline.Web.Pages.Admin.Cadres;

/// <summary>Every cadre record, current posts first, in protocol order.</summary>
public class IndexModel(HotlineDbContext db) : PageModel
{
    public IReadOnlyList<Cadre> Cadres { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Cadres = await db.Cadres.AsNoTracking()
            .Include(c => c.Department).ThenInclude(d => d.Jurisdiction)
            .OrderBy(c => c.PostEnd != null).ThenBy(c => c.Department.Jurisdiction.Order).ThenBy(c => c.Department.Order).ThenBy(c => c.ProtocolOrder)
            .ToListAsync(cancellationToken);
}
