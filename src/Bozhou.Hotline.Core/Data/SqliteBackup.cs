using Microsoft.Data.Sqlite;

namespace Bozhou.Hotline.Core.Data;

/// <summary>What a SQLite file holds, as the backup and the restore check it.</summary>
/// <param name="IntegrityCheck">The first line of <c>PRAGMA integrity_check</c>: <c>ok</c> for a sound file.</param>
/// <param name="IsHotlineDatabase">Whether the file has EF Core's migrations history table (a hotline database has).</param>
/// <param name="Appeals">Rows in <c>Appeals</c> (0 when the table is missing).</param>
/// <param name="Cadres">Rows in <c>Cadres</c> (0 when the table is missing).</param>
public sealed record SqliteContents(string IntegrityCheck, bool IsHotlineDatabase, int Appeals, int Cadres)
{
    /// <summary>Whether <c>PRAGMA integrity_check</c> answered <c>ok</c>.</summary>
    public bool IsIntact => IntegrityCheck == "ok";
}

/// <summary>What a restore did.</summary>
/// <param name="Contents">What the restored file holds.</param>
/// <param name="KeptAs">Where the replaced database now is (<c>FILE.before-restore-yyyyMMddHHmmss</c>); null when there was none.</param>
public sealed record SqliteRestoreResult(SqliteContents Contents, string? KeptAs);

/// <summary>A restore that was refused before anything was changed; the message says why and what to do.</summary>
public sealed class SqliteRestoreRefusedException(string message) : Exception(message);

/// <summary>
/// Backs up a live SQLite database and puts a backup back in its place.
/// </summary>
/// <remarks>
/// <para>
/// Copying the file with <c>cp</c> is wrong in WAL mode: the last commits are in <c>FILE-wal</c> until a checkpoint
/// folds them in, so a copy of the main file alone can lack them all. The backup uses SQLite's online backup API
/// (<see cref="SqliteConnection.BackupDatabase(SqliteConnection)"/>, one step over all pages): it reads inside one
/// read transaction, so it copies one committed state, WAL included, while the app goes on writing (in WAL mode a
/// reader never blocks a writer). The copy is switched to the rollback journal so that it is one self-contained file.
/// </para>
/// <para>
/// A restore must not run under a live app: the app's pooled connections would go on writing to the replaced
/// file's inode, or mix their WAL into the restored file. Two signs that an app holds the database are checked
/// before anything changes: the lock file every running app holds (<see cref="SqliteAppLock"/>; a shared
/// <c>flock</c> while the app runs, taken exclusively by the restore), and SQLite's own lock (the live file is
/// switched out of WAL mode, which needs an exclusive lock that no other open connection, from any program,
/// allows).
/// </para>
/// </remarks>
public static class SqliteBackup
{
    /// <summary>The name of the table EF Core records applied migrations in.</summary>
    public const string MigrationsHistoryTable = "__EFMigrationsHistory";

    /// <summary>
    /// Copies the live database at <paramref name="databasePath"/> to <paramref name="destinationPath"/> (replacing it),
    /// then checks the copy. The copy is written beside its destination first and moved into place only once checked.
    /// </summary>
    /// <returns>What the copy holds.</returns>
    /// <exception cref="FileNotFoundException">There is no database at <paramref name="databasePath"/>.</exception>
    /// <exception cref="InvalidDataException">The copy failed <c>PRAGMA integrity_check</c>; nothing is left at the destination.</exception>
    public static SqliteContents Backup(string databasePath, string destinationPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationPath);
        var source = Path.GetFullPath(databasePath);
        if (!File.Exists(source))
        {
            throw new FileNotFoundException($"There is no database at {source}.", source);
        }

        var destination = Path.GetFullPath(destinationPath);
        if (string.Equals(source, destination, StringComparison.Ordinal))
        {
            throw new ArgumentException("The backup cannot be written over the database itself.", nameof(destinationPath));
        }

        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        var partial = destination + ".partial";
        DeleteWithCompanions(partial);
        Copy(source, partial);
        var contents = Inspect(partial);
        if (!contents.IsIntact)
        {
            DeleteWithCompanions(partial);
            throw new InvalidDataException($"The copy of {source} failed PRAGMA integrity_check ({contents.IntegrityCheck}); no backup was written.");
        }

        File.Move(partial, destination, overwrite: true);
        return contents;
    }

    /// <summary>Opens the file at <paramref name="path"/> and reads its integrity check, its migrations history table and its counts.</summary>
    /// <exception cref="SqliteException">The file is not a SQLite database or cannot be opened.</exception>
    public static SqliteContents Inspect(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var connection = Open(path, SqliteOpenMode.ReadWrite);
        var integrity = new List<string>();
        using (var check = connection.CreateCommand())
        {
            check.CommandText = "PRAGMA integrity_check;";
            using var reader = check.ExecuteReader();
            while (reader.Read() && integrity.Count < 5)
            {
                integrity.Add(reader.GetString(0));
            }
        }

        var hotline = HasTable(connection, MigrationsHistoryTable);
        return new SqliteContents(
            string.Join("; ", integrity),
            hotline,
            HasTable(connection, "Appeals") ? Count(connection, "Appeals") : 0,
            HasTable(connection, "Cadres") ? Count(connection, "Cadres") : 0);
    }

    /// <summary>
    /// Puts the backup at <paramref name="backupPath"/> in place of the database at <paramref name="databasePath"/>,
    /// keeping the replaced file as <c>FILE.before-restore-yyyyMMddHHmmss</c> (<paramref name="now"/>, UTC).
    /// </summary>
    /// <exception cref="SqliteRestoreRefusedException">
    /// The backup is missing, not a SQLite file, fails its integrity check or is not a hotline database; or an app
    /// (or any other program) holds the live database. Nothing was changed.
    /// </exception>
    public static SqliteRestoreResult Restore(string backupPath, string databasePath, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(backupPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var backup = Path.GetFullPath(backupPath);
        var live = Path.GetFullPath(databasePath);
        if (!File.Exists(backup))
        {
            throw new SqliteRestoreRefusedException($"There is no backup at {backup}. Nothing was changed.");
        }

        if (string.Equals(backup, live, StringComparison.Ordinal))
        {
            throw new SqliteRestoreRefusedException("The backup is the configured database itself. Nothing was changed.");
        }

        CheckBackup(backup);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(live)!);
        using var held = SqliteAppLock.TryTakeExclusive(live) ?? throw new SqliteRestoreRefusedException(
            $"An app is running on {live} (it holds {SqliteAppLock.PathFor(live)}). Stop it first " +
            "(systemctl stop bozhou-hotline), then run restore again. Nothing was changed.");

        // Staged beside the live file (same file system, so the final move is a rename), through the backup API so
        // that a backup left in WAL mode with its own -wal is read whole.
        var staging = live + ".restoring";
        DeleteWithCompanions(staging);
        Copy(backup, staging);
        var contents = Inspect(staging);
        if (!contents.IsIntact || !contents.IsHotlineDatabase)
        {
            DeleteWithCompanions(staging);
            throw new SqliteRestoreRefusedException($"The copy of {backup} did not check out ({contents.IntegrityCheck}). Nothing was changed.");
        }

        string? keptAs = null;
        if (File.Exists(live))
        {
            try
            {
                FoldWriteAheadLog(live);
            }
            catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6)
            {
                DeleteWithCompanions(staging);
                throw new SqliteRestoreRefusedException(
                    $"Another program has {live} open (SQLite: {e.Message}). Stop the app and anything else using the file " +
                    "(systemctl stop bozhou-hotline bozhou-hotline-backup.timer), then run restore again. Nothing was changed.");
            }

            keptAs = live + ".before-restore-" + now.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
            File.Move(live, keptAs);
            foreach (var suffix in Companions)
            {
                if (File.Exists(live + suffix))
                {
                    File.Move(live + suffix, keptAs + suffix);
                }
            }
        }

        File.Move(staging, live);
        return new SqliteRestoreResult(contents, keptAs);
    }

    /// <summary>The files SQLite keeps beside a database.</summary>
    private static readonly string[] Companions = ["-wal", "-shm", "-journal"];

    private static void CheckBackup(string backup)
    {
        SqliteContents contents;
        try
        {
            contents = Inspect(backup);
        }
        catch (SqliteException e)
        {
            throw new SqliteRestoreRefusedException($"{backup} is not a SQLite database that can be read ({e.Message}). Nothing was changed.");
        }

        if (!contents.IsIntact)
        {
            throw new SqliteRestoreRefusedException($"{backup} fails PRAGMA integrity_check ({contents.IntegrityCheck}). Nothing was changed.");
        }

        if (!contents.IsHotlineDatabase)
        {
            throw new SqliteRestoreRefusedException(
                $"{backup} is not a hotline database: it has no {MigrationsHistoryTable} table. Nothing was changed.");
        }
    }

    /// <summary>
    /// Folds the live file's WAL into it and leaves it in rollback-journal mode, so that the kept file is whole by
    /// itself. Leaving WAL mode needs an exclusive lock: it fails with SQLITE_BUSY while any other connection has
    /// the file open. The app switches back to WAL when it starts.
    /// </summary>
    private static void FoldWriteAheadLog(string live)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = live, Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 2 };
        using var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        // One statement: ExecuteScalar reads the first statement's answer. The 2 s busy timeout is DefaultTimeout's.
        command.CommandText = "PRAGMA journal_mode = DELETE;";
        var mode = command.ExecuteScalar() as string;
        if (!string.Equals(mode, "delete", StringComparison.OrdinalIgnoreCase))
        {
            throw new SqliteException($"the journal mode stayed {mode}", 5);
        }
    }

    /// <summary>Copies <paramref name="source"/> into a new file with the online backup API and makes the copy self-contained.</summary>
    private static void Copy(string source, string destination)
    {
        using (var from = Open(source, SqliteOpenMode.ReadWrite))
        using (var to = Open(destination, SqliteOpenMode.ReadWriteCreate))
        {
            from.BackupDatabase(to);
            using var journal = to.CreateCommand();
            journal.CommandText = "PRAGMA journal_mode = DELETE;";
            journal.ExecuteNonQuery();
        }
    }

    /// <summary>An unpooled connection: closing it closes the file, so that the file can be moved at once.</summary>
    private static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false, DefaultTimeout = 30 };
        var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        return connection;
    }

    private static bool HasTable(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $name;";
        command.Parameters.AddWithValue("$name", table);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    private static int Count(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        // The name is one of this class's constants, never input.
        command.CommandText = $"SELECT count(*) FROM \"{table}\";";
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void DeleteWithCompanions(string path)
    {
        File.Delete(path);
        foreach (var suffix in Companions)
        {
            File.Delete(path + suffix);
        }
    }
}
