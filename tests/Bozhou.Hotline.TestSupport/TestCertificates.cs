using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Bozhou.Hotline.TestSupport;

/// <summary>
/// Self-signed certificates made by the tests: the one every <see cref="HotlineFactory"/> encrypts its key ring with
/// (as Production must), others for rotation, and TLS certificates for a proxy in front of the app.
/// </summary>
public static class TestCertificates
{
    /// <summary>The password of every PFX made here.</summary>
    public const string Password = "test-only-key-ring-password";

    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "bozhou-hotline-tests", "certificates-" + Environment.ProcessId);

    private static readonly Lazy<string> DefaultKeyRing = new(() => CreateKeyRingPfx("Bozhou Hotline test key ring"));

    /// <summary>The PFX the factories' key rings are encrypted with, made once per test run.</summary>
    public static string KeyRing => DefaultKeyRing.Value;

    /// <summary>A new key-ring certificate (RSA 2048, self-signed) as a PFX file protected by <see cref="Password"/>; returns its path.</summary>
    public static string CreateKeyRingPfx(string subject)
    {
        using var certificate = SelfSigned("CN=" + subject, serverName: null);
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, Guid.NewGuid().ToString("N") + ".pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        return path;
    }

    /// <summary>A TLS server certificate for <paramref name="serverName"/> (and 127.0.0.1), written as PEM files for nginx.</summary>
    public static (string CertificatePem, string KeyPem, X509Certificate2 Certificate) CreateTlsPem(string directory, string serverName)
    {
        var certificate = SelfSigned("CN=" + serverName, serverName);
        var certificatePath = Path.Combine(directory, "tls.crt");
        var keyPath = Path.Combine(directory, "tls.key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, certificate.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath, certificate);
    }

    private static X509Certificate2 SelfSigned(string subject, string? serverName)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        if (serverName is not null)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName(serverName);
            names.AddIpAddress(System.Net.IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
        }

        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
    }
}
