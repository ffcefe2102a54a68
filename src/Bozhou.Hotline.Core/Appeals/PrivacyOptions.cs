namespace Bozhou.Hotline.Core.Appeals;

/// <summary>The "Privacy" settings (PRODUCT §7): how callers' personal data is protected at rest.</summary>
public sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    public const int MinimumKeyLength = 32;

    /// <summary>
    /// The secret key of the keyed hash (HMAC-SHA256) that finds appeals by phone without decrypting
    /// every row. Changing it orphans the stored hashes, so it is set once per installation.
    /// </summary>
    public string PhoneHashKey { get; set; } = "";

    public bool IsValid => PhoneHashKey.Length >= MinimumKeyLength;
}
