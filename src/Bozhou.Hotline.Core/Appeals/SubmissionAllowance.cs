using Bozhou.Hotline.Core.Limits;
using Microsoft.Extensions.Options;
using System.Threading.RateLimiting;

namespace Bozhou.Hotline.Core.Appeals;

/// <summary>
/// New appeals one client (its address, or its IPv6 /64, as the web app's <c>ClientKey</c> names it) may store per hour (PRODUCT §7,
/// <see cref="AppealsOptions.SubmissionsPerHour"/>). A permit is taken only when a valid appeal is about to be
/// stored: a form sent back with its errors, a repeat of a stored submission and reading the form cost nothing.
/// </summary>
/// <remarks>
/// At most that many within any hour (a sliding window), counted by <see cref="IClientLimits"/>: in memory on SQLite,
/// in the shared database on PostgreSQL, so that a client alternating between instances gets the allowance once.
/// </remarks>
public sealed class SubmissionAllowance(IClientLimits limits, IOptions<AppealsOptions> options)
{
    /// <summary>The window the allowance counts in.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    /// <summary>
    /// Takes one permit for <paramref name="client"/> (the client's key: an IPv4 address or an IPv6 /64). Returns
    /// null when granted, or how long until a permit is free again when the client has used its allowance.
    /// </summary>
    public Task<TimeSpan?> TryTakeAsync(string client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return limits.TryTakeAsync("submit:" + client, options.Value.SubmissionsPerHour, Window, cancellationToken);
    }
}
