using Microsoft.AspNetCore.OutputCaching;

namespace Bozhou.Hotline.Web.Pages.Directory;

/// <summary>A cadre's card: whom to call, how, whether now is a good time, and whom to escalate to.</summary>
[OutputCache(PolicyName = DirectoryCache.PolicyName)]
public class CardModel(DirectoryReader reader) : PageModel
{
    public bool English { get; } = DirectoryCulture.IsEnglish;

    public Cadre Cadre { get; private set; } = null!;

    public bool HoldsPost { get; private set; }

    /// <summary>"In a meeting until 16:00" while it has not expired.</summary>
    public CadreAvailability? Availability { get; private set; }

    public IReadOnlyList<Cadre> EscalationPath { get; private set; } = [];

    /// <summary>The post has no superior set and is not its jurisdiction's top post (<see cref="CadreHierarchy.LacksSuperior"/>).</summary>
    public bool SuperiorNotSet { get; private set; }

    /// <summary>For an ended post: whoever now holds the same position in the same department, if anyone obviously does.</summary>
    public Cadre? CurrentHolder { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var cadre = await reader.CadreAsync(id, cancellationToken);
        var today = reader.Today;
        if (cadre is null || cadre.PostStart > today)
        {
            return NotFound();
        }

        Cadre = cadre;
        HoldsPost = cadre.HoldsPostOn(today);
        var hierarchy = await reader.HierarchyAsync(cancellationToken);
        if (HoldsPost)
        {
            Availability = cadre.CurrentAvailability(reader.Now);
            EscalationPath = hierarchy.EscalationPath(cadre);
            SuperiorNotSet = hierarchy.Find(cadre.Id) is { } held && hierarchy.LacksSuperior(held);
        }
        else
        {
            CurrentHolder = DirectoryListing.CurrentHolder(cadre, hierarchy.Cadres, today);
        }

        return Page();
    }
}
