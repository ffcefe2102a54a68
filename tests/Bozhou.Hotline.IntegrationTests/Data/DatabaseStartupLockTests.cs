using Bozhou.Hotline.Core.Data;
using Bozhou.Hotline.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Bozhou.Hotline.IntegrationTests.Data;

/// <summary>
/// The start-up lock on PostgreSQL is let go on every way out of its scope: a finished start, a failure inside it,
/// a wait that times out and a wait that is cancelled; another instance (here a second connection) can take it after each.
/// </summary>
public sealed class DatabaseStartupLockTests : IAsyncDisposable
{
    private PostgresDatabase? _database;
    private HotlineFactory? _factory;

    /// <summary>The app on a PostgreSQL database of its own, migrated at its start (skipped where there is no server).</summary>
    private async Task<HotlineFactory> StartAsync()
    {
        _database = await PostgresDatabase.CreateAsync();
        _factory = new HotlineFactory().UsePostgres(_database.ConnectionString);
        _ = _factory.Services;
        return _factory;
    }

    [Fact]
    public async Task A_start_waits_while_another_instance_holds_the_lock_then_finishes_and_lets_it_go()
    {
        await using var scope = (await StartAsync()).Services.CreateAsyncScope();
        await using var other = await OpenAsync();
        Assert.True(await TryLockAsync(other));

        var start = scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(TestContext.Current.CancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        Assert.False(start.IsCompleted, "the start went ahead while another instance held the lock");

        await UnlockAsync(other);
        await start;
        Assert.True(await TryLockAsync(other), "the finished start kept the lock");
    }

    [Fact]
    public async Task A_failure_inside_the_lock_lets_it_go()
    {
        await using var scope = (await StartAsync()).Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await using var held = await DatabaseStartupLock.AcquireAsync(db, TimeSpan.FromSeconds(30), NullLogger.Instance, TestContext.Current.CancellationToken);
            throw new InvalidOperationException("a migration failed");
        });

        await using var other = await OpenAsync();
        Assert.True(await TryLockAsync(other), "the lock outlived the failed start");
        Assert.Equal(System.Data.ConnectionState.Closed, db.Database.GetDbConnection().State);
    }

    [Fact]
    public async Task A_wait_past_the_timeout_gives_up_with_a_clear_message_and_holds_nothing()
    {
        await using var scope = (await StartAsync()).Services.CreateAsyncScope();
        await using var other = await OpenAsync();
        Assert.True(await TryLockAsync(other));
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();

        var refused = await Assert.ThrowsAsync<TimeoutException>(() =>
            DatabaseStartupLock.AcquireAsync(db, TimeSpan.FromSeconds(1), NullLogger.Instance, TestContext.Current.CancellationToken));

        Assert.Contains("Another instance has been migrating the database", refused.Message, StringComparison.Ordinal);
        Assert.Equal(System.Data.ConnectionState.Closed, db.Database.GetDbConnection().State);
        await UnlockAsync(other);
        await using var third = await OpenAsync();
        Assert.True(await TryLockAsync(third), "the timed-out wait left a lock behind");
    }

    [Fact]
    public async Task A_wait_that_is_cancelled_holds_nothing()
    {
        await using var scope = (await StartAsync()).Services.CreateAsyncScope();
        await using var other = await OpenAsync();
        Assert.True(await TryLockAsync(other));
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            DatabaseStartupLock.AcquireAsync(db, TimeSpan.FromMinutes(5), NullLogger.Instance, cancel.Token));

        Assert.Equal(System.Data.ConnectionState.Closed, db.Database.GetDbConnection().State);
        await UnlockAsync(other);
        await using var third = await OpenAsync();
        Assert.True(await TryLockAsync(third), "the cancelled wait left a lock behind");
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(_database!.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return connection;
    }

    private static async Task<bool> TryLockAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand($"SELECT pg_try_advisory_lock({DatabaseStartupLock.AdvisoryKey})", connection);
        return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken) is true;
    }

    private static async Task UnlockAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand($"SELECT pg_advisory_unlock({DatabaseStartupLock.AdvisoryKey})", connection);
        Assert.Equal(true, await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    public async ValueTask DisposeAsync()
    {
        _factory?.Dispose();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
