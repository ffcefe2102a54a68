using System.Security.Cryptography;
using System.Text;
using Bozhou.Hotline.Core.Limits;

namespace Bozhou.Hotline.Core.Open311;

/// <summary>
/// Issues, revokes and checks the Open311 API keys (PRODUCT §8b). A key is <see cref="Prefix"/> followed by 43
/// characters of base64url (256 random bits); the database keeps its SHA-256 only. Each key's posts are counted in a
/// sliding minute by <see cref="IClientLimits"/>, so that instances sharing a PostgreSQL database share the limit.
/// </summary>
public sealed class ApiKeys(HotlineDbContext db, AdminChanges changes, IClientLimits limits, TimeProvider time)
{
    /// <summary>Every key starts with this, so that a key pasted somewhere it should not be is recognisable.</summary>
    public const string Prefix = "bzh_";

    /// <summary>How many characters of the key <see cref="ApiClient.KeyPrefix"/> keeps.</summary>
    public const int ShownPrefixLength = 10;

    /// <summary>The window the rate limit counts in.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Issues a key to a client named <paramref name="name"/> with <paramref name="requestsPerMinute"/> posts a minute,
    /// saved as an audited admin change. Returns the stored client and the key, which is never available again.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The rate is below 1 or above <see cref="ApiClient.MaxRequestsPerMinute"/>.</exception>
    public async Task<(ApiClient Client, string Key)> IssueAsync(string name, int requestsPerMinute, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(requestsPerMinute, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(requestsPerMinute, ApiClient.MaxRequestsPerMinute);
        var key = Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var client = new ApiClient
        {
            Name = name.Trim(),
            KeyPrefix = key[..ShownPrefixLength],
            KeyHash = Hash(key),
            RequestsPerMinute = requestsPerMinute,
            CreatedAt = time.GetUtcNow(),
        };
        db.ApiClients.Add(client);
        changes.Describe(client, "API key issued");
        await changes.SaveAsync(cancellationToken);
        return (client, key);
    }

    /// <summary>Revokes the client's key, as an audited admin change. Returns false when there is no such client or it was revoked already.</summary>
    public async Task<bool> RevokeAsync(int id, CancellationToken cancellationToken)
    {
        var client = await db.ApiClients.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (client is null || client.IsRevoked)
        {
            return false;
        }

        client.RevokedAt = time.GetUtcNow();
        changes.Describe(client, "API key revoked");
        await changes.SaveAsync(cancellationToken);
        return true;
    }

    /// <summary>The client whose key <paramref name="key"/> is, when it exists and is not revoked; otherwise null.</summary>
    public async Task<ApiClient?> FindActiveAsync(string? key, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length > 200)
        {
            return null;
        }

        var hash = Hash(key.Trim());
        return await db.ApiClients.AsNoTracking().SingleOrDefaultAsync(c => c.KeyHash == hash && c.RevokedAt == null, cancellationToken);
    }

    /// <summary>
    /// Counts one post for <paramref name="client"/> when it has posted fewer than its limit within the last minute, and
    /// returns null; otherwise counts nothing and returns how long until it may post again.
    /// </summary>
    public Task<TimeSpan?> TryTakeAsync(ApiClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return limits.TryTakeAsync("open311:" + client.Id.ToString(CultureInfo.InvariantCulture), client.RequestsPerMinute, Window, cancellationToken);
    }

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
