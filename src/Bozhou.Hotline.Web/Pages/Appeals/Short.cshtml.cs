namespace Bozhou.Hotline.Web.Pages.Appeals;

/// <summary>
/// The short link an SMS carries (<c>/t/ABCDE2345K</c>, from <see cref="Core.Sms.SmsTexts.Link"/>): it leads to the
/// tracking page with the code filled in; the check of the last four digits stays where it is. A code that does not
/// read as one leads to the empty check form.
/// </summary>
public sealed class ShortModel : PageModel
{
    public IActionResult OnGet(string? code) =>
        TrackingCode.TryParse(code, out var normalized) == TrackingCodeCheck.Valid
            ? RedirectToPage("/Appeals/Track", new { code = normalized })
            : RedirectToPage("/Appeals/Track");
}
