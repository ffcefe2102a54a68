namespace Bozhou.Hotline.UnitTests.Accounts;

public class SessionLifetimeTests
{
    private static readonly DateTimeOffset SignedIn = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);
    private static readonly SessionLifetime Lifetime = new(TimeSpan.FromHours(8), TimeSpan.FromHours(12));

    [Fact]
    public void A_session_used_within_the_idle_time_out_is_alive()
    {
        var session = new UserSession { StartedAt = SignedIn, LastSeenAt = SignedIn.AddHours(3) };
        Assert.Null(Lifetime.EndAt(session, SignedIn.AddHours(10)));
    }

    [Fact]
    public void A_session_left_alone_for_the_idle_time_out_has_ended()
    {
        var session = new UserSession { StartedAt = SignedIn, LastSeenAt = SignedIn };
        Assert.Equal(SessionEnd.Idle, Lifetime.EndAt(session, SignedIn.AddHours(8)));
    }

    [Fact]
    public void A_session_ends_at_its_absolute_lifetime_however_recently_used()
    {
        var session = new UserSession { StartedAt = SignedIn, LastSeenAt = SignedIn.AddHours(12).AddMinutes(-1) };
        Assert.Equal(SessionEnd.TooOld, Lifetime.EndAt(session, SignedIn.AddHours(12)));
    }

    [Fact]
    public void An_ended_session_stays_ended_with_its_reason()
    {
        var session = new UserSession { StartedAt = SignedIn, LastSeenAt = SignedIn, EndedAt = SignedIn.AddMinutes(5), EndReason = SessionEnd.SignedOut };
        Assert.Equal(SessionEnd.SignedOut, Lifetime.EndAt(session, SignedIn.AddMinutes(6)));
    }

    [Fact]
    public void The_last_seen_time_is_written_at_most_once_a_minute()
    {
        var session = new UserSession { StartedAt = SignedIn, LastSeenAt = SignedIn };
        Assert.False(SessionLifetime.ShouldTouch(session, SignedIn.AddSeconds(59)));
        Assert.True(SessionLifetime.ShouldTouch(session, SignedIn.AddMinutes(1)));
    }
}
