using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;

namespace Bozhou.Hotline.Web.Pages;

[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public class ErrorModel : PageModel
{
    public string? RequestId { get; private set; }

    public int Code { get; private set; }

    public void OnGet() => Show();

    public void OnPost() => Show();

    private void Show()
    {
        // A visit of its own (no failure re-executed here) finds no page: nothing failed, whatever the query says.
        if (HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is null && HttpContext.Features.Get<IExceptionHandlerPathFeature>() is null)
        {
            RequestId = null;
            Code = StatusCodes.Status404NotFound;
            HttpContext.Response.StatusCode = Code;
            return;
        }

        // Read from the query by hand: model binding would first read the form of a re-executed post,
        // and a form the framework refused (a NUL in a value) would leave the code unbound.
        int? code = int.TryParse(Request.Query["code"], NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : null;
        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        // Re-executed by the exception handler, the status it chose (503 for a write that waited too long) stands.
        Code = code ?? (HttpContext.Response.StatusCode >= 400 ? HttpContext.Response.StatusCode : 500);
        // A re-executed status page keeps the original status.
        if (HttpContext.Response.StatusCode == 200)
        {
            HttpContext.Response.StatusCode = Code;
        }
    }
}
