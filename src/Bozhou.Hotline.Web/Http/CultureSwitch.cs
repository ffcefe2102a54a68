using Bozhou.Hotline.Web.Hosting;
using Microsoft.AspNetCore.Localization;

namespace Bozhou.Hotline.Web.Http;

/// <summary>
/// <c>GET /culture/{name}</c>: the visitor's choice of language (zh-CN or en; anything else means Chinese), kept a
/// year in the culture cookie, then back to the page the visitor was on when that address is local.
/// </summary>
public static class CultureSwitch
{
    /// <summary>Sets the culture cookie and answers a redirect to <paramref name="returnUrl"/> or the home page.</summary>
    public static IResult Handle(string name, string? returnUrl, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var culture = LocalizationSetup.Supported.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)) ?? LocalizationSetup.Chinese;
        http.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
        return Results.LocalRedirect(ReturnAddress.LocalOr(returnUrl, "/"));
    }
}
