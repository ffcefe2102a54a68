namespace Bozhou.Hotline.Web.Http;

/// <summary>
/// The elder-friendly mode (适老化, PRODUCT §9): larger text (20 px body and up), higher contrast and larger targets
/// (44 px and up), from <c>wwwroot/css/elder.css</c> on every page while the visitor's cookie asks for it.
/// <c>GET /elder/on</c> and <c>/elder/off</c> set it (a plain link, no script) and go back to the page the visitor was on.
/// </summary>
public static class ElderMode
{
    /// <summary>The cookie that remembers the choice for a year: "1" while the mode is on; absent otherwise.</summary>
    public const string CookieName = "hotline-elder";

    /// <summary>Whether this request's visitor chose the elder-friendly mode.</summary>
    public static bool IsOn(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Request.Cookies.TryGetValue(CookieName, out var value) && value == "1";
    }

    /// <summary>The output cache's key part: a cached page is served only to visitors in the same mode.</summary>
    public static KeyValuePair<string, string> CacheVary(HttpContext http) => new("elder", IsOn(http) ? "1" : "0");

    /// <summary>The address of the switch that turns the mode <paramref name="on"/> and comes back to <paramref name="returnUrl"/>.</summary>
    public static string SwitchUrl(bool on, string returnUrl) => $"/elder/{(on ? "on" : "off")}?returnUrl={Uri.EscapeDataString(returnUrl)}";

    /// <summary>
    /// <c>GET /elder/{state}</c>: "on" keeps the mode a year in the cookie, anything else ends it; then back to
    /// <paramref name="returnUrl"/> when it is local, the home page otherwise.
    /// </summary>
    public static IResult Handle(string state, string? returnUrl, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var options = new CookieOptions { IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax };
        if (string.Equals(state, "on", StringComparison.OrdinalIgnoreCase))
        {
            options.Expires = DateTimeOffset.UtcNow.AddYears(1);
            http.Response.Cookies.Append(CookieName, "1", options);
        }
        else
        {
            http.Response.Cookies.Delete(CookieName, options);
        }

        return Results.LocalRedirect(ReturnAddress.LocalOr(returnUrl, "/"));
    }
}
