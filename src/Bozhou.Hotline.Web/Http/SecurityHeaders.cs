namespace Bozhou.Hotline.Web.Http;

/// <summary>
/// The headers every response carries (OWASP ASVS V14.4): a Content-Security-Policy that runs only the site's own
/// script and style files (no inline script, handler or <c>style=</c> attribute), no framing by any site, no MIME
/// sniffing, no referrer leaving the site beyond its origin (none at all from a page whose address carries a
/// tracking code), and no powerful browser features.
/// </summary>
/// <remarks>
/// Set when the response starts, so that an error page re-executed after the headers were cleared, a cached page
/// and a static file carry them too.
/// </remarks>
public sealed class SecurityHeaders(RequestDelegate next)
{
    /// <summary>
    /// Only this site's own files. <c>data:</c> images are Bootstrap's inline SVG icons in its stylesheet; a
    /// <c>&lt;script type="application/json"&gt;</c> data block is not script and needs nothing.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The browser features no page of the hotline uses.</summary>
    public const string PermissionsPolicy = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

    /// <summary>The referrer policy of pages whose address carries no secret: the origin only, and only over HTTPS.</summary>
    public const string DefaultReferrerPolicy = "strict-origin-when-cross-origin";

    /// <summary>
    /// The pages whose address (or form) carries a tracking code: the code is as good as a password to the appeal's
    /// status (the SMS short link <c>/t/CODE</c> included), so no referrer at all leaves them.
    /// </summary>
    private static readonly PathString[] TrackingCodePages = ["/appeals/track", "/appeals/receipt", "/t"];

    /// <summary>Adds the headers when the response starts, then runs the rest of the pipeline.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Decided from the address asked for: an error page re-executed for it runs under another path.
        var referrerPolicy = ReferrerPolicyFor(context.Request.Path);
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XFrameOptions = "DENY";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = referrerPolicy;
            headers["Permissions-Policy"] = PermissionsPolicy;
            return Task.CompletedTask;
        });
        return next(context);
    }

    /// <summary><c>no-referrer</c> on the tracking and receipt pages, <see cref="DefaultReferrerPolicy"/> elsewhere.</summary>
    public static string ReferrerPolicyFor(PathString path) =>
        TrackingCodePages.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)) ? "no-referrer" : DefaultReferrerPolicy;
}
