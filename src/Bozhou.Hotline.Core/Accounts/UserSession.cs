namespace Bozhou.Hotline.Core.Accounts;

/// <summary>
/// One sign-in of an account: the cookie carries its id, and every signed-in request checks the row on the
/// server (ASVS V3), so that signing out, "sign out everywhere", a password reset or disabling the account ends it
/// on every instance that shares the database, at the session's next request.
/// </summary>
public class UserSession
{
    /// <summary>128 random bits, hex; the cookie (encrypted and signed) carries it.</summary>
    [NotDisplayText]
    public string Id { get; set; } = "";

    [NotDisplayText]
    public string UserId { get; set; } = "";

    public DateTimeOffset StartedAt { get; set; }

    /// <summary>The last request seen, to the minute: the idle time-out counts from here.</summary>
    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>Set when the session ended (signed out, revoked or expired); an ended session is never accepted again.</summary>
    public DateTimeOffset? EndedAt { get; set; }

    public SessionEnd? EndReason { get; set; }

    /// <summary>
    /// How long a session's row is kept after it started, at the least (30 days, or the absolute lifetime if longer):
    /// long enough to answer "was this account signed in then"; then the daily purge deletes it.
    /// </summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(30);
}

/// <summary>Why a session ended.</summary>
public enum SessionEnd
{
    SignedOut = 1,

    /// <summary>The user chose "sign out everywhere" (退出所有设备).</summary>
    SignedOutEverywhere = 2,

    /// <summary>The user changed the password: every other session of the account ends.</summary>
    PasswordChanged = 3,

    /// <summary>An administrator reset the password.</summary>
    PasswordReset = 4,

    /// <summary>An administrator disabled the account.</summary>
    AccountDisabled = 5,

    /// <summary>No request for longer than the idle time-out.</summary>
    Idle = 6,

    /// <summary>Older than the absolute lifetime, however active.</summary>
    TooOld = 7,
}
