namespace Bozhou.Hotline.Core.Open311;

/// <summary>
/// A program allowed to post appeals through Open311 (PRODUCT §8b): named by the administrator who issued its key,
/// limited to <see cref="RequestsPerMinute"/> posts, revocable. Only the key's SHA-256 is kept: the key itself is shown
/// once, when issued. Issuing and revoking are audited admin changes; the hash never reaches the audit trail.
/// </summary>
[Audited("ApiClient", Fields = [nameof(Name), nameof(KeyPrefix), nameof(RequestsPerMinute), nameof(CreatedAt), nameof(RevokedAt)])]
public class ApiClient
{
    public const int NameMaxLength = 100;

    /// <summary>Requests per minute a new key gets unless the administrator says otherwise.</summary>
    public const int DefaultRequestsPerMinute = 30;

    /// <summary>The most requests per minute an administrator may grant one key.</summary>
    public const int MaxRequestsPerMinute = 600;

    public int Id { get; set; }

    /// <summary>Who uses the key (a district's app, a partner's system), as the administrator named it.</summary>
    [SingleLine]
    public string Name { get; set; } = "";

    /// <summary>The key's first characters, shown on /admin to tell keys apart; not enough to use it.</summary>
    [SingleLine]
    public string KeyPrefix { get; set; } = "";

    /// <summary>SHA-256 of the whole key, lower-case hex (64 characters). The key is 256 random bits, so no salt is needed.</summary>
    [NotDisplayText]
    public string KeyHash { get; set; } = "";

    /// <summary>Posts of new requests allowed within any minute (a sliding window), 1 to <see cref="MaxRequestsPerMinute"/>.</summary>
    public int RequestsPerMinute { get; set; } = DefaultRequestsPerMinute;

    /// <summary>When the key was issued (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the key was revoked (UTC); a revoked key is refused like an unknown one, and stays listed.</summary>
    public DateTimeOffset? RevokedAt { get; set; }

    public bool IsRevoked => RevokedAt is not null;
}
