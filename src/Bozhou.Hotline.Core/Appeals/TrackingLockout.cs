using Bozhou.Hotline.Core.Limits;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Caching.Memory;

namespace Bozhou.Hotline.Core.Appeals;

/// <summary>
/// Counts a client's failed tracking checks (wrong code and digits): after <see cref="AppealsOptions.TrackFailuresAllowed"/>
/// within <see cref="AppealsOptions.TrackFailureWindow"/> the client is refused until the oldest failure leaves the
/// window. A success does not clear the count, or an attacker holding one appeal of their own could reset it between
/// guesses. Counted by <see cref="IClientLimits"/>: on PostgreSQL every instance counts the same failures.
/// </summary>
public sealed class TrackingLockout(IClientLimits limits, IOptions<AppealsOptions> options)
{
    private readonly AppealsOptions _options = options.Value;

    /// <summary>How long the client must wait before its next check, or null when it may check now.</summary>
    public Task<TimeSpan?> RetryAfterAsync(string client, CancellationToken cancellationToken = default) =>
        limits.RetryAfterAsync(Key(client), _options.TrackFailuresAllowed, _options.TrackFailureWindow, cancellationToken);

    /// <summary>Counts one failed check of <paramref name="client"/>.</summary>
    public Task RecordFailureAsync(string client, CancellationToken cancellationToken = default) =>
        limits.RecordAsync(Key(client), cancellationToken);

    private static string Key(string client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return "track:" + client;
    }
}
