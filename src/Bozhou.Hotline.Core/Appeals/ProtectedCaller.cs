namespace Bozhou.Hotline.Core.Appeals;

/// <summary>
/// The caller's personal data as it is stored: name and phone encrypted (Data Protection), a keyed hash
/// of the phone for look-ups, and the masked phone (138****5678) that every public page shows.
/// </summary>
public sealed record ProtectedCaller(string? NameCipher, string PhoneCipher, string PhoneHash, string PhoneMasked);
