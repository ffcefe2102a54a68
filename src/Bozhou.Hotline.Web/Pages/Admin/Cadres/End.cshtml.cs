namespace Bozhou.Hotline.Web.Pages.Admin.Cadres;

/// <summary>
/// Ending a post (免去职务) in two steps: the GET names the person and the post and lists the appeals still open with
/// that post as handler, which ending it leaves where they are (see <see cref="CadrePosts.OpenAppealsAsync"/>); only
/// the confirming POST (antiforgery-checked, like every form) ends it.
/// </summary>
public class EndModel(HotlineDbContext db, CadrePosts posts, TimeProvider time, IStringLocalizer<AdminResource> a) : PageModel
{
    public Cadre Cadre { get; private set; } = null!;

    /// <summary>The appeals not closed that the post handles, oldest first.</summary>
    public IReadOnlyList<Appeal> OpenAppeals { get; private set; } = [];

    /// <summary>How many accounts, not disabled, act for the post (linked to it or delegated to it), who keep its open appeals.</summary>
    public int ActingAccounts { get; private set; }

    /// <summary>The cadres who escalate to the post, left with no superior once it ends.</summary>
    public IReadOnlyList<Cadre> Subordinates { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await db.Cadres.AsNoTracking().Include(c => c.Department).SingleOrDefaultAsync(c => c.Id == id, cancellationToken) is not { } cadre)
        {
            return NotFound();
        }

        if (cadre.PostEnd is not null)
        {
            return RedirectToPage("/Admin/Cadres/Edit", new { id });
        }

        Cadre = cadre;
        OpenAppeals = await posts.OpenAppealsAsync(id, cancellationToken);
        ActingAccounts = await posts.ActingAccountsAsync(id, cancellationToken);
        Subordinates = await posts.SubordinatesAsync(id, ChinaTime.DateOf(time.GetUtcNow()), cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (await db.Cadres.SingleOrDefaultAsync(c => c.Id == id, cancellationToken) is not { } cadre)
        {
            return NotFound();
        }

        if (cadre.PostEnd is not null)
        {
            return RedirectToPage("/Admin/Cadres/Edit", new { id });
        }

        await posts.EndAsync(cadre, cancellationToken);
        this.Flash(a["Cadre.Ended", cadre.Name]);
        return RedirectToPage("/Admin/Cadres/Index");
    }
}
