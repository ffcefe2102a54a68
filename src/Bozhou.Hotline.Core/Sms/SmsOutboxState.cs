using Bozhou.Hotline.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Bozhou.Hotline.Core.Sms;

/// <summary>What the outbox holds now: the health check and the metrics read it alike.</summary>
/// <param name="Queued">Messages pending (new or waiting for a retry).</param>
/// <param name="OldestQueuedAt">When the oldest pending message was queued (UTC), or null when none is.</param>
/// <param name="Failed">Messages given up (status failed), however long ago.</param>
/// <param name="FailedRecently">Of those, the ones given up within <see cref="FailedRecentlyWithin"/> of the time read.</param>
public sealed record SmsOutboxState(int Queued, DateTimeOffset? OldestQueuedAt, int Failed, int FailedRecently)
{
    /// <summary>
    /// How long a failed message keeps <c>/healthz</c> unhealthy (24 hours): long enough for someone to see it and
    /// send it again from <c>/workspace/outbox</c>; it stays listed there and in <c>hotline_sms_outbox_failed</c> after that.
    /// </summary>
    public static readonly TimeSpan FailedRecentlyWithin = TimeSpan.FromHours(24);

    /// <summary>How long a message may wait in the outbox before <c>/healthz</c> reports it (15 minutes).</summary>
    public static readonly TimeSpan QueuedTooLongAfter = TimeSpan.FromMinutes(15);

    /// <summary>Reads the state at <paramref name="now"/> (UTC) in four small queries on the status index.</summary>
    public static async Task<SmsOutboxState> ReadAsync(HotlineDbContext db, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var messages = db.SmsMessages.AsNoTracking();
        var pending = messages.Where(m => m.Status == SmsStatus.Pending);
        var queued = await pending.CountAsync(cancellationToken);
        var oldest = queued == 0 ? null : await pending.OrderBy(m => m.CreatedAt).Select(m => (DateTimeOffset?)m.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        var failedSince = now - FailedRecentlyWithin;
        var failed = messages.Where(m => m.Status == SmsStatus.Failed);
        return new SmsOutboxState(
            queued,
            oldest,
            await failed.CountAsync(cancellationToken),
            await failed.CountAsync(m => m.FailedAt != null && m.FailedAt >= failedSince, cancellationToken));
    }
}
