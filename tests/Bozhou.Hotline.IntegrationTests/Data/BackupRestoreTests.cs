using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Bozhou.Hotline.IntegrationTests.Appeals;
using Microsoft.Data.Sqlite;

namespace Bozhou.Hotline.IntegrationTests.Data;

/// <summary>
/// <c>backup</c> and <c>restore</c> as an operator runs them (child processes, in Production) against a live app on a
/// real SQLite file.
/// </summary>
public sealed partial class BackupRestoreTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "bozhou-hotline-tests", "backup-" + Guid.NewGuid().ToString("N"));

    public BackupRestoreTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public async Task A_backup_taken_while_appeals_come_in_restores_to_a_sound_database_with_every_appeal_acknowledged_before_it_began()
    {
        using var factory = new HotlineFactory().With("Appeals:SubmissionsPerHour", "1000000");
        var directory = await factory.SeedDirectoryAsync();
        var acknowledged = new ConcurrentQueue<(string Code, DateTime At)>();
        using var stop = new CancellationTokenSource();
        // A citizen after another, each through the real form read afresh (its own one-time key and antiforgery token).
        var submitter = Task.Run(async () =>
        {
            using var client = factory.Client();
            for (var i = 1; !stop.IsCancellationRequested; i++)
            {
                var code = await client.LogAppealAsync(factory, directory,
                    ("Input.Phone", string.Create(CultureInfo.InvariantCulture, $"138 0558 {i % 10_000:0000}")),
                    ("Input.Description", string.Create(CultureInfo.InvariantCulture, $"第{i}位市民反映：谯城区汤陵路路灯连续一周不亮，夜间行人出行不便。")));
                acknowledged.Enqueue((code, DateTime.UtcNow));
            }
        });
        await WaitUntilAsync(() => acknowledged.Count >= 10 || submitter.IsCompleted);
        Assert.False(submitter.IsFaulted, submitter.Exception?.ToString());
        var backup = Path.Combine(_folder, "backups", "hotline-20260302.db");

        var backupBegan = DateTime.UtcNow;
        var (backedUp, backupOutput) = await RunAsync(factory.SqlitePath, "backup", "--to", backup);
        var backupEnded = DateTime.UtcNow;
        await WaitUntilAsync(() => acknowledged.Count(a => a.At > backupEnded) >= 3 || submitter.IsCompleted);
        await stop.CancelAsync();
        await submitter;

        Assert.True(backedUp == 0, backupOutput);
        Assert.Contains("integrity_check: ok", backupOutput, StringComparison.Ordinal);
        var before = acknowledged.Where(a => a.At < backupBegan).Select(a => a.Code).ToList();
        Assert.True(before.Count >= 10);
        Assert.Contains(acknowledged, a => a.At > backupBegan && a.At < backupEnded);
        var counted = int.Parse(AppealCount().Match(backupOutput).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(counted, before.Count, acknowledged.Count);

        var restored = Path.Combine(_folder, "restored", "hotline.db");
        var (restoredCode, restoreOutput) = await RunAsync(restored, "restore", "--from", backup);
        Assert.True(restoredCode == 0, restoreOutput);
        Assert.Contains("There was no database before.", restoreOutput, StringComparison.Ordinal);
        using (var app = new HotlineFactory().With("ConnectionStrings:Hotline", $"Data Source={restored}"))
        {
            var codes = (await app.WithDbAsync(db => db.Appeals.Select(a => a.TrackingCode).ToListAsync())).ToHashSet(StringComparer.Ordinal);
            Assert.Equal(counted, codes.Count);
            Assert.All(before, code => Assert.Contains(code, codes));
        }

        SqliteConnection.ClearAllPools();
        Assert.Equal("ok", IntegrityCheck(restored));

        // Restoring again over the restored file keeps the file it replaces.
        var (again, againOutput) = await RunAsync(restored, "restore", "--from", backup);
        Assert.True(again == 0, againOutput);
        var kept = Assert.Single(Directory.GetFiles(Path.GetDirectoryName(restored)!, "hotline.db.before-restore-*"));
        Assert.Matches(@"\.before-restore-\d{14}$", kept);
        Assert.Equal("ok", IntegrityCheck(kept));
    }

    [Fact]
    public async Task Restore_is_refused_while_an_app_holds_the_database_and_nothing_is_changed()
    {
        using var factory = new HotlineFactory();
        var directory = await factory.SeedDirectoryAsync();
        using var client = factory.Client();
        await client.LogAppealAsync(factory, directory);
        var backup = Path.Combine(_folder, "hotline-backup.db");
        var (backedUp, backupOutput) = await RunAsync(factory.SqlitePath, "backup", "--to", backup);
        Assert.True(backedUp == 0, backupOutput);
        var later = await client.LogAppealAsync(factory, directory, ("Input.Phone", "139 0558 5678"));

        var (exitCode, output) = await RunAsync(factory.SqlitePath, "restore", "--from", backup);

        Assert.Equal(1, exitCode);
        Assert.Contains("An app is running on", output, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed.", output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(factory.SqlitePath)!, "*.before-restore-*"));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(factory.SqlitePath)!, "*.restoring"));
        // The appeal stored after the backup is still there, and the app goes on writing.
        Assert.Equal(later, (await factory.LoadAppealAsync(later)).TrackingCode);
        await client.LogAppealAsync(factory, directory, ("Input.Phone", "137 0558 4321"));
    }

    [Fact]
    public async Task Restore_refuses_a_file_that_is_not_a_hotline_database()
    {
        var stranger = Path.Combine(_folder, "other.db");
        using (var connection = new SqliteConnection($"Data Source={stranger};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT);";
            command.ExecuteNonQuery();
        }

        var target = Path.Combine(_folder, "live", "hotline.db");
        var (exitCode, output) = await RunAsync(target, "restore", "--from", stranger);

        Assert.Equal(1, exitCode);
        Assert.Contains("is not a hotline database", output, StringComparison.Ordinal);
        Assert.False(File.Exists(target));
    }

    [Fact]
    public async Task Backup_on_postgres_prints_the_pg_dump_line_without_the_password_and_writes_nothing()
    {
        var file = Path.Combine(_folder, "hotline.dump");

        var (exitCode, output) = await RunOnPostgresAsync(
            "Host=db.bozhou.invalid;Port=5433;Database=hotline;Username=hotline_app;Password=never-printed-secret", "backup", "--to", file);

        Assert.True(exitCode == 0, output);
        Assert.Contains($"pg_dump --format=custom --host=db.bozhou.invalid --port=5433 --username=hotline_app --dbname=hotline --file={file}", output, StringComparison.Ordinal);
        Assert.DoesNotContain("never-printed-secret", output, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task Migrate_script_writes_the_sqlite_script_with_the_migrations_history_inserts_and_creates_no_database()
    {
        var database = Path.Combine(_folder, "new", "hotline.db");
        var script = Path.Combine(_folder, "scripts", "sqlite.sql");

        var (exitCode, output) = await RunAsync(database, "migrate", "--script", script);

        Assert.True(exitCode == 0, output);
        var sql = await File.ReadAllTextAsync(script, TestContext.Current.CancellationToken);
        Assert.Contains("INSERT INTO \"__EFMigrationsHistory\"", sql, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE \"Appeals\"", sql, StringComparison.Ordinal);
        Assert.False(File.Exists(database));
    }

    [Fact]
    public async Task Migrate_script_on_postgres_is_idempotent_each_migration_guarded_by_the_history_table()
    {
        var script = Path.Combine(_folder, "postgres.sql");

        // Writing the script reads no database: the host does not exist.
        var (exitCode, output) = await RunOnPostgresAsync(
            "Host=db.bozhou.invalid;Database=hotline;Username=hotline_app;Password=unused", "migrate", "--script", script);

        Assert.True(exitCode == 0, output);
        var sql = await File.ReadAllTextAsync(script, TestContext.Current.CancellationToken);
        Assert.Contains("INSERT INTO \"__EFMigrationsHistory\"", sql, StringComparison.Ordinal);
        Assert.Contains("IF NOT EXISTS(SELECT 1 FROM \"__EFMigrationsHistory\"", sql, StringComparison.Ordinal);
    }

    /// <summary>Runs a command of the built app in Production on PostgreSQL at <paramref name="connectionString"/>.</summary>
    private static Task<(int ExitCode, string Output)> RunOnPostgresAsync(string connectionString, params string[] args)
    {
        var settings = AppProcess.ProductionSettings();
        settings["Database__Provider"] = "Postgres";
        settings["ConnectionStrings__Hotline"] = connectionString;
        return AppProcess.RunAsync(settings, null, null, args);
    }

    /// <summary>Runs a command of the built app in Production on the SQLite file at <paramref name="database"/>.</summary>
    private static Task<(int ExitCode, string Output)> RunAsync(string database, params string[] args)
    {
        var settings = AppProcess.ProductionSettings();
        settings["ConnectionStrings__Hotline"] = $"Data Source={database}";
        return AppProcess.RunAsync(settings, null, null, args);
    }

    private static string IntegrityCheck(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        return (string)command.ExecuteScalar()!;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(300);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
    }

    [GeneratedRegex(@"integrity_check: ok; (\d+) appeal\(s\)")]
    private static partial Regex AppealCount();

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
