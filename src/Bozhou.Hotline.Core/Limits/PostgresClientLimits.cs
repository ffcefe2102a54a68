using Npgsql;
using NpgsqlTypes;

namespace Bozhou.Hotline.Core.Limits;

/// <summary>
/// <see cref="IClientLimits"/> in the shared PostgreSQL database (<c>LimitHits</c>), so that every instance counts the
/// same attempts. Each count is one short transaction that first takes a transaction-level advisory lock on the key
/// (<c>pg_advisory_xact_lock(hashtextextended(key, 0))</c>, released by the commit or rollback), so two instances
/// counting the same client at the same moment never both see room for one. Times come from the app's
/// <see cref="TimeProvider"/>, not the server's clock.
/// </summary>
public sealed class PostgresClientLimits(string connectionString, TimeProvider time) : IClientLimits
{
    public async Task<TimeSpan?> TryTakeAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockAsync(connection, key, cancellationToken);
        // Read once the lock is held: a time read before waiting for it would be older than the hits counted
        // meanwhile, which the count (hits at or before now) would then miss, letting one more through.
        var now = time.GetUtcNow();
        if (await WaitAsync(connection, key, limit, window, now, cancellationToken) is { } wait)
        {
            await transaction.RollbackAsync(cancellationToken);
            return wait;
        }

        await InsertAsync(connection, key, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    public async Task<TimeSpan?> RetryAfterAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        await using var connection = await OpenAsync(cancellationToken);
        return await WaitAsync(connection, key, limit, window, time.GetUtcNow(), cancellationToken);
    }

    public async Task RecordAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        await using var connection = await OpenAsync(cancellationToken);
        await InsertAsync(connection, key, time.GetUtcNow(), cancellationToken);
    }

    public async Task ReturnAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """DELETE FROM "LimitHits" WHERE "Id" = (SELECT "Id" FROM "LimitHits" WHERE "Key" = @key ORDER BY "At" DESC, "Id" DESC LIMIT 1)""", connection);
        command.Parameters.AddWithValue("key", key);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private static async Task LockAsync(NpgsqlConnection connection, string key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended(@key, 0))", connection);
        command.Parameters.AddWithValue("key", key);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Deletes the key's hits older than the window, then: the wait until the oldest of the last <paramref name="limit"/> leaves it, or null.</summary>
    private static async Task<TimeSpan?> WaitAsync(
        NpgsqlConnection connection, string key, int limit, TimeSpan window, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using (var forget = new NpgsqlCommand("""DELETE FROM "LimitHits" WHERE "Key" = @key AND "At" <= @since""", connection))
        {
            forget.Parameters.AddWithValue("key", key);
            forget.Parameters.Add(new NpgsqlParameter("since", NpgsqlDbType.TimestampTz) { Value = (now - window).UtcDateTime });
            await forget.ExecuteNonQueryAsync(cancellationToken);
        }

        // The limit-th newest hit: when it leaves the window, there is room again.
        await using var command = new NpgsqlCommand(
            """SELECT "At" FROM "LimitHits" WHERE "Key" = @key AND "At" <= @now ORDER BY "At" DESC OFFSET @skip LIMIT 1""", connection);
        command.Parameters.AddWithValue("key", key);
        command.Parameters.Add(new NpgsqlParameter("now", NpgsqlDbType.TimestampTz) { Value = now.UtcDateTime });
        command.Parameters.AddWithValue("skip", limit - 1);
        if (await command.ExecuteScalarAsync(cancellationToken) is not DateTime oldest)
        {
            return null;
        }

        var wait = new DateTimeOffset(DateTime.SpecifyKind(oldest, DateTimeKind.Utc)) + window - now;
        return wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait;
    }

    private static async Task InsertAsync(NpgsqlConnection connection, string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""INSERT INTO "LimitHits" ("Key", "At") VALUES (@key, @at)""", connection);
        command.Parameters.AddWithValue("key", key);
        command.Parameters.Add(new NpgsqlParameter("at", NpgsqlDbType.TimestampTz) { Value = now.UtcDateTime });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
