using System.Diagnostics.CodeAnalysis;
using Bozhou.Hotline.Core.Operations;
using Bozhou.Hotline.Core.Sms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bozhou.Hotline.Core.Appeals;

/// <summary>
/// Closes appeals whose reply went unrated for the rating window (PRODUCT §4: no rating within 7 days
/// closes it unrated), every <see cref="AppealsOptions.UnratedSweepInterval"/> by the injected clock, once per cluster
/// (<see cref="ClusterJob"/>). <see cref="CloseDueAsync"/> is also safe to run on several instances at once: the
/// appeal's concurrency token makes the slower save fail, and that appeal is left to whoever closed it first.
/// </summary>
public sealed class UnratedAppealCloser(
    IServiceScopeFactory scopes, TimeProvider time, IOptions<AppealsOptions> options, JobRuns jobs, ILogger<UnratedAppealCloser> logger)
    : ClusterJob(jobs, time, logger)
{
    /// <summary>The job's name in <c>JobRuns</c> and <c>/healthz</c>.</summary>
    public const string JobName = "unrated-sweep";

    /// <summary>Rounds that may end in a conflict before the sweep leaves the rest to its next run.</summary>
    private const int MaxConflictRounds = 10;

    /// <summary>Closes every appeal now due, batch by batch; returns how many this call closed.</summary>
    public async Task<int> CloseDueAsync(CancellationToken cancellationToken = default)
    {
        var batchSize = options.Value.UnratedSweepBatchSize;
        var closed = 0;
        var conflictRounds = 0;
        var oneByOne = false;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
            var notifier = scope.ServiceProvider.GetRequiredService<SmsNotifier>();
            var now = Time.GetUtcNow();
            var due = await db.Appeals
                .Where(a => a.Status == AppealStatus.Replied && a.RatingDueAt != null && a.RatingDueAt <= now)
                .OrderBy(a => a.RatingDueAt)
                .ThenBy(a => a.Id)
                .Take(batchSize)
                .ToListAsync(cancellationToken);
            var (count, conflict) = oneByOne
                ? await CloseOneByOneAsync(db, notifier, due, now, cancellationToken)
                : await CloseTogetherAsync(db, notifier, due, now, cancellationToken);
            closed += count;
            if (conflict)
            {
                // Another sweep or a citizen is at work on these appeals: go on one appeal at a time, so that
                // each conflict costs one appeal (left to whoever changed it) rather than a whole batch.
                oneByOne = true;
                if (++conflictRounds > MaxConflictRounds)
                {
                    return closed;
                }
            }
            else if (due.Count < batchSize || count == 0)
            {
                return closed;
            }
        }
    }

    /// <summary>The whole batch in one transaction: one commit for up to a batch of appeals.</summary>
    private async Task<(int Closed, bool Conflict)> CloseTogetherAsync(
        HotlineDbContext db, SmsNotifier notifier, List<Appeal> due, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var appeal in due.Where(appeal => appeal.CloseUnratedIfDue(now, EventActor.System)))
        {
            await TellCallerAsync(notifier, db, appeal, now, cancellationToken);
            count++;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return (count, false);
        }
        catch (DbUpdateConcurrencyException)
        {
            logger.LogInformation("Appeals changed while being closed unrated; closing the batch again one by one");
            db.ChangeTracker.Clear();
            return (0, true);
        }
    }

    private async Task<(int Closed, bool Conflict)> CloseOneByOneAsync(
        HotlineDbContext db, SmsNotifier notifier, List<Appeal> due, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var closed = 0;
        foreach (var appeal in due)
        {
            if (!appeal.CloseUnratedIfDue(now, EventActor.System))
            {
                continue;
            }

            await TellCallerAsync(notifier, db, appeal, now, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                closed++;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone else changed or closed it since it was read: the rest of the batch is read afresh.
                logger.LogInformation("Appeal {AppealId} changed while being closed unrated; reading the batch again", appeal.Id);
                db.ChangeTracker.Clear();
                return (closed, true);
            }
        }

        return (closed, false);
    }

    /// <summary>The caller is told the appeal closed unrated, in the same save as the closing (unless the caller declined SMS).</summary>
    private static Task TellCallerAsync(SmsNotifier notifier, HotlineDbContext db, Appeal appeal, DateTimeOffset now, CancellationToken cancellationToken) =>
        notifier.ToCallerAsync(db, appeal, SmsText.CallerClosedUnrated, new SmsValues(), now, cancellationToken);

    public override string Name => JobName;

    protected override TimeSpan Interval => options.Value.UnratedSweepInterval;

    /// <summary>The first pass comes one interval after start, as every later one.</summary>
    protected override TimeSpan StartDelay => Interval;

    protected override async Task PassAsync(JobRun? before, CancellationToken cancellationToken)
    {
        var closed = await CloseDueAsync(cancellationToken);
        if (closed > 0)
        {
            logger.LogInformation("Closed {Count} appeal(s) left unrated past the rating window", closed);
        }
    }
}
