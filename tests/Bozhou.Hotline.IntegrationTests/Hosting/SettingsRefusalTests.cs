using Bozhou.Hotline.TestSupport;
using Microsoft.Data.Sqlite;

namespace Bozhou.Hotline.IntegrationTests.Hosting;

/// <summary>
/// Every setting that can refuse a start is checked before anything opens the database: the server and every command,
/// run as an operator runs them (in Production, settings in the environment), refuse with the setting's name on
/// standard error, exit 1, and leave no database file (nor its companions) behind.
/// </summary>
public sealed class SettingsRefusalTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "bozhou-hotline-tests", "refusal-" + Guid.NewGuid().ToString("N"));

    public SettingsRefusalTests() => Directory.CreateDirectory(Path.Combine(_folder, "data"));

    private string DataFolder => Path.Combine(_folder, "data");

    /// <summary>The wrong settings, "Key=value" (an empty value removes the setting, '' sets it empty) separated by "|", and the setting named.</summary>
    public static TheoryData<string, string> WrongSettings() => new()
    {
        { "Privacy__PhoneHashKey=", "Privacy:PhoneHashKey" },
        { "Privacy__PhoneHashKey=too-short", "Privacy:PhoneHashKey" },
        { "DataProtection__CertificatePath=", "DataProtection:CertificatePath" },
        { "DataProtection__CertificatePassword=not-the-password", "DataProtection:CertificatePassword" },
        { "DataProtection__OldCertificatePaths__0=/nonexistent/old-key-ring.pfx", "DataProtection:OldCertificatePaths:0" },
        { "Database__Provider=PostgreSQL", "Database:Provider" },
        { "Database__Provider=Postgres|ConnectionStrings__Hotline=''", "ConnectionStrings:Hotline" },
        { "Database__Provider=Postgres", "ConnectionStrings:Hotline" },
        { "Database__WriteGateTimeoutSeconds=0", "Database:WriteGateTimeoutSeconds" },
        { "Database__WriteGateStuckSeconds=301", "Database:WriteGateStuckSeconds" },
        { "Sms__Gateway=Http|Sms__Url=sms.example/send", "Sms:Url" },
        { "Sms__Gateway=Carrier-pigeon", "Sms:Gateway" },
        { "Sms__MaxAttempts=0", "Sms:MaxAttempts" },
        { "Clocks__MaxTransfers=9", "Clocks:MaxTransfers" },
        { "Clocks__QuietHoursEnd=25", "Clocks:QuietHoursEnd" },
        { "Clocks__MaxTransfers=two", "Clocks:MaxTransfers" },
        { "Database__WriteGateTimeoutSeconds=thirty", "Database:WriteGateTimeoutSeconds" },
        { "Proxy__KnownProxies__0=nginx.local", "Proxy:KnownProxies" },
        { "Proxy__KnownNetworks__0=10.0.0.0/99", "Proxy:KnownNetworks" },
        { "Seed__Demo=true|Seed__DemoPassword=", "Seed:DemoPassword" },
        { "Accounts__SessionHours=20|Accounts__SessionMaxHours=12", "Accounts:SessionHours" },
        { "Accounts__MaxFailedSignIns=0", "Accounts:MaxFailedSignIns" },
        { "Appeals__SubmissionsPerHour=0", "Appeals:SubmissionsPerHour" },
        { "Supervision__SpotCheckSize=0", "Supervision:SpotCheckSize" },
        { "Privacy__RetentionDays=0", "Privacy:RetentionDays" },
    };

    [Theory]
    [MemberData(nameof(WrongSettings))]
    public async Task A_wrong_setting_refuses_the_server_and_setup_naming_it_before_any_database_file_exists(string wrong, string named)
    {
        var settings = Settings(wrong);

        var server = await AppProcess.RunAsync(settings, null, null, "--urls", $"http://127.0.0.1:{NginxProxy.FreePort()}");
        var setup = await AppProcess.RunAsync(settings, null, null, "setup", "--email", "admin@bozhou.gov.cn");

        foreach (var (exitCode, output) in new[] { server, setup })
        {
            Assert.True(exitCode == 1, $"exit {exitCode}:\n{output}");
            Assert.Contains("did not start", output, StringComparison.Ordinal);
            Assert.Contains(named, output, StringComparison.Ordinal);
            // Plain words, not an unhandled exception's stack trace.
            Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(DataFolder));
    }

    [Theory]
    [InlineData("migrate")]
    [InlineData("migrate", "--script", "SCRIPT")]
    [InlineData("setup", "--email", "admin@bozhou.gov.cn")]
    [InlineData("create-user", "--email", "admin@bozhou.gov.cn", "--role", "Admin")]
    [InlineData("import-directory", "LIST")]
    [InlineData("rebuild-stats")]
    [InlineData("backup", "--to", "BACKUP")]
    [InlineData("restore", "--from", "BACKUP")]
    public async Task Every_command_is_refused_on_a_wrong_setting_before_it_touches_a_database(params string[] command)
    {
        var list = Path.Combine(_folder, "cadres.csv");
        await File.WriteAllTextAsync(list, "jurisdiction,department,name,position,duties,mobile,office_phone,order\n市直,市政府,周涛,市长,,13905581111,,1\n", TestContext.Current.CancellationToken);
        var backup = Path.Combine(_folder, "backup.db");
        var script = Path.Combine(_folder, "script.sql");
        string[] args = [.. command.Select(a => a switch { "LIST" => list, "BACKUP" => backup, "SCRIPT" => script, _ => a })];

        var (exitCode, output) = await AppProcess.RunAsync(Settings("Privacy__PhoneHashKey=too-short"), null, null, args);

        Assert.True(exitCode == 1, $"exit {exitCode}:\n{output}");
        Assert.Contains("Privacy:PhoneHashKey", output, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(DataFolder));
        Assert.False(File.Exists(backup));
        Assert.False(File.Exists(script));
    }

    [Fact]
    public async Task In_production_a_relative_database_path_refuses_setup_naming_the_setting_and_no_file_is_made()
    {
        var relative = "App_Data/refused-" + Guid.NewGuid().ToString("N") + ".db";
        var settings = Settings($"ConnectionStrings__Hotline=Data Source={relative}");

        var (exitCode, output) = await AppProcess.RunAsync(settings, DataFolder, null, "setup", "--email", "admin@bozhou.gov.cn");

        Assert.Equal(1, exitCode);
        Assert.Contains("ConnectionStrings:Hotline", output, StringComparison.Ordinal);
        Assert.Contains("relative path", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(AppProcess.AppFolder, relative)));
        Assert.Empty(Directory.EnumerateFileSystemEntries(DataFolder));
    }

    /// <summary>A Production install's settings on a database file in the data folder, with <paramref name="wrong"/> applied.</summary>
    private Dictionary<string, string?> Settings(string wrong)
    {
        var settings = AppProcess.ProductionSettings();
        settings["ConnectionStrings__Hotline"] = $"Data Source={Path.Combine(DataFolder, "hotline.db")}";
        foreach (var pair in wrong.Split('|'))
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            var value = pair[(at + 1)..];
            settings[pair[..at]] = value switch { "" => null, "''" => "", _ => value };
        }

        return settings;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS's temp cleaning.
        }
    }
}
