using Bozhou.Hotline.Core.Limits;
using Microsoft.Extensions.Options;

namespace Bozhou.Hotline.Core.Appeals;

/// <summary>
/// Counts a client's failed tracking checks (wrong code and digits): after <see cref="AppealsOptions.TrackFailuresAllowed"/>
/// within <see cref="AppealsOptions.TrackFailureWindow"/> the client is refused until the oldest failure leaves the
/// window. A success does not clear the count, or an attacker holding one appeal of their own could reset it between
/// guesses. Counted by <see cref="IClientLimits"/>: on PostgreSQL every instance counts the same failures.
/// </summary>
/// <remarks>
/// A check first reserves a failure (<see cref="TryBeginAsync"/>, one atomic count) and gives it back when it turns out
/// not to be one (<see cref="NotAFailureAsync"/>): checking "is there room?" and counting the failure afterwards would
/// let a burst of simultaneous guesses all find room (40 at once got 20 guesses past a limit of 5).
/// </remarks>
public sealed class TrackingLockout(IClientLimits limits, IOptions<AppealsOptions> options)
{
    private readonly AppealsOptions _options = options.Value;

    /// <summary>
    /// Begins a check of <paramref name="client"/>: counts it as a failure in advance and returns null, or, when the
    /// client has no failure left, counts nothing and returns how long it must wait (at least one second).
    /// </summary>
    public Task<TimeSpan?> TryBeginAsync(string client, CancellationToken cancellationToken = default) =>
        limits.TryTakeAsync(Key(client), _options.TrackFailuresAllowed, _options.TrackFailureWindow, cancellationToken);

    /// <summary>The check begun by <see cref="TryBeginAsync"/> was not a failure (it passed, or the input was refused before any lookup): gives its count back.</summary>
    public Task NotAFailureAsync(string client, CancellationToken cancellationToken = default) =>
        limits.ReturnAsync(Key(client), cancellationToken);

    private static string Key(string client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return "track:" + client;
    }
}
