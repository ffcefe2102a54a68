namespace Bozhou.Hotline.Web.Pages.Workspace;

/// <summary>
/// 回电: the inbox's one-tap call back. The inbox's button POSTs here (a GET only leads to the appeal page, so that no
/// link, prefetch or history entry shows a number or dials); the answer is a small page that dials the caller's phone
/// and, when the user comes back after the call, asks for its outcome, which the appeal page's callback handler
/// records. Showing the phone is audited as the appeal page's is (<see cref="AppealViewQuery.LoadAsync"/>), once per POST,
/// and the answer is never stored by a browser or the workspace's service worker.
/// </summary>
public class CallModel(WorkspaceActors actors, AppealViewQuery views) : PageModel
{
    public AppealView View { get; private set; } = null!;

    public IActionResult OnGet(long id) => RedirectToPage("/Workspace/Appeal", new { id });

    /// <summary>
    /// 404 for an appeal the user may not see, 403 for one they only follow; the appeal page for a closed or purged one,
    /// and for a confidential caller when the user is delegated staff (who reveal the phone there, with a reason).
    /// </summary>
    public async Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken)
    {
        if (await actors.CurrentAsync(User, cancellationToken) is not { } actor)
        {
            return NotFound();
        }

        switch (await views.CallReadinessAsync(actor, id, cancellationToken))
        {
            case CallReadiness.NotFound:
                return NotFound();
            case CallReadiness.Forbidden:
                return StatusCode(StatusCodes.Status403Forbidden);
            case CallReadiness.RevealWithReason:
                return RedirectToPage("/Workspace/Appeal", null, new { id }, "reveal-form");
            case CallReadiness.Unavailable:
                return RedirectToPage("/Workspace/Appeal", new { id });
        }

        var view = await views.LoadAsync(actor, id, cancellationToken, onCallPage: true);
        if (view?.CallerPhone is null || !view.MayAct)
        {
            // Closed, purged or passed on since the check above: the appeal page says what it is now.
            return RedirectToPage("/Workspace/Appeal", new { id });
        }

        View = view;
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
