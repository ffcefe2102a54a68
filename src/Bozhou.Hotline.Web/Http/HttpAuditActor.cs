using System.Security.Claims;

namespace Bozhou.Hotline.Web.Http;

/// <summary>
/// Who acts, for the audit trail: the signed-in user of the current request (id and name as the sign-in gave them),
/// or <see cref="AuditActor.System"/> outside a request (a command, a background job) or before sign-in.
/// </summary>
public sealed class HttpAuditActor(IHttpContextAccessor accessor) : IAuditActor
{
    /// <inheritdoc />
    public AuditActor Current =>
        accessor.HttpContext?.User is { Identity.IsAuthenticated: true } user
            ? new AuditActor(user.FindFirstValue(ClaimTypes.NameIdentifier), user.Identity.Name ?? "")
            : AuditActor.System;
}
