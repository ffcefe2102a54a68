using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Bozhou.Hotline.IntegrationTests.Supervision;

public class RebuildStatsCommandTests
{
    [Fact]
    public async Task The_rebuild_stats_command_recomputes_the_days_asked_for_and_refuses_a_bad_date()
    {
        var directory = Path.Combine(Path.GetTempPath(), "bozhou-hotline-tests", Guid.NewGuid().ToString("N"));
        var connection = $"--ConnectionStrings:Hotline=Data Source={Path.Combine(directory, "stats.db")}";
        try
        {
            var (migrated, _) = await RunAsync("migrate", connection);
            Assert.Equal(0, migrated);

            var (code, output) = await RunAsync("rebuild-stats", "--from", "2026-03-01", "--to", "2026-03-07", connection);
            Assert.True(code == 0, output);
            Assert.Contains("Rebuilt the daily statistics of 7 day(s).", output, StringComparison.Ordinal);

            var (bad, message) = await RunAsync("rebuild-stats", "--from", "1 March", connection);
            Assert.Equal(2, bad);
            Assert.Contains("yyyy-MM-dd", message, StringComparison.Ordinal);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Bozhou.Hotline.Web.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The command runs in Production, which needs the key-ring certificate; every command checks every setting first.
        start.ArgumentList.Add($"--Privacy:PhoneHashKey={AppProcess.PhoneHashKey}");
        start.ArgumentList.Add($"--DataProtection:CertificatePath={TestCertificates.KeyRing}");
        start.ArgumentList.Add($"--DataProtection:CertificatePassword={TestCertificates.Password}");

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output + errors);
    }
}
