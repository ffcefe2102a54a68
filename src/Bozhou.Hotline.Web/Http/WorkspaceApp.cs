using Microsoft.AspNetCore.StaticFiles;

namespace Bozhou.Hotline.Web.Http;

/// <summary>
/// The workspace as an installable web app (a cadre's phone): its manifest, icons, offline page and service worker are
/// static files under <c>wwwroot/workspace/</c>. The worker's script is served so that updates land at once and its
/// scope may be <c>/workspace</c> itself (the inbox), one level above the script's own folder.
/// </summary>
public static class WorkspaceApp
{
    /// <summary>The service worker's script; its scope is <see cref="Scope"/>.</summary>
    public const string ServiceWorkerPath = "/workspace/sw.js";

    /// <summary>
    /// The app's scope: the inbox <c>/workspace</c> and everything under it (<c>/workspace/appeals/…</c>). Wider than the
    /// script's folder <c>/workspace/</c>, so the script's answer allows it with <c>Service-Worker-Allowed</c>.
    /// </summary>
    public const string Scope = "/workspace";

    /// <summary>The site's header red (<c>.bg-hotline</c> in site.css), the app's theme colour.</summary>
    public const string ThemeColor = "#b3261e";

    /// <summary>
    /// Run for every static file before it is sent: the service worker's script gets <c>Cache-Control: no-cache</c> (the
    /// browser asks the server each time it checks for an update) and <c>Service-Worker-Allowed: /workspace</c>.
    /// </summary>
    public static void PrepareResponse(StaticFileResponseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Context.Request.Path.Equals(ServiceWorkerPath, StringComparison.OrdinalIgnoreCase))
        {
            context.Context.Response.Headers.CacheControl = "no-cache";
            context.Context.Response.Headers["Service-Worker-Allowed"] = Scope;
        }
    }
}
