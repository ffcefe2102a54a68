using System.Globalization;
using Bozhou.Hotline.Core.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bozhou.Hotline.Core.Sms;

/// <summary>
/// Unhealthy when a message was given up (status failed) within <see cref="SmsOutboxState.FailedRecentlyWithin"/>, or
/// when the oldest message waiting has waited longer than <see cref="SmsOutboxState.QueuedTooLongAfter"/> (the
/// gateway refuses, or no instance drains the outbox); healthy otherwise. The outbox is shared by every instance on
/// the database, so every instance reports the same.
/// </summary>
public sealed class SmsOutboxHealthCheck(HotlineDbContext db, TimeProvider time) : IHealthCheck
{
    /// <summary>As described above; the description counts the messages and gives the oldest one's wait in minutes.</summary>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var state = await SmsOutboxState.ReadAsync(db, now, cancellationToken);
        var waited = state.OldestQueuedAt is { } oldest ? now - oldest : TimeSpan.Zero;
        var data = new Dictionary<string, object>
        {
            ["queued"] = state.Queued,
            ["oldestQueuedMinutes"] = Math.Round(waited.TotalMinutes, 1),
            ["failed"] = state.Failed,
            ["failedLast24Hours"] = state.FailedRecently,
        };
        var problems = new List<string>();
        if (state.FailedRecently > 0)
        {
            problems.Add($"{state.FailedRecently} message(s) failed in the last 24 hours (send them again from /workspace/outbox)");
        }

        if (waited > SmsOutboxState.QueuedTooLongAfter)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"the oldest of {state.Queued} queued message(s) has waited {waited.TotalMinutes:0} min (limit {SmsOutboxState.QueuedTooLongAfter.TotalMinutes:0} min)"));
        }

        return problems.Count > 0
            ? HealthCheckResult.Unhealthy("SMS outbox: " + string.Join("; ", problems) + ".", data: data)
            : HealthCheckResult.Healthy($"SMS outbox: {state.Queued} queued, none waiting longer than 15 min, none failed in the last 24 hours.", data);
    }
}
