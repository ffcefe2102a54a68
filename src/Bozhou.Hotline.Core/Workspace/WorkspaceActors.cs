using System.Security.Claims;
using Microsoft.AspNetCore.Identity;

namespace Bozhou.Hotline.Core.Workspace;

/// <summary>
/// Reads the signed-in user and the cadres they act for from the database on each request, so a delegation
/// withdrawn or an account disabled takes effect at once rather than when the cookie expires.
/// </summary>
public sealed class WorkspaceActors(HotlineDbContext db, UserManager<HotlineUser> users)
{
    private WorkspaceActor? _current;

    /// <summary>The signed-in user as a workspace actor; null when not signed in or the account is gone.</summary>
    public async Task<WorkspaceActor?> CurrentAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (_current is not null)
        {
            return _current;
        }

        var userId = users.GetUserId(principal);
        var user = userId is null ? null : await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return null;
        }

        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ur.UserId == user.Id
                           select r.Name!).ToListAsync(cancellationToken);
        var delegated = await db.CadreDelegations.Where(d => d.StaffUserId == user.Id).Select(d => d.CadreId).ToListAsync(cancellationToken);
        var cadreIds = AppealAccess.CadresActedFor(roles, user.CadreId, delegated, user.DisabledAt is not null);
        var names = await db.Cadres.Where(c => cadreIds.Contains(c.Id))
            .OrderBy(c => c.Department.Order).ThenBy(c => c.ProtocolOrder)
            .Select(c => new { c.Id, c.Name })
            .ToListAsync(cancellationToken);
        var isStaff = roles.Contains(Roles.Staff) && !roles.Contains(Roles.Cadre);
        _current = new WorkspaceActor(user.Id, user.DisplayName, isStaff, names.ToDictionary(c => c.Id, c => c.Name));
        return _current;
    }

    /// <summary>The signed-in user as an <see cref="Actor"/> acting for their cadres; null when not signed in or the account is gone.</summary>
    public async Task<Actor?> ActorAsync(ClaimsPrincipal principal, CancellationToken cancellationToken) =>
        await CurrentAsync(principal, cancellationToken) is { } user ? Actor.ForCadres(user) : null;
}
