using System.Collections.Concurrent;
using Bozhou.Hotline.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bozhou.Hotline.Core.Operations;

/// <summary>
/// Runs one pass of a background job and records its outcome in the job's <see cref="JobRun"/> row: the time of a
/// success, or the time and message of a failure (then the exception goes on to the job, which logs it as before).
/// Every job calls this one helper around its pass; nothing else writes <see cref="JobRun"/>.
/// </summary>
/// <remarks>
/// A success is written at most once per <see cref="SuccessWrittenEvery"/> per job and instance (the SMS outbox
/// passes every few seconds; one write a minute says as much), a failure every time. Writing the record never fails
/// the job: a database that cannot take it is logged and the pass's own outcome stands.
/// </remarks>
public sealed class JobRuns(IServiceScopeFactory scopes, TimeProvider time, HotlineMetrics metrics, ILogger<JobRuns> logger)
{
    /// <summary>The least time between two writes of one job's success by one instance (1 minute).</summary>
    public static readonly TimeSpan SuccessWrittenEvery = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _successWritten = new(StringComparer.Ordinal);

    /// <summary>When this instance started (by the app's clock): a job that has never succeeded is judged from here.</summary>
    public DateTimeOffset StartedAt { get; } = time.GetUtcNow();

    /// <summary>Runs <paramref name="pass"/> and records its success or failure under <paramref name="job"/>.</summary>
    /// <exception cref="OperationCanceledException">The job is stopping; nothing is recorded.</exception>
    /// <remarks>Any other exception of the pass is recorded, then thrown again.</remarks>
    public async Task<T> RunAsync<T>(string job, Func<CancellationToken, Task<T>> pass, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(job);
        ArgumentNullException.ThrowIfNull(pass);
        T result;
        try
        {
            result = await pass(cancellationToken);
        }
        catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            _successWritten.TryRemove(job, out _);
            await WriteAsync(job, e, cancellationToken);
            throw;
        }

        var now = time.GetUtcNow();
        if (!_successWritten.TryGetValue(job, out var written) || now - written >= SuccessWrittenEvery || now < written)
        {
            if (await WriteAsync(job, null, cancellationToken))
            {
                _successWritten[job] = now;
            }
        }

        return result;
    }

    /// <inheritdoc cref="RunAsync{T}"/>
    public Task RunAsync(string job, Func<CancellationToken, Task> pass, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pass);
        return RunAsync(job, async ct =>
        {
            await pass(ct);
            return true;
        }, cancellationToken);
    }

    /// <summary>This instance, as a lease names it: host name, process id and 8 random hex digits (two app hosts in one process differ).</summary>
    public string InstanceId { get; } = Truncate($"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}", JobRun.NameMaxLength + 64);

    /// <summary>
    /// Claims the next pass of <paramref name="job"/> for this instance when <paramref name="isDue"/> says a pass is due
    /// (given the row as stored, null when the job has never run) and no other instance holds its lease: sets the pass's
    /// start to <paramref name="now"/> and the lease to <paramref name="now"/> + <paramref name="lease"/>, in one
    /// conditional update, so that of several instances claiming at once exactly one succeeds.
    /// </summary>
    /// <returns>Whether this instance claimed the pass, and the job's row as it was before the claim.</returns>
    public async Task<(bool Claimed, JobRun? Before)> TryClaimAsync(
        string job, DateTimeOffset now, TimeSpan lease, Func<JobRun?, DateTimeOffset, bool> isDue, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(job);
        ArgumentNullException.ThrowIfNull(isDue);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var before = await db.JobRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Name == job, cancellationToken);
        if (!isDue(before, now) || before?.LeaseUntilUtc > now)
        {
            return (false, before);
        }

        if (before is null)
        {
            db.JobRuns.Add(new JobRun { Name = job, LastStartedUtc = now, LeaseUntilUtc = now + lease, LeaseHolder = InstanceId });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                metrics.JobPasses.WithLabels(job).Inc();
                return (true, null);
            }
            catch (DbUpdateException)
            {
                // Another instance wrote the job's first row at the same moment: it has the pass.
                return (false, null);
            }
        }

        var started = before.LastStartedUtc;
        int claimed;
        await using (await SqliteWriteGate.EnterAsync(db, cancellationToken))
        {
            claimed = await db.JobRuns
                .Where(r => r.Name == job && r.LastStartedUtc == started && (r.LeaseUntilUtc == null || r.LeaseUntilUtc <= now))
                .ExecuteUpdateAsync(set => set
                    .SetProperty(r => r.LastStartedUtc, now)
                    .SetProperty(r => r.LeaseUntilUtc, now + lease)
                    .SetProperty(r => r.LeaseHolder, InstanceId), cancellationToken);
        }

        if (claimed == 1)
        {
            metrics.JobPasses.WithLabels(job).Inc();
        }

        return (claimed == 1, before);
    }

    /// <summary>
    /// Extends this instance's lease on <paramref name="job"/> to <paramref name="now"/> + <paramref name="lease"/> while
    /// a long pass runs. False when the lease is no longer this instance's (it ran out and another instance claimed the
    /// job, or it was let go): the pass should then stop, as another may be running it.
    /// </summary>
    public async Task<bool> RenewAsync(string job, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(job);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        await using (await SqliteWriteGate.EnterAsync(db, cancellationToken))
        {
            return await db.JobRuns.Where(r => r.Name == job && r.LeaseHolder == InstanceId && r.LeaseUntilUtc != null)
                .ExecuteUpdateAsync(set => set.SetProperty(r => r.LeaseUntilUtc, now + lease), cancellationToken) == 1;
        }
    }

    /// <summary>Lets go of this instance's lease on <paramref name="job"/> (a pass ended); another instance's is left alone.</summary>
    public async Task ReleaseAsync(string job, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        await using (await SqliteWriteGate.EnterAsync(db, cancellationToken))
        {
            await db.JobRuns.Where(r => r.Name == job && r.LeaseHolder == InstanceId)
                .ExecuteUpdateAsync(set => set.SetProperty(r => r.LeaseUntilUtc, (DateTimeOffset?)null), cancellationToken);
        }
    }

    /// <summary>The recorded runs of every job, by name.</summary>
    public static async Task<IReadOnlyDictionary<string, JobRun>> ReadAsync(HotlineDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.JobRuns.AsNoTracking().ToDictionaryAsync(r => r.Name, StringComparer.Ordinal, cancellationToken);
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[^length..];

    private async Task<bool> WriteAsync(string job, Exception? failure, CancellationToken cancellationToken)
    {
        // Two tries: a first write of a new job's row can meet the same insert from another instance.
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
                var run = await db.JobRuns.FirstOrDefaultAsync(r => r.Name == job, cancellationToken);
                if (run is null)
                {
                    run = new JobRun { Name = job };
                    db.JobRuns.Add(run);
                }

                var now = time.GetUtcNow();
                if (failure is null)
                {
                    run.LastSuccessUtc = now;
                }
                else
                {
                    var error = failure.GetType().Name + ": " + failure.Message;
                    run.LastFailureUtc = now;
                    run.LastError = error.Length <= JobRun.ErrorMaxLength ? error : error[..JobRun.ErrorMaxLength];
                }

                await db.SaveChangesAsync(cancellationToken);
                return true;
            }
            catch (DbUpdateException) when (attempt == 1)
            {
                // Another instance inserted the row first: read it and write again.
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Could not record the run of the background job {Job}", job);
                return false;
            }
        }

        return false;
    }
}
