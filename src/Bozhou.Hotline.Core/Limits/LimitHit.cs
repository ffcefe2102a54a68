namespace Bozhou.Hotline.Core.Limits;

/// <summary>
/// One counted attempt of a client against a limit (an appeal stored, a sign-in POST, a failed tracking check), kept
/// in the database when several instances share it (<see cref="PostgresClientLimits"/>) so that they count together.
/// Rows older than the longest window are deleted as the key is next counted, and daily by the purge.
/// </summary>
public class LimitHit
{
    public long Id { get; set; }

    /// <summary>The limit and the client, e.g. <c>submit:203.0.113.7</c> (a client's address or IPv6 /64; no phone, no name).</summary>
    public string Key { get; set; } = "";

    /// <summary>When the attempt was counted (UTC).</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>The longest key, in characters: a prefix and an IPv6 address with its zone fit.</summary>
    public const int KeyMaxLength = 100;

    /// <summary>How long any hit may matter: the longest window of any limit (the submission allowance's hour) with room.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(1);
}
