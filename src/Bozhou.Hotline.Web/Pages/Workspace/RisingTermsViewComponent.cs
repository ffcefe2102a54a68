using Microsoft.AspNetCore.Mvc.ViewComponents;

namespace Bozhou.Hotline.Web.Pages.Workspace;

/// <summary>
/// The inbox's side card of rising terms (上升诉求) among the appeals to the cadre the user is or acts for (staff see
/// each of their cadres'), over the last 7 days to yesterday against the 28 before; each term links to that cadre's
/// appeals behind it (/workspace/trends).
/// </summary>
public sealed class RisingTermsViewComponent(WorkspaceActors actors, RisingTerms rising, TimeProvider time) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var actor = await actors.CurrentAsync(UserClaimsPrincipal, HttpContext.RequestAborted);
        var lists = new List<CadreTrends>();
        if (actor is not null)
        {
            var window = TrendWindow.Weekly(ChinaTime.DateOf(time.GetUtcNow()));
            foreach (var (id, name) in actor.Cadres)
            {
                lists.Add(new CadreTrends(id, name, await rising.FindAsync(new TrendScope(TrendScopeKind.Cadre, id), window, HttpContext.RequestAborted)));
            }
        }

        return new ViewViewComponentResult
        {
            ViewName = "~/Pages/Workspace/_RisingTerms.cshtml",
            ViewData = new Microsoft.AspNetCore.Mvc.ViewFeatures.ViewDataDictionary<IReadOnlyList<CadreTrends>>(ViewData, lists),
        };
    }

    /// <summary>One cadre's rising terms.</summary>
    public sealed record CadreTrends(int CadreId, string Name, TrendList Trends);
}
