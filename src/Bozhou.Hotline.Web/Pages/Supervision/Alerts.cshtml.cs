namespace Bozhou.Hotline.Web.Pages.Supervision;

/// <summary>The early warnings (预警) queue: open warnings with their figures and test, each dismissable with a written reason; dismissed ones below.</summary>
public class AlertsModel(EarlyWarnings warnings, TimeProvider time, IStringLocalizer<SupervisionResource> localizer) : PageModel
{
    public IReadOnlyList<EarlyWarningRow> Open { get; private set; } = [];

    public IReadOnlyList<EarlyWarningRow> Dismissed { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        (Open, Dismissed) = await warnings.ListAsync(cancellationToken);

    /// <summary>Dismisses warning <paramref name="id"/> with <paramref name="reason"/> (required), then back to the queue.</summary>
    public async Task<IActionResult> OnPostDismissAsync(long id, string? reason, CancellationToken cancellationToken)
    {
        var result = await warnings.DismissAsync(id, reason, User.ToActor(), time.GetUtcNow(), cancellationToken);
        if (result == DismissResult.NoSuchWarning)
        {
            return NotFound();
        }

        this.Flash(localizer[result switch
        {
            DismissResult.Dismissed => "Alerts.DismissedFlash",
            DismissResult.NoReason => "Alerts.ReasonRequired",
            _ => "Alerts.AlreadyDismissed",
        }]);
        return RedirectToPage();
    }
}
