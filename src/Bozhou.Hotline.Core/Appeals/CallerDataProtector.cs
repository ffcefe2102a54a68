using System.Security.Cryptography;
using System.Text;
using Bozhou.Hotline.Core.Phones;
using Microsoft.AspNetCore.DataProtection;

namespace Bozhou.Hotline.Core.Appeals;

/// <summary>
/// Protects a caller's name and phone at rest (PIPL, PRODUCT §7): both encrypted with Data Protection,
/// the phone also kept as a keyed hash for look-ups and masked (138****5678) for every public page.
/// The staff workspace reveals them through this class, and logs each reveal itself.
/// </summary>
public sealed class CallerDataProtector
{
    public const string Purpose = "Bozhou.Hotline.CallerData";

    private readonly IDataProtector _protector;
    private readonly byte[] _hashKey;

    public CallerDataProtector(IDataProtectionProvider provider, IOptions<PrivacyOptions> options)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(options);
        _protector = provider.CreateProtector(Purpose);
        _hashKey = Encoding.UTF8.GetBytes(options.Value.PhoneHashKey);
    }

    /// <summary>
    /// Protects a validated caller: <paramref name="phoneE164"/> as <see cref="ChinesePhone.TryNormalize"/> gives it.
    /// The name is made one clean line (<see cref="DisplayText.SingleLine"/>) first: once encrypted, the database's
    /// own cleaning cannot see it.
    /// </summary>
    public ProtectedCaller Protect(string? name, string phoneE164)
    {
        ArgumentException.ThrowIfNullOrEmpty(phoneE164);
        name = DisplayText.SingleLine(name);
        var nameCipher = string.IsNullOrEmpty(name) ? null : _protector.Protect(name);
        return new ProtectedCaller(nameCipher, _protector.Protect(phoneE164), HashPhone(phoneE164), ChinesePhone.Mask(phoneE164));
    }

    /// <summary>The keyed hash of a phone in E.164: lower-case hex, 64 characters.</summary>
    public string HashPhone(string phoneE164)
    {
        ArgumentException.ThrowIfNullOrEmpty(phoneE164);
        return Convert.ToHexStringLower(HMACSHA256.HashData(_hashKey, Encoding.UTF8.GetBytes(phoneE164)));
    }

    /// <summary>The phone in E.164, or null once the personal data has been purged.</summary>
    public string? RevealPhone(Appeal appeal)
    {
        ArgumentNullException.ThrowIfNull(appeal);
        return Reveal(appeal.CallerPhoneCipher);
    }

    /// <summary>The caller's name, or null when none was given or it has been purged.</summary>
    public string? RevealName(Appeal appeal)
    {
        ArgumentNullException.ThrowIfNull(appeal);
        return Reveal(appeal.CallerNameCipher);
    }

    /// <summary>
    /// Decrypts a value protected here (a caller's name or phone, an outbox recipient); null when there is
    /// none or its key is lost or revoked, which the page then says instead of failing.
    /// </summary>
    public string? Reveal(string? cipher)
    {
        if (string.IsNullOrEmpty(cipher))
        {
            return null;
        }

        try
        {
            return _protector.Unprotect(cipher);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>Protects a phone number alone, e.g. an SMS recipient in the outbox.</summary>
    public string ProtectPhone(string phoneE164)
    {
        ArgumentException.ThrowIfNullOrEmpty(phoneE164);
        return _protector.Protect(phoneE164);
    }
}
