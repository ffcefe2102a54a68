namespace Bozhou.Hotline.Core.Limits;

/// <summary>
/// Counts a client's attempts against a limit in a sliding window: at most <c>limit</c> attempts within any
/// <c>window</c>. In this process's memory on SQLite, where there is one instance (<see cref="MemoryClientLimits"/>);
/// in the shared database on PostgreSQL (<see cref="PostgresClientLimits"/>), so that a client alternating between
/// instances gets exactly the limit. Used by the submission allowance, the sign-in limit and the tracking lockout
/// (PRODUCT §7).
/// </summary>
public interface IClientLimits
{
    /// <summary>
    /// Counts one attempt under <paramref name="key"/> when fewer than <paramref name="limit"/> were counted within the
    /// last <paramref name="window"/>, and returns null; otherwise counts nothing and returns how long until the oldest
    /// counted attempt leaves the window (at least one second).
    /// </summary>
    Task<TimeSpan?> TryTakeAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken = default);

    /// <summary>How long <paramref name="key"/> must wait when <paramref name="limit"/> attempts are counted within <paramref name="window"/>; otherwise null.</summary>
    Task<TimeSpan?> RetryAfterAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken = default);

    /// <summary>Counts one attempt under <paramref name="key"/>, whatever the count (a failure that adds to a lockout).</summary>
    Task RecordAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes back the latest attempt counted under <paramref name="key"/> (one reserved by <see cref="TryTakeAsync"/>
    /// before the outcome was known, which turned out not to count); nothing when none is counted.
    /// </summary>
    Task ReturnAsync(string key, CancellationToken cancellationToken = default);
}
