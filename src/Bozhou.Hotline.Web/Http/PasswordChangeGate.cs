namespace Bozhou.Hotline.Web.Http;

/// <summary>
/// Binds a one-time password: while the signed-in account must change its password, every page but changing it
/// and signing out redirects to the change-password page, and every other POST (or any other method) is refused
/// with 403, so that nothing of the workspace, the supervision office or the administration is read or written.
/// </summary>
public sealed class PasswordChangeGate(RequestDelegate next)
{
    /// <summary>The change-password page, the one place such an account may go.</summary>
    public const string ChangePasswordPath = "/account/change-password";

    // The status page too, which shows the 403 of a refused POST.
    private static readonly PathString[] Allowed = [ChangePasswordPath, "/account/logout", "/Error"];

    /// <summary>Lets the request through, or redirects (GET, HEAD) or refuses it (any other method).</summary>
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.User.HasClaim(UserSessions.MustChangePasswordClaim, "1")
            || Allowed.Any(p => context.Request.Path.Equals(p, StringComparison.OrdinalIgnoreCase)))
        {
            return next(context);
        }

        context.Response.Headers.CacheControl = "no-store";
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        {
            var back = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
            context.Response.Redirect(ChangePasswordPath + "?returnUrl=" + Uri.EscapeDataString(back));
            return Task.CompletedTask;
        }

        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }
}
