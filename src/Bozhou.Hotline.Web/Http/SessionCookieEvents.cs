using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication;

namespace Bozhou.Hotline.Web.Http;

/// <summary>
/// The sign-in cookie's events: every request that carries the cookie is checked against its session row and
/// the account (<see cref="UserSessions.ValidateAsync"/>) and signed in with the roles stored now; a refused
/// cookie is deleted and the request is anonymous (a staff page then redirects to the login). A signed-in user
/// without the role gets a plain 403 with the localized status page, not a redirect: a forged request is
/// refused where it was sent.
/// </summary>
public sealed class SessionCookieEvents(UserSessions sessions) : CookieAuthenticationEvents
{
    /// <inheritdoc />
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var principal = context.Principal is null
            ? null
            : await sessions.ValidateAsync(context.Principal, context.Scheme.Name, context.HttpContext.RequestAborted);
        if (principal is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(context.Scheme.Name);
            return;
        }

        // For this request only: the cookie is not re-issued for it (the sliding expiry renews it as before).
        context.ReplacePrincipal(principal);
    }

    /// <inheritdoc />
    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }
}
