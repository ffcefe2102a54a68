using System.Security.Cryptography;
using System.Text;
using Bozhou.Hotline.Core.Appeals;
using Bozhou.Hotline.Core.Phones;
using Microsoft.AspNetCore.DataProtection;

namespace Bozhou.Hotline.Web.Workspace;

/// <summary>
/// The caller's personal data as the workspace needs it: revealed for the cadre who must call back, and
/// protected when the demo data logs appeals. The appeals feature's <c>CallerDataProtector</c> takes this
/// interface's place when the branches meet; both use the Data Protection purpose below.
/// </summary>
public interface ICallerDataReveal
{
    /// <summary>The full phone in E.164, or null when purged or unreadable.</summary>
    string? RevealPhone(string? phoneCipher);

    string? RevealName(string? nameCipher);

    ProtectedCaller Protect(string? name, string phoneE164);
}

public sealed class DataProtectionCallerDataReveal(IDataProtectionProvider provider, IConfiguration configuration) : ICallerDataReveal
{
    public const string Purpose = "Bozhou.Hotline.CallerData";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    public string? RevealPhone(string? phoneCipher) => Unprotect(phoneCipher);

    public string? RevealName(string? nameCipher) => Unprotect(nameCipher);

    public ProtectedCaller Protect(string? name, string phoneE164)
    {
        var key = Encoding.UTF8.GetBytes(configuration["Privacy:PhoneHashKey"] is { Length: > 0 } configured ? configured : Purpose);
        var hash = Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(phoneE164)));
        return new ProtectedCaller(
            string.IsNullOrWhiteSpace(name) ? null : _protector.Protect(name.Trim()),
            _protector.Protect(phoneE164),
            hash,
            ChinesePhone.Mask(phoneE164));
    }

    private string? Unprotect(string? cipher)
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
            // A key lost or revoked: the number cannot be shown, which the page says instead of failing.
            return null;
        }
    }
}
