using System.Diagnostics;
using Bozhou.Hotline.Core.Operations;
using Bozhou.Hotline.IntegrationTests.Workspace;
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

    [Fact]
    public async Task After_an_upgrade_drops_the_roll_ups_the_next_start_computes_them_again_and_the_scorecard_counts_the_old_days()
    {
        var (factory, data, world) = await ExtensionTests.WorldAsync();
        using var _ = factory;
        var start = factory.Clock.GetUtcNow();
        // Appeals of the previous week, one with an extension asked for; the refresh job has run on this database before.
        for (var day = 1; day <= 3; day++)
        {
            await data.AddAppealAsync(world.LiId, CallOutcome.Answered, at: start.AddDays(-day));
        }

        await data.AddAppealAsync(world.LiId, CallOutcome.Answered, at: start.AddDays(-4),
            then: (a, clock) => a.RequestExtension(new DateOnly(2026, 3, 20), "需会商", "李明", null, clock, start.AddDays(-4)));
        await data.QueryAsync(async db =>
        {
            if (!await db.JobRuns.AnyAsync(r => r.Name == StatsRefreshService.JobName))
            {
                db.JobRuns.Add(new JobRun { Name = StatsRefreshService.JobName, LastStartedUtc = start.AddHours(-1), LastSuccessUtc = start.AddHours(-1) });
                await db.SaveChangesAsync();
            }

            // What the migration ThreeRatesAndPublicStats does: the roll-ups lack the new counts and are dropped.
            return await db.DailyCadreStats.ExecuteDeleteAsync();
        });

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(TestContext.Current.CancellationToken);
        }

        var rows = await data.QueryAsync(db => db.DailyCadreStats.AsNoTracking().Where(s => s.CadreId == world.LiId).ToListAsync());
        Assert.Equal(4, rows.Sum(r => r.CallsLogged));
        Assert.Equal(1, rows.Sum(r => r.ExtensionsRequested));
        using var office = await data.SignInAsync(WorkspaceWorld.SupervisorEmail);
        var card = await office.GetPageAsync("/supervision/scorecards?level=cadre&period=2026-02");
        var cell = card.QuerySelector($"#scorecard tbody tr[data-id='{world.LiId}'] td.extension-rate")!;
        // February holds the 26th to the 28th: three appeals, the extension among them (1 March is in March).
        Assert.Equal(("1", "3"), (cell.GetAttribute("data-requested"), cell.GetAttribute("data-logged")));
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
