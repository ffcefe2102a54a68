using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Bozhou.Hotline.Core.Caching;

/// <summary>
/// The one place kept values are forgotten. Whatever keeps a value read from the database subscribes to the tags it
/// was read from (<see cref="KeptTags"/>); a saved change to one of those kinds of data (found by
/// <see cref="KeptValueChangeInterceptor"/> in EF Core's change tracker, or announced by <see cref="ChangedAsync"/> for a
/// bulk statement) makes every subscriber of its tag forget, at once on this instance and, on PostgreSQL, on every
/// other instance through <c>NOTIFY</c> on the <see cref="Channel"/> channel (<see cref="PostgresChangeListener"/>).
/// </summary>
/// <remarks>
/// Each kept value also has an age limit, the backstop for a change this mechanism cannot see (an edit made in the
/// database by hand, a notification lost while an instance's listening connection was down, which it answers by
/// forgetting everything when it reconnects).
/// </remarks>
public sealed class KeptValueChanges(string? postgresConnectionString, ILogger<KeptValueChanges> logger)
{
    /// <summary>The PostgreSQL notification channel the instances share.</summary>
    public const string Channel = "bozhou_hotline_kept_values";

    private readonly ConcurrentDictionary<string, ImmutableList<Func<CancellationToken, ValueTask>>> _subscribers = new(StringComparer.Ordinal);

    /// <summary>A random id of this instance, sent with its notifications so that it skips its own.</summary>
    public string InstanceId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>Calls <paramref name="forget"/> whenever data of <paramref name="tag"/> changes, here or on another instance.</summary>
    public void Subscribe(string tag, Func<CancellationToken, ValueTask> forget)
    {
        ArgumentException.ThrowIfNullOrEmpty(tag);
        ArgumentNullException.ThrowIfNull(forget);
        _subscribers.AddOrUpdate(tag, _ => [forget], (_, list) => list.Add(forget));
    }

    /// <summary>
    /// Data of <paramref name="tags"/> was saved (committed): forgets here, then tells the other instances. A failure to
    /// tell them is logged, not thrown: the change is stored, and the others catch up by their age limit.
    /// </summary>
    public async Task ChangedAsync(IReadOnlyCollection<string> tags, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tags);
        if (tags.Count == 0)
        {
            return;
        }

        await ForgetLocallyAsync(tags, cancellationToken);
        if (postgresConnectionString is null)
        {
            return;
        }

        try
        {
            await using var connection = new NpgsqlConnection(postgresConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
            command.Parameters.AddWithValue("channel", Channel);
            command.Parameters.AddWithValue("payload", $"{InstanceId}|{string.Join(',', tags)}");
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            logger.LogWarning(e, "Could not tell the other instances that {Tags} changed; they see it within their kept values' age", string.Join(',', tags));
        }
    }

    /// <summary>Makes this instance's subscribers of <paramref name="tags"/> forget, without telling anyone.</summary>
    public async Task ForgetLocallyAsync(IEnumerable<string> tags, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tags);
        foreach (var tag in tags.Distinct(StringComparer.Ordinal))
        {
            foreach (var forget in _subscribers.GetValueOrDefault(tag) ?? [])
            {
                await forget(cancellationToken);
            }
        }
    }

    /// <summary>
    /// Reads a notification sent by <see cref="ChangedAsync"/>: the tags it names, or none when it came from this
    /// instance or is not one of ours.
    /// </summary>
    public IReadOnlyList<string> TagsOf(string payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var parts = payload.Split('|', 2);
        if (parts.Length != 2 || parts[0] == InstanceId)
        {
            return [];
        }

        return [.. parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries).Where(KeptTags.All.Contains)];
    }
}
