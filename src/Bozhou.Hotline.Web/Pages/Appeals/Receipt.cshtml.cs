namespace Bozhou.Hotline.Web.Pages.Appeals;

/// <summary>
/// The receipt after logging a call: the tracking code and what happens by when. Only the browser that
/// submitted it sees it straight away; anyone else is sent to the tracking page's phone check.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class ReceiptModel(HotlineDbContext db, TrackedAppealsCookie access) : PageModel
{
    public Appeal Appeal { get; private set; } = null!;

    public string Code => TrackingCode.Format(Appeal.TrackingCode);

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        if (TrackingCode.TryParse(code, out var normalized) != TrackingCodeCheck.Valid)
        {
            return RedirectToPage("/Appeals/Track");
        }

        if (!access.Has(HttpContext, normalized))
        {
            return RedirectToPage("/Appeals/Track", new { code = normalized });
        }

        var appeal = await db.Appeals.AsNoTracking()
            .Include(a => a.Cadre)
            .Include(a => a.Topic)
            .SingleOrDefaultAsync(a => a.TrackingCode == normalized, cancellationToken);
        if (appeal is null)
        {
            return NotFound();
        }

        Appeal = appeal;
        return Page();
    }
}
