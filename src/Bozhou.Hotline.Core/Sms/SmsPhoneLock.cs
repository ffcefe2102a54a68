using System.Data.Common;
using Npgsql;

namespace Bozhou.Hotline.Core.Sms;

/// <summary>
/// Keeps two instances from sending to one phone at the same moment, so that the duplicate check and the daily limit
/// (<see cref="SmsLimits"/>), read before a text goes, always see the text the other instance sent. On PostgreSQL it is
/// a session-level advisory lock, <c>pg_try_advisory_lock(hashtextextended('sms-phone:' || hash, 0))</c>, on the
/// outbox pass's open connection: taken before a message is claimed, let go (<see cref="DisposeAsync"/>) once its
/// outcome is saved, on every way out; if the instance dies, its session ends and PostgreSQL lets go. On SQLite the
/// database belongs to one instance, whose outbox pass sends one message at a time: no lock is needed, and
/// <see cref="TryTakeAsync"/> answers one that holds nothing.
/// </summary>
public sealed class SmsPhoneLock : IAsyncDisposable
{
    private static readonly SmsPhoneLock Nothing = new(null, null);

    private readonly DbConnection? _connection;
    private readonly string? _key;

    private SmsPhoneLock(DbConnection? connection, string? key) => (_connection, _key) = (connection, key);

    /// <summary>
    /// Takes the lock on <paramref name="phoneHash"/> (the recipient's keyed hash) without waiting, on
    /// <paramref name="db"/>'s connection, which the caller keeps open (<c>OpenConnectionAsync</c>) until it lets go.
    /// Null when another session holds it: that instance is sending to the phone now, and the message waits for the next pass.
    /// A message without a hash, or a database that is not PostgreSQL, gets a lock that holds nothing.
    /// </summary>
    public static async Task<SmsPhoneLock?> TryTakeAsync(HotlineDbContext db, string? phoneHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (phoneHash is null || db.Database.GetDbConnection() is not NpgsqlConnection connection)
        {
            return Nothing;
        }

        var key = "sms-phone:" + phoneHash;
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtextextended(@key, 0))", connection);
        command.Parameters.AddWithValue("key", key);
        return await command.ExecuteScalarAsync(cancellationToken) is true ? new SmsPhoneLock(connection, key) : null;
    }

    /// <summary>Lets go of the lock (nothing for one that holds nothing). A connection already broken has let go with its session.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_connection is not NpgsqlConnection connection || _key is null || connection.State != System.Data.ConnectionState.Open)
        {
            return;
        }

        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtextextended(@key, 0))", connection);
            command.Parameters.AddWithValue("key", _key);
            await command.ExecuteScalarAsync(CancellationToken.None);
        }
        catch (NpgsqlException)
        {
            // The session is gone, and its locks with it.
        }
    }
}
