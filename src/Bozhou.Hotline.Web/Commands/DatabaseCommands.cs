using System.Globalization;
using Bozhou.Hotline.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Bozhou.Hotline.Web.Commands;

/// <summary>
/// The database commands an operator runs beside the server: <c>backup --to FILE</c>, <c>restore --from FILE</c> and
/// <c>migrate --script FILE</c>. Their options arrive as configuration keys (<c>--to FILE</c> is <c>to</c>).
/// </summary>
public static class DatabaseCommands
{
    /// <summary>
    /// <c>backup --to FILE</c>: on SQLite, a consistent copy of the live database (the app may go on running), checked
    /// and counted (exit 0; 1 when there is no database or the copy fails its check; 2 without <c>--to</c>). On
    /// PostgreSQL it prints the <c>pg_dump</c> line to run and writes nothing (exit 0).
    /// </summary>
    public static async Task<int> BackupAsync(WebApplication app, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(app);
        var to = app.Configuration["to"];
        var db = services.GetRequiredService<HotlineDbContext>();
        if (!db.IsSqlite)
        {
            var file = string.IsNullOrWhiteSpace(to) ? "hotline-YYYYMMDD.dump" : to;
            Console.WriteLine("On PostgreSQL the backup is PostgreSQL's own: run (the password from ~/.pgpass or PGPASSWORD)");
            Console.WriteLine("  " + PostgresDump.DumpCommand(db.Database.GetConnectionString()!, file));
            Console.WriteLine("Nothing was written by this command.");
            return 0;
        }

        if (string.IsNullOrWhiteSpace(to))
        {
            await Console.Error.WriteLineAsync("Usage: backup --to FILE (e.g. /var/lib/bozhou-hotline/backups/hotline-20260301.db)");
            return 2;
        }

        var live = SqliteFile(db);
        try
        {
            var contents = SqliteBackup.Backup(live, to);
            Console.WriteLine($"Backed up {live} to {Path.GetFullPath(to)}.");
            Console.WriteLine($"integrity_check: {contents.IntegrityCheck}; {contents.Appeals} appeal(s), {contents.Cadres} cadre(s).");
            return 0;
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException or SqliteException)
        {
            await Console.Error.WriteLineAsync($"No backup was made: {e.Message}");
            return 1;
        }
    }

    /// <summary>
    /// <c>restore --from FILE</c>: on SQLite, checks the backup and puts it in place of the configured file, the
    /// replaced file kept as <c>FILE.before-restore-yyyyMMddHHmmss</c> (exit 0); refused with the reason and nothing
    /// changed while an app holds the file or when the backup does not check out (exit 1); 2 without <c>--from</c>.
    /// On PostgreSQL it prints the <c>pg_restore</c> line to run and changes nothing (exit 0).
    /// </summary>
    public static async Task<int> RestoreAsync(WebApplication app, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(app);
        var from = app.Configuration["from"];
        if (string.IsNullOrWhiteSpace(from))
        {
            await Console.Error.WriteLineAsync("Usage: restore --from FILE (a file written by backup)");
            return 2;
        }

        var db = services.GetRequiredService<HotlineDbContext>();
        if (!db.IsSqlite)
        {
            Console.WriteLine("On PostgreSQL the restore is PostgreSQL's own: stop the app, then run (the password from ~/.pgpass or PGPASSWORD)");
            Console.WriteLine("  " + PostgresDump.RestoreCommand(db.Database.GetConnectionString()!, from));
            Console.WriteLine("Nothing was changed by this command.");
            return 0;
        }

        var live = SqliteFile(db);
        try
        {
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            var result = SqliteBackup.Restore(from, live, now);
            Console.WriteLine($"Restored {Path.GetFullPath(from)} to {live}.");
            Console.WriteLine($"integrity_check: {result.Contents.IntegrityCheck}; {result.Contents.Appeals} appeal(s), {result.Contents.Cadres} cadre(s).");
            Console.WriteLine(result.KeptAs is null ? "There was no database before." : $"The replaced database is kept as {result.KeptAs}.");
            return 0;
        }
        catch (SqliteRestoreRefusedException e)
        {
            await Console.Error.WriteLineAsync($"Restore refused: {e.Message}");
            return 1;
        }
    }

    /// <summary>
    /// <c>migrate --script FILE</c>: writes the SQL that brings a database of the configured provider to this build's
    /// schema, for a database administrator to review and run, and changes no database. On PostgreSQL the script is
    /// idempotent (each migration guarded by the migrations history table, so it runs on a database at any
    /// version). EF Core cannot guard migrations on SQLite; there the script starts after the last migration the
    /// configured file has (from the start when there is no file) and is for that database only.
    /// </summary>
    public static async Task<int> WriteMigrationScriptAsync(WebApplication app, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(app);
        var file = app.Configuration["script"];
        if (string.IsNullOrWhiteSpace(file))
        {
            await Console.Error.WriteLineAsync("Usage: migrate --script FILE");
            return 2;
        }

        var db = services.GetRequiredService<HotlineDbContext>();
        var migrator = db.GetService<IMigrator>();
        var written = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
        string header;
        string sql;
        if (db.IsSqlite)
        {
            var live = SqliteFile(db);
            string? from = null;
            if (File.Exists(live))
            {
                from = (await db.Database.GetAppliedMigrationsAsync()).LastOrDefault();
            }

            sql = migrator.GenerateScript(fromMigration: from);
            header = $"-- Bozhou Hotline schema script (SQLite), written {written} by migrate --script.\n" +
                     $"-- For {live} as it is now (last migration: {from ?? "none, a new file"}); run it once, on that file only.\n";
        }
        else
        {
            sql = migrator.GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
            header = $"-- Bozhou Hotline schema script (PostgreSQL), written {written} by migrate --script.\n" +
                     "-- Idempotent: each migration runs only when __EFMigrationsHistory does not list it.\n";
        }

        var path = Path.GetFullPath(file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, header + sql);
        Console.WriteLine($"Wrote the migration script to {path}.");
        return 0;
    }

    /// <summary>The full path of the configured SQLite file (resolved at start-up by the database setup).</summary>
    private static string SqliteFile(HotlineDbContext db) =>
        new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
}
