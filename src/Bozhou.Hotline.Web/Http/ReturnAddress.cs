using Microsoft.AspNetCore.Http.HttpResults;

namespace Bozhou.Hotline.Web.Http;

/// <summary>
/// The one decision on a redirect to an address the visitor supplied (<c>returnUrl</c> after signing in, after
/// switching language, after a reminder): it is followed only when local by the framework's own test, the one
/// <c>LocalRedirect</c> and <c>Results.LocalRedirect</c> apply before redirecting. A test of our own that let
/// through what the framework refuses (<c>/%09/x</c>, which a browser would read as <c>//x</c>) made the redirect
/// throw, a 500 after the sign-in had been recorded.
/// </summary>
public static class ReturnAddress
{
    /// <summary><paramref name="returnUrl"/> when it is an address on this site, otherwise <paramref name="fallback"/>.</summary>
    public static string LocalOr(string? returnUrl, string fallback) =>
        RedirectHttpResult.IsLocalUrl(returnUrl) ? returnUrl! : fallback;
}
