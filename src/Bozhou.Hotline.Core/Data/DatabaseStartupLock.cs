using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Bozhou.Hotline.Core.Data;

/// <summary>
/// The lock an instance holds while it migrates and seeds the database at start-up, so that several instances
/// started at once on one PostgreSQL database take turns: the first migrates and seeds, the others wait and then
/// find nothing left to do. On PostgreSQL it is a session-level advisory lock (<c>pg_try_advisory_lock</c>) on the
/// context's connection, held open for the lock's lifetime; if the process dies the server ends the session and the
/// lock with it. On SQLite (one instance by design) it takes nothing: EF Core's own migration lock covers a
/// <c>migrate</c> command run beside the server.
/// </summary>
/// <remarks>
/// Released by <see cref="DisposeAsync"/> on every exit path of the <c>await using</c> scope that takes it: success,
/// an exception in migrating or seeding, or cancellation.
/// </remarks>
public sealed class DatabaseStartupLock : IAsyncDisposable
{
    /// <summary>The advisory lock's key: the bytes of "BozhouDB" read as one 64-bit integer, fixed for all versions.</summary>
    public const long AdvisoryKey = 0x426F7A686F754442;

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    private readonly HotlineDbContext? _db;

    private DatabaseStartupLock(HotlineDbContext? db) => _db = db;

    /// <summary>
    /// Takes the lock, polling every 0.5 s while another instance holds it, for at most <paramref name="timeout"/>.
    /// </summary>
    /// <exception cref="TimeoutException">Another instance held the lock for longer than <paramref name="timeout"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting.</exception>
    public static async Task<DatabaseStartupLock> AcquireAsync(HotlineDbContext db, TimeSpan timeout, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(logger);
        if (db.IsSqlite)
        {
            return new DatabaseStartupLock(null);
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var deadline = DateTime.UtcNow + timeout;
            var told = false;
            while (!await TryLockAsync(db.Database.GetDbConnection(), cancellationToken))
            {
                if (DateTime.UtcNow >= deadline)
                {
                    throw new TimeoutException(
                        $"Another instance has been migrating the database for more than {timeout.TotalSeconds:0} s (PostgreSQL advisory lock {AdvisoryKey}). " +
                        "If no other instance is starting, look for a stuck session in pg_locks.");
                }

                if (!told)
                {
                    logger.LogInformation("Another instance is migrating the database; waiting for it");
                    told = true;
                }

                await Task.Delay(PollInterval, cancellationToken);
            }

            return new DatabaseStartupLock(db);
        }
        catch
        {
            await db.Database.CloseConnectionAsync();
            throw;
        }
    }

    /// <summary>Lets go of the lock and closes the connection that held it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_db is null)
        {
            return;
        }

        try
        {
            await using var command = _db.Database.GetDbConnection().CreateCommand();
            command.CommandText = $"SELECT pg_advisory_unlock({AdvisoryKey})";
            await command.ExecuteScalarAsync();
        }
        catch (DbException)
        {
            // A broken connection: its session ended on the server, and the lock with it.
        }
        finally
        {
            await _db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<bool> TryLockAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT pg_try_advisory_lock({AdvisoryKey})";
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }
}
