using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Bozhou.Hotline.Core.Data;

/// <summary>
/// The certificate that encrypts the Data Protection key ring kept in the database (PRODUCT §7): the keys that
/// encrypt callers' names and phones are never stored in the clear beside them, so a copy of the database without
/// the certificate reveals no personal data. A PFX (PKCS#12) file with an RSA key.
/// </summary>
public sealed class KeyRingOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "DataProtection";

    /// <summary>The PFX whose certificate encrypts new keys and decrypts keys it encrypted (<c>DataProtection:CertificatePath</c>).</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PFX's password (<c>DataProtection:CertificatePassword</c>).</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>
    /// Retired certificates, still needed to read the keys they encrypted until those keys have expired
    /// (<c>DataProtection:OldCertificatePaths:0</c>, …).
    /// </summary>
    public IList<string> OldCertificatePaths { get; } = [];

    /// <summary>The retired PFXs' password; when unset, <see cref="CertificatePassword"/>.</summary>
    public string? OldCertificatePassword { get; set; }

    /// <summary>Whether a certificate is configured.</summary>
    public bool HasCertificate => !string.IsNullOrWhiteSpace(CertificatePath);

    /// <summary>The current certificate, or an error naming the setting.</summary>
    public X509Certificate2 LoadCertificate() =>
        Load(CertificatePath!, CertificatePassword, $"{Section}:{nameof(CertificatePath)}", $"{Section}:{nameof(CertificatePassword)}");

    /// <summary>The retired certificates, or an error naming the setting.</summary>
    public X509Certificate2[] LoadOldCertificates() =>
        [.. OldCertificatePaths.Where(p => !string.IsNullOrWhiteSpace(p)).Select((path, i) =>
            Load(path, OldCertificatePassword ?? CertificatePassword, $"{Section}:{nameof(OldCertificatePaths)}:{i}", $"{Section}:{nameof(OldCertificatePassword)}"))];

    private static X509Certificate2 Load(string path, string? password, string pathSetting, string passwordSetting)
    {
        if (!File.Exists(path))
        {
            throw Invalid($"{pathSetting}: no certificate file at '{path}'.");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (CryptographicException e)
        {
            throw Invalid($"{pathSetting}: '{path}' is not a PKCS#12 (PFX) file that {passwordSetting} opens ({e.Message}).");
        }

        if (!certificate.HasPrivateKey || certificate.GetRSAPrivateKey() is null)
        {
            certificate.Dispose();
            throw Invalid($"{pathSetting}: '{path}' holds no RSA private key; the key ring needs one to decrypt its keys.");
        }

        return certificate;
    }

    private static InvalidOperationException Invalid(string message) => new(message);
}
