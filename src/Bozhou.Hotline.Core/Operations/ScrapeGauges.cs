using System.Diagnostics.CodeAnalysis;
using Bozhou.Hotline.Core.Appeals;
using Bozhou.Hotline.Core.Data;
using Bozhou.Hotline.Core.Sms;
using Bozhou.Hotline.Core.Supervision;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bozhou.Hotline.Core.Operations;

/// <summary>
/// Sets the gauges of <see cref="HotlineMetrics"/> from the database when <c>/metrics</c> is scraped: the SMS
/// outbox (<see cref="SmsOutboxState"/>), the open appeals by status, and the supervision queues (the counts the
/// queue page shows, <see cref="SupervisionQueues.CountAllAsync"/>). The appeal and queue counts are kept by
/// <see cref="LiveFigures"/> for <c>Supervision:LiveFiguresMaxAge</c>, so a scrape every few seconds does not count
/// the backlog each time. Every instance reads the same database, so every instance exports the same gauges.
/// </summary>
public sealed class ScrapeGauges(IServiceScopeFactory scopes, HotlineMetrics metrics, LiveFigures live, TimeProvider time, ILogger<ScrapeGauges> logger)
{
    /// <summary>Reads and sets every gauge; a database that does not answer leaves them as they were, with a warning.</summary>
    [SuppressMessage("Design", "CA1031", Justification = "A scrape must answer with what it has; the failure is logged.")]
    public async Task UpdateAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
            var now = time.GetUtcNow();
            var sms = await SmsOutboxState.ReadAsync(db, now, cancellationToken);
            metrics.SmsQueued.Set(sms.Queued);
            metrics.SmsFailedStored.Set(sms.Failed);

            var open = await live.GetAsync("appeals-open-by-status", ct => db.Appeals.AsNoTracking()
                .Where(a => AppealStatuses.Open.Contains(a.Status))
                .GroupBy(a => a.Status)
                .Select(g => new { Status = g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Status, g => g.Count, ct), cancellationToken);
            foreach (var status in AppealStatuses.Open)
            {
                metrics.AppealsOpen.WithLabels(status.ToString()).Set(open.Value.GetValueOrDefault(status));
            }

            metrics.AppealsAwaitingReply.Set(AppealStatuses.AwaitingReply.Sum(s => open.Value.GetValueOrDefault(s)));

            var clock = await scope.ServiceProvider.GetRequiredService<AppealClockSource>().GetAsync(cancellationToken);
            var queues = await scope.ServiceProvider.GetRequiredService<SupervisionQueues>()
                .CountAllAsync(live, QueueFilter.None, clock, now, cancellationToken);
            foreach (var (kind, parts) in queues.Value)
            {
                metrics.SupervisionQueue.WithLabels(kind.ToString()).Set(parts.Sum());
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "The gauges of /metrics could not be read from the database; they keep their last values");
        }
    }
}
