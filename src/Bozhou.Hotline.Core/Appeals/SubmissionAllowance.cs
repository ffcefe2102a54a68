using System.Threading.RateLimiting;

namespace Bozhou.Hotline.Core.Appeals;

/// <summary>
/// New appeals one client (its address, or its IPv6 /64, as the web app's <c>ClientKey</c> names it) may store per hour (PRODUCT §7,
/// <see cref="AppealsOptions.SubmissionsPerHour"/>). A permit is taken only when a valid appeal is about to be
/// stored: a form sent back with its errors, a repeat of a stored submission and reading the form cost nothing.
/// </summary>
/// <remarks>
/// Counted in this process's memory, in fixed windows of an hour from the client's first stored appeal. With two
/// instances each counts its own; the scale-out work moves the count to the shared database.
/// </remarks>
public sealed class SubmissionAllowance : IDisposable
{
    /// <summary>The window the allowance counts in.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    private readonly PartitionedRateLimiter<string> _limiter;

    /// <summary>An allowance of <see cref="AppealsOptions.SubmissionsPerHour"/> appeals per client and hour.</summary>
    public SubmissionAllowance(IOptions<AppealsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var permits = options.Value.SubmissionsPerHour;
        _limiter = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetFixedWindowLimiter(
            client, _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = Window, QueueLimit = 0, AutoReplenishment = true }));
    }

    /// <summary>
    /// Takes one permit for <paramref name="client"/> (the client's key: an IPv4 address or an IPv6 /64). Returns
    /// null when granted, or how long until the window renews when the client has used its allowance.
    /// </summary>
    public TimeSpan? TryTake(string client)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var lease = _limiter.AttemptAcquire(client);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : Window;
    }

    /// <inheritdoc />
    public void Dispose() => _limiter.Dispose();
}
