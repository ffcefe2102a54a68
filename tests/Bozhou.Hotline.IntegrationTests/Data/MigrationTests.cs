using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Bozhou.Hotline.IntegrationTests.Data;

public class MigrationTests
{
    [Fact]
    public async Task The_SQLite_migrations_match_the_model()
    {
        using var factory = new HotlineFactory().WithEmptyDatabase();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();

        Assert.True(db.IsSqlite);
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes with no SQLite migration: run scripts/add-migration.sh.");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_PostgreSQL_migrations_match_the_model()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var factory = new HotlineFactory().UsePostgres(database.ConnectionString);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();

        Assert.Equal("Npgsql.EntityFrameworkCore.PostgreSQL", db.Database.ProviderName);
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes with no PostgreSQL migration: run scripts/add-migration.sh.");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_SQLite_database_runs_in_WAL_mode_with_the_2026_calendar_seeded()
    {
        using var factory = new HotlineFactory().WithEmptyDatabase();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();

        await using var connection = new SqliteConnection($"Data Source={factory.SqlitePath}");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await pragma.ExecuteScalarAsync(TestContext.Current.CancellationToken));
        Assert.Equal(39, await db.CalendarDays.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_test_database_starts_as_a_copy_of_the_prepared_template_with_nothing_left_to_migrate()
    {
        using var factory = new HotlineFactory();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();

        Assert.NotEqual(DatabaseTemplate.Path, factory.SqlitePath);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.Equal(39, await db.CalendarDays.CountAsync(TestContext.Current.CancellationToken));
        await using var connection = new SqliteConnection($"Data Source={factory.SqlitePath}");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await pragma.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_migrate_command_creates_the_database_and_exits_without_serving()
    {
        var directory = Path.Combine(Path.GetTempPath(), "bozhou-hotline-tests", Guid.NewGuid().ToString("N"));
        var file = Path.Combine(directory, "migrated.db");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "exec", Path.Combine(AppContext.BaseDirectory, "Bozhou.Hotline.Web.dll"), "migrate", $"--ConnectionStrings:Hotline=Data Source={file}",
                     // Every command checks every setting first, as the server does.
                     $"--Privacy:PhoneHashKey={AppProcess.PhoneHashKey}",
                     $"--DataProtection:CertificatePath={TestCertificates.KeyRing}", $"--DataProtection:CertificatePassword={TestCertificates.Password}" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.True(process.ExitCode == 0, $"migrate exited {process.ExitCode}: {output} {errors}");
        Assert.Contains("Database is up to date.", output, StringComparison.Ordinal);
        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM \"__EFMigrationsHistory\";";
        Assert.True((long)(await count.ExecuteScalarAsync(TestContext.Current.CancellationToken))! >= 1);
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }
}
