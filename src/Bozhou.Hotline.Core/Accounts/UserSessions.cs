using System.Security.Claims;
using System.Security.Cryptography;

namespace Bozhou.Hotline.Core.Accounts;

/// <summary>
/// The sessions of accounts, kept in the database (<see cref="UserSession"/>): one row per sign-in, whose id the
/// cookie carries. A request is signed in only while its row is alive, its account enabled, and then with the
/// roles the database holds now, never those the cookie was issued with.
/// </summary>
public sealed class UserSessions(HotlineDbContext db, TimeProvider time, IOptions<AccountOptions> options)
{
    /// <summary>The claim that carries the session id in the cookie.</summary>
    public const string SessionClaim = "hotline:sid";

    /// <summary>Present (value "1") while the account signed in with a one-time password that it has not changed yet.</summary>
    public const string MustChangePasswordClaim = "hotline:must-change-password";

    /// <summary>The idle time-out and the absolute lifetime of the configuration.</summary>
    public SessionLifetime Lifetime => new(TimeSpan.FromHours(options.Value.SessionHours), TimeSpan.FromHours(options.Value.SessionMaxHours));

    /// <summary>Stores a new session for the account and returns its id.</summary>
    public async Task<string> StartAsync(string userId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var session = new UserSession { Id = RandomNumberGenerator.GetHexString(32, lowercase: true), UserId = userId, StartedAt = now, LastSeenAt = now };
        db.UserSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return session.Id;
    }

    /// <summary>Ends one session (signing out); a copy of its cookie is refused from then on.</summary>
    public Task EndAsync(string sessionId, SessionEnd reason, CancellationToken cancellationToken = default) =>
        EndWhereAsync(s => s.Id == sessionId, reason, cancellationToken);

    /// <summary>Ends every live session of the account, but <paramref name="except"/> when given; returns how many ended.</summary>
    public Task<int> EndAllAsync(string userId, SessionEnd reason, string? except = null, CancellationToken cancellationToken = default) =>
        EndWhereAsync(s => s.UserId == userId && s.Id != except, reason, cancellationToken);

    /// <summary>The session id a principal carries, or null.</summary>
    public static string? IdOf(ClaimsPrincipal? principal) => principal?.FindFirstValue(SessionClaim);

    /// <summary>
    /// The principal for this request, rebuilt from the database: null when the session is unknown, ended or
    /// expired (then it is marked ended), or the account is gone or disabled.
    /// </summary>
    public async Task<ClaimsPrincipal?> ValidateAsync(ClaimsPrincipal cookie, string authenticationType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cookie);
        var sessionId = IdOf(cookie);
        var userId = cookie.FindFirstValue(ClaimTypes.NameIdentifier);
        if (sessionId is null || userId is null)
        {
            return null;
        }

        var found = await (from s in db.UserSessions
                           join u in db.Users on s.UserId equals u.Id
                           where s.Id == sessionId && s.UserId == userId
                           select new { Session = s, u.UserName, u.DisabledAt, u.MustChangePassword }).FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var session = found.Session;
        var end = found.DisabledAt is not null ? SessionEnd.AccountDisabled : Lifetime.EndAt(session, now);
        if (end is { } reason)
        {
            if (session.EndedAt is null)
            {
                session.EndedAt = now;
                session.EndReason = reason;
                await db.SaveChangesAsync(cancellationToken);
            }

            return null;
        }

        if (SessionLifetime.ShouldTouch(session, now))
        {
            session.LastSeenAt = now;
            await db.SaveChangesAsync(cancellationToken);
        }

        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ur.UserId == userId
                           select r.Name!).ToListAsync(cancellationToken);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, userId),
            new(ClaimTypes.Name, found.UserName ?? ""),
            new(SessionClaim, sessionId),
        };
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        if (found.MustChangePassword)
        {
            claims.Add(new Claim(MustChangePasswordClaim, "1"));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }

    private async Task<int> EndWhereAsync(System.Linq.Expressions.Expression<Func<UserSession, bool>> which, SessionEnd reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var live = await db.UserSessions.Where(which).Where(s => s.EndedAt == null).ToListAsync(cancellationToken);
        foreach (var session in live)
        {
            session.EndedAt = now;
            session.EndReason = reason;
        }

        await db.SaveChangesAsync(cancellationToken);
        return live.Count;
    }
}
