namespace Bozhou.Hotline.Core.Accounts;

/// <summary>
/// How long a session lives (ASVS 3.3): it ends after <see cref="Idle"/> without a request, and after
/// <see cref="Absolute"/> from its sign-in however active it was.
/// </summary>
public sealed record SessionLifetime(TimeSpan Idle, TimeSpan Absolute)
{
    /// <summary>How often the last-seen time is written: at most once a minute per session, not on every request.</summary>
    public static readonly TimeSpan LastSeenResolution = TimeSpan.FromMinutes(1);

    /// <summary>Why the session cannot be used at <paramref name="now"/>, or null while it is alive.</summary>
    public SessionEnd? EndAt(UserSession session, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (session.EndedAt is not null)
        {
            return session.EndReason ?? SessionEnd.SignedOut;
        }

        if (now - session.StartedAt >= Absolute)
        {
            return SessionEnd.TooOld;
        }

        return now - session.LastSeenAt >= Idle ? SessionEnd.Idle : null;
    }

    /// <summary>Whether the request at <paramref name="now"/> should move the stored last-seen time.</summary>
    public static bool ShouldTouch(UserSession session, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        return now - session.LastSeenAt >= LastSeenResolution;
    }
}
