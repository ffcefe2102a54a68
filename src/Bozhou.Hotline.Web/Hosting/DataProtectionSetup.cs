using Bozhou.Hotline.Core.Data;
using Microsoft.AspNetCore.DataProtection;

namespace Bozhou.Hotline.Web.Hosting;

public static class DataProtectionSetup
{
    /// <summary>
    /// Keys live in the database so cookies and protected fields survive restarts and several instances, encrypted
    /// with the certificate of <see cref="KeyRingOptions"/>; retired certificates still decrypt the keys they
    /// encrypted. In Production the app refuses to start without a certificate, before it opens the database;
    /// elsewhere it runs with the keys unencrypted and says so in the log.
    /// </summary>
    public static WebApplicationBuilder AddHotlineDataProtection(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(KeyRingOptions.Section);
        var options = section.Get<KeyRingOptions>() ?? new KeyRingOptions();
        builder.Services.AddOptions<KeyRingOptions>().Bind(section);

        var dataProtection = builder.Services.AddDataProtection()
            .SetApplicationName("Bozhou.Hotline")
            .PersistKeysToDbContext<HotlineDbContext>();

        if (options.HasCertificate)
        {
            dataProtection.ProtectKeysWithCertificate(options.LoadCertificate());
            var old = options.LoadOldCertificates();
            if (old.Length > 0)
            {
                dataProtection.UnprotectKeysWithAnyCertificate(old);
            }
        }
        else if (builder.Environment.IsProduction())
        {
            throw new InvalidOperationException(
                $"{KeyRingOptions.Section}:{nameof(KeyRingOptions.CertificatePath)} is not set. In Production the keys that encrypt " +
                "callers' names and phones must themselves be encrypted with a certificate: set DataProtection:CertificatePath to a " +
                "PFX file and DataProtection:CertificatePassword to its password (see the README, \"The key-ring certificate\").");
        }
        else
        {
            builder.Services.AddHostedService<UnencryptedKeyRingWarning>();
        }

        return builder;
    }

    /// <summary>Says once at start-up that the key ring is kept unencrypted (Development and Testing only).</summary>
    private sealed class UnencryptedKeyRingWarning(ILogger<UnencryptedKeyRingWarning> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            logger.LogWarning(
                "DataProtection:CertificatePath is not set: the Data Protection keys (which encrypt callers' names and phones) are " +
                "stored unencrypted in the database. Production refuses to start like this.");
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
