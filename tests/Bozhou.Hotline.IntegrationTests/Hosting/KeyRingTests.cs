using Bozhou.Hotline.IntegrationTests.Appeals;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;

namespace Bozhou.Hotline.IntegrationTests.Hosting;

/// <summary>
/// The Data Protection key ring, kept in the database beside the callers' encrypted names and phones, is itself
/// encrypted with a certificate (PRODUCT §7, OWASP ASVS V6): a copy of the database alone reveals nothing.
/// </summary>
public sealed class KeyRingTests : IDisposable
{
    private readonly string _copies = Path.Combine(Path.GetTempPath(), "bozhou-hotline-tests", "copies-" + Guid.NewGuid().ToString("N"));

    public KeyRingTests() => Directory.CreateDirectory(_copies);

    [Fact]
    public async Task The_key_ring_table_holds_each_key_encrypted_by_the_certificate_and_no_plain_master_key()
    {
        using var factory = new HotlineFactory();
        var directory = await factory.SeedDirectoryAsync();
        using var client = factory.Client();
        await client.LogAppealAsync(factory, directory);

        var keys = await factory.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync());

        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
            Assert.Contains("X509Certificate", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_copy_of_the_database_opened_without_the_certificate_cannot_reveal_a_callers_phone_and_one_with_it_can()
    {
        string code;
        string withoutCertificate = Path.Combine(_copies, "without.db"), withOldCertificate = Path.Combine(_copies, "rotated.db");
        using (var factory = new HotlineFactory())
        {
            var directory = await factory.SeedDirectoryAsync();
            using var client = factory.Client();
            code = await client.LogAppealAsync(factory, directory);
            await CopyAsync(factory.SqlitePath, withoutCertificate);
            await CopyAsync(factory.SqlitePath, withOldCertificate);
        }

        var digits = AppealsKit.PhoneE164[1..];
        Assert.DoesNotContain(digits, System.Text.Encoding.UTF8.GetString(await File.ReadAllBytesAsync(withoutCertificate)), StringComparison.Ordinal);

        using (var thief = new HotlineFactory().With("ConnectionStrings:Hotline", $"Data Source={withoutCertificate}").With("DataProtection:CertificatePath", null))
        {
            var appeal = await thief.LoadAppealAsync(code);
            var protector = thief.Services.GetRequiredService<CallerDataProtector>();

            Assert.NotNull(appeal.CallerPhoneCipher);
            Assert.Null(protector.RevealPhone(appeal));
            Assert.Null(protector.RevealName(appeal));
        }

        // The control: the same copy with the certificate, rotated out (a new current one, the old one still readable).
        using (var operatorWithCertificate = new HotlineFactory()
                   .With("ConnectionStrings:Hotline", $"Data Source={withOldCertificate}")
                   .With("DataProtection:CertificatePath", TestCertificates.CreateKeyRingPfx("Bozhou Hotline rotated key ring"))
                   .With("DataProtection:OldCertificatePaths:0", TestCertificates.KeyRing))
        {
            var appeal = await operatorWithCertificate.LoadAppealAsync(code);

            Assert.Equal(AppealsKit.PhoneE164, operatorWithCertificate.Services.GetRequiredService<CallerDataProtector>().RevealPhone(appeal));
        }
    }

    [Fact]
    public void In_Production_without_a_key_ring_certificate_the_app_refuses_to_start_naming_the_setting_before_it_opens_the_database()
    {
        using var factory = new ProductionFactory();
        factory.WithEmptyDatabase().With("DataProtection:CertificatePath", null);

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("DataProtection:CertificatePath", Flatten(error), StringComparison.Ordinal);
        Assert.False(File.Exists(factory.SqlitePath), "The database was opened before the refusal.");
    }

    [Fact]
    public void A_key_ring_certificate_its_password_does_not_open_refuses_to_start_naming_the_setting()
    {
        using var factory = new HotlineFactory().With("DataProtection:CertificatePassword", "not-the-password");

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("DataProtection:CertificatePassword", Flatten(error), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_copies, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS's temp cleaning: test data only.
        }
    }

    /// <summary>A consistent copy of a live SQLite database (its WAL included), as a backup would take it.</summary>
    private static async Task CopyAsync(string source, string destination)
    {
        await using var connection = new SqliteConnection($"Data Source={source}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "VACUUM INTO $path";
        command.Parameters.AddWithValue("$path", destination);
        await command.ExecuteNonQueryAsync();
    }

    private static string Flatten(Exception e) => e.InnerException is null ? e.Message : e.Message + " | " + Flatten(e.InnerException);

    private sealed class ProductionFactory : HotlineFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }
}
