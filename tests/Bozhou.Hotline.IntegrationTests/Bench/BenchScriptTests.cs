using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace Bozhou.Hotline.IntegrationTests.Bench;

/// <summary>
/// A benchmark is not a test: these only keep the bench scripts and the bench seeder from rotting, with a
/// few-second smoke run and a tiny seed. The figures come from <c>bench/run.sh</c> (bench/README.md).
/// </summary>
public class BenchScriptTests
{
    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "bench", "run.sh")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("bench/run.sh not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The configuration these tests were built in.</summary>
    private static string Configuration() =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";

    /// <summary>The web project's own build output, in the configuration these tests were built in.</summary>
    private static string WebOutput(string root) => Path.Combine(root, "src", "Bozhou.Hotline.Web", "bin", Configuration(), "net10.0");

    /// <summary>The bench seeder's own build output (this project references it, so it is built with the tests).</summary>
    private static string SeederOutput(string root) => Path.Combine(root, "bench", "Bozhou.Hotline.Bench", "bin", Configuration(), "net10.0");

    private static async Task<(int ExitCode, string Output)> RunAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output + await errors);
    }

    [Fact]
    public async Task The_smoke_run_prints_the_table_and_exits_0()
    {
        Requires.Wrk();
        var root = RepositoryRoot();
        var start = new ProcessStartInfo("bash") { WorkingDirectory = root };
        start.ArgumentList.Add(Path.Combine(root, "bench", "run.sh"));
        start.ArgumentList.Add("--smoke");
        start.ArgumentList.Add("--no-postgres");
        start.Environment["BENCH_APP"] = WebOutput(root);
        start.Environment["BENCH_SEEDER"] = SeederOutput(root);

        var (exitCode, output) = await RunAsync(start, TimeSpan.FromMinutes(8));

        Assert.True(exitCode == 0, $"bench/run.sh --smoke exited {exitCode}:\n{output}");
        TextAssert.ContainsAll(output,
            "| what |",
            "baseline `GET /healthz/live`",
            "`/directory`, 81 cadres listed",
            "appeal submission (SQLite)",
            "receipts found",
            "supervision");
    }

    [Fact]
    public async Task The_smoke_run_on_PostgreSQL_finds_every_receipt_of_two_instances_behind_nginx_and_both_answer()
    {
        Requires.Wrk();
        Requires.Postgres(); // set where PostgreSQL is installed; the script starts its own throwaway cluster with it
        var nginx = Requires.Nginx();
        var root = RepositoryRoot();
        var start = new ProcessStartInfo("bash") { WorkingDirectory = root };
        start.ArgumentList.Add(Path.Combine(root, "bench", "run.sh"));
        start.ArgumentList.Add("--smoke");
        start.Environment["BENCH_APP"] = WebOutput(root);
        start.Environment["BENCH_SEEDER"] = SeederOutput(root);
        start.Environment["BENCH_NGINX"] = nginx;

        var (exitCode, output) = await RunAsync(start, TimeSpan.FromMinutes(10));

        Assert.True(exitCode == 0, $"bench/run.sh --smoke exited {exitCode}:\n{output}");
        string Row(string prefix) =>
            output.Split('\n').SingleOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal)) ?? throw new Xunit.Sdk.XunitException($"no row {prefix}:\n{output}");
        TextAssert.ContainsAll(Row("| appeal submission (PostgreSQL, 1 instance behind nginx)"), "appeals/s", "receipts found");
        var submissions = Row("| appeal submission (PostgreSQL, 2 instances behind nginx)");
        TextAssert.ContainsAll(submissions, "appeals/s", "receipts found");
        TextAssert.ContainsNone(submissions, "NOT found");
        AssertBothInstancesAnswered(submissions);
        Row("| `/supervision`, PostgreSQL, 1000 appeals, 8 connections, 1 instance behind nginx");
        var supervision = Row("| `/supervision`, PostgreSQL, 1000 appeals, 8 connections, 2 instances behind nginx");
        Assert.Contains("req/s", supervision, StringComparison.Ordinal);
        AssertBothInstancesAnswered(supervision);
    }

    /// <summary>The row's "a / b requests per instance", from nginx's log: round robin reached both instances.</summary>
    private static void AssertBothInstancesAnswered(string row)
    {
        var split = Regex.Match(row, @"(\d+) / (\d+) requests per instance");
        Assert.True(split.Success, row);
        Assert.True(int.Parse(split.Groups[1].Value, CultureInfo.InvariantCulture) > 0, row);
        Assert.True(int.Parse(split.Groups[2].Value, CultureInfo.InvariantCulture) > 0, row);
    }

    [Fact]
    public async Task The_seeder_writes_the_cadres_and_appeals_asked_for_and_the_app_reads_them()
    {
        // The app of HotlineFactory's settings: its phone-hash key and key-ring certificate, given to the seeder too.
        const string phoneHashKey = "test-only-phone-hash-key-0123456789abcdef";
        var directory = Path.Combine(Path.GetTempPath(), "bozhou-hotline-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, "bench.db");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory };
        foreach (var arg in new[]
                 {
                     "exec", Path.Combine(SeederOutput(RepositoryRoot()), "Bozhou.Hotline.Bench.dll"), "--cadres", "120", "--appeals", "2500",
                     $"--ConnectionStrings:Hotline=Data Source={file}", $"--Privacy:PhoneHashKey={phoneHashKey}",
                     $"--DataProtection:CertificatePath={TestCertificates.KeyRing}", $"--DataProtection:CertificatePassword={TestCertificates.Password}",
                 })
        {
            start.ArgumentList.Add(arg);
        }

        var (exitCode, output) = await RunAsync(start, TimeSpan.FromMinutes(4));

        Assert.True(exitCode == 0, $"the bench seeder exited {exitCode}: {output}");
        Assert.Contains("seed-bench done", output, StringComparison.Ordinal);
        await using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            async Task<long> Scalar(string sql)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = sql;
                return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
            }

            Assert.Equal(120, await Scalar("SELECT COUNT(*) FROM Cadres"));
            Assert.Equal(2500, await Scalar("SELECT COUNT(*) FROM Appeals"));
            Assert.Equal(2500, await Scalar("SELECT COUNT(DISTINCT TrackingCode) FROM Appeals"));
            Assert.True(await Scalar("SELECT COUNT(*) FROM CallAttempts") >= 2500);
            Assert.True(await Scalar("SELECT COUNT(*) FROM AppealEvents") > 2 * 2500);
            Assert.Equal(2500, await Scalar("SELECT COUNT(DISTINCT AppealId) FROM AppealEvents WHERE Kind = 'Logged'"));
            Assert.True(await Scalar("SELECT COUNT(DISTINCT Status) FROM Appeals") >= 4, "a mix of states");
            Assert.True(await Scalar("SELECT COUNT(DISTINCT HandlerCadreId) FROM Appeals") > 100, "spread over the cadres");
        }

        // The app on the seeded file decrypts the callers through the key ring the seeder wrote, finds them by the
        // same phone hash, and its scorecards read the roll-ups the seeder computed.
        // The seeder spreads the appeals over the year so far by the real clock; the app reads them by the same one.
        using (var app = new HotlineFactory { UseFakeClock = false }.With("ConnectionStrings:Hotline", $"Data Source={file}").With("Privacy:PhoneHashKey", phoneHashKey))
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
            var protector = scope.ServiceProvider.GetRequiredService<CallerDataProtector>();
            var appeal = await db.Appeals.AsNoTracking().OrderBy(a => a.Id).FirstAsync(TestContext.Current.CancellationToken);
            var phone = protector.RevealPhone(appeal);
            Assert.NotNull(phone);
            Assert.StartsWith("+861", phone, StringComparison.Ordinal);
            Assert.Equal(appeal.CallerPhoneHash, protector.HashPhone(phone));

            var now = DateTimeOffset.UtcNow;
            Assert.True(ReportPeriod.TryParse(ChinaTime.DateOf(now).Year.ToString(System.Globalization.CultureInfo.InvariantCulture), out var year));
            var clock = await scope.ServiceProvider.GetRequiredService<AppealClockSource>().GetAsync(TestContext.Current.CancellationToken);
            var (counts, _) = await scope.ServiceProvider.GetRequiredService<Scorecards>()
                .CadreCountsAsync(year, clock, now, TestContext.Current.CancellationToken);
            Assert.True(counts.Values.Sum(c => c.CallsLogged) > 0, "the scorecard counts the seeded appeals");
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }
}
