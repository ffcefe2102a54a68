namespace Bozhou.Hotline.Web.Pages.Workspace;

/// <summary>
/// The appeals to one cadre behind a rising term of the workspace's side card: only a cadre the user is or acts for,
/// the phone masked, the description of a confidential (保密) appeal not shown here (it opens on the appeal's own page).
/// </summary>
public class TrendsModel(WorkspaceActors actors, RisingTerms rising) : PageModel
{
    public string Key { get; private set; } = "";

    public string CadreName { get; private set; } = "";

    public DateOnly From { get; private set; }

    public DateOnly To { get; private set; }

    public IReadOnlyList<TrendAppeal> Appeals { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? key, int cadre, DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        var actor = await actors.CurrentAsync(User, cancellationToken);
        if (actor is null)
        {
            return Challenge();
        }

        if (!actor.Cadres.TryGetValue(cadre, out var name))
        {
            return NotFound();
        }

        if (string.IsNullOrWhiteSpace(key) || key.Length > TermExtractor.MaxKeyLength * 2 || !ModelState.IsValid
            || from is not { } f || to is not { } t || f > t || t.DayNumber - f.DayNumber >= TrendRules.RecentDays + TrendRules.PreviousDays)
        {
            return BadRequest();
        }

        (Key, CadreName, From, To) = (key, name, f, t);
        Appeals = await rising.AppealsAsync(new TrendScope(TrendScopeKind.Cadre, cadre), key, f, t, cancellationToken);
        return Page();
    }
}
