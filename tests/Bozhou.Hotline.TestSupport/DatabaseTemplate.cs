using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Bozhou.Hotline.TestSupport;

/// <summary>
/// One SQLite database per test process, prepared as the app prepares an empty database at start-up (every
/// migration, WAL mode, the 2026 holiday calendar: <c>DatabaseInitializer.MigrateAsync</c> run by the app
/// itself), which each <see cref="HotlineFactory"/> copies instead of migrating its own file. Built on first
/// use, once, whichever test class asks first; the classes run in parallel and wait for the one build.
/// </summary>
public static class DatabaseTemplate
{
    private static readonly string Folder = System.IO.Path.Combine(
        System.IO.Path.GetTempPath(), "bozhou-hotline-tests", "template-" + Guid.NewGuid().ToString("N"));

    private static readonly Lazy<string> Built = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The template's main file, closed and checkpointed: a copy of it alone is a whole database.</summary>
    public static string Path => Built.Value;

    /// <summary>How long the one build took (migrations and seed, host start and stop included).</summary>
    public static TimeSpan BuildTime { get; private set; }

    private static string Build()
    {
        var watch = Stopwatch.StartNew();
        string path;
        using (var factory = new HotlineFactory { WithoutBackgroundServices = true })
        {
            factory.WithEmptyDatabase();
            path = factory.SqlitePath;

            // Starting the host runs the app's start-up preparation (Database:MigrateOnStartup is on).
            _ = factory.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>();
            System.IO.Directory.CreateDirectory(Folder);
            Checkpoint(path);
            var template = System.IO.Path.Combine(Folder, "hotline.db");
            File.Copy(path, template);
            path = template;
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => Remove();
        BuildTime = watch.Elapsed;
        return path;
    }

    /// <summary>
    /// Folds the write-ahead log into the main file and closes every connection to it: the last connection's
    /// close removes the -wal file, so the main file holds everything.
    /// </summary>
    private static void Checkpoint(string path)
    {
        SqliteConnection.ClearAllPools();
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            command.ExecuteNonQuery();
        }

        var wal = path + "-wal";
        if (File.Exists(wal) && new FileInfo(wal).Length > 0)
        {
            throw new InvalidOperationException($"The template's write-ahead log {wal} was not folded into the database.");
        }
    }

    private static void Remove()
    {
        try
        {
            System.IO.Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS's temp cleaning; it holds an empty schema only.
        }
    }
}
