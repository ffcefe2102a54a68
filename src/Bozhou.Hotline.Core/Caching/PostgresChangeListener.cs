using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Bozhou.Hotline.Core.Caching;

/// <summary>
/// On PostgreSQL: listens on <see cref="KeptValueChanges.Channel"/> over a connection of its own and makes this instance
/// forget what another instance changed, within milliseconds of that change's commit. When the connection breaks it
/// reconnects every 5 s, and on each (re)connection forgets everything, since notifications sent meanwhile are lost.
/// </summary>
/// <remarks>With two instances: each listens, each announces its own changes; an instance skips its own notifications.</remarks>
public sealed class PostgresChangeListener(string connectionString, KeptValueChanges changes, ILogger<PostgresChangeListener> logger) : BackgroundService
{
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                logger.LogWarning(e, "Lost the connection that hears other instances' changes; reconnecting in {Delay}", ReconnectDelay);
                try
                {
                    await Task.Delay(ReconnectDelay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        // Keepalive: a connection silently dropped by a firewall is noticed within a minute.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { KeepAlive = 30, Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        var heard = new List<string>();
        connection.Notification += (_, e) =>
        {
            if (e.Channel == KeptValueChanges.Channel)
            {
                heard.AddRange(changes.TagsOf(e.Payload));
            }
        };
        await connection.OpenAsync(stoppingToken);
        await using (var listen = new NpgsqlCommand($"LISTEN {KeptValueChanges.Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        await changes.ForgetLocallyAsync(KeptTags.All, stoppingToken);
        while (true)
        {
            await connection.WaitAsync(stoppingToken);
            if (heard.Count > 0)
            {
                // Raised on this loop's thread during WaitAsync: no other thread touches the list.
                string[] tags = [.. heard];
                heard.Clear();
                await changes.ForgetLocallyAsync(tags, stoppingToken);
            }
        }
    }
}
