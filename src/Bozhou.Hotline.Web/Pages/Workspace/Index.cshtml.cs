namespace Bozhou.Hotline.Web.Pages.Workspace;

/// <summary>The inbox: the appeals the user may act on, nearest deadline first, with filters, hot spots and availability.</summary>
public class IndexModel(WorkspaceActors actors, InboxQuery inbox, HotSpotQuery hotSpots, HotlineDbContext db, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public AppealStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public InboxBadge? Badge { get; set; }

    public WorkspaceActor Actor { get; private set; } = null!;

    public InboxView Inbox { get; private set; } = null!;

    public IReadOnlyList<HotSpotRow> HotSpots { get; private set; } = [];

    /// <summary>Each cadre acted for, with the availability note now shown on the public card.</summary>
    public IReadOnlyList<(int Id, string Name, CadreAvailability? Now)> Availability { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var actor = await actors.CurrentAsync(User, cancellationToken);
        if (actor is null)
        {
            return Challenge();
        }

        // The office and administrators act for no cadre: their home is their own pages, not an empty inbox.
        var home = Roles.Home(Roles.All.Where(User.IsInRole));
        if (actor.Cadres.Count == 0 && home != "/workspace")
        {
            return LocalRedirect(home);
        }

        Actor = actor;
        Now = time.GetUtcNow();
        Inbox = await inbox.LoadAsync(actor, Status, Badge, Now, cancellationToken);
        HotSpots = await hotSpots.LoadAsync(actor, Now, cancellationToken);
        var ids = actor.CadreIds.ToList();
        var cadres = await db.Cadres.AsNoTracking().Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken);
        Availability = [.. cadres.OrderBy(c => ids.IndexOf(c.Id)).Select(c => (c.Id, c.Name, c.CurrentAvailability(Now)))];
        return Page();
    }

    /// <summary>The inbox URL with one filter changed and the other kept.</summary>
    public string FilterUrl(AppealStatus? status, InboxBadge? badge)
    {
        var query = new List<string>();
        if (status is { } s)
        {
            query.Add("status=" + s);
        }

        if (badge is { } b)
        {
            query.Add("badge=" + b);
        }

        return query.Count == 0 ? "/workspace" : "/workspace?" + string.Join('&', query);
    }
}
