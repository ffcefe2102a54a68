using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bozhou.Hotline.Core.Operations;

/// <summary>
/// The one pattern for a periodic background job that must run once per cluster, however many instances share the
/// database: every instance polls (every quarter of <see cref="Interval"/>, between 1 s and 5 min, on the app's
/// clock), and when a pass is due (<see cref="IsDue"/>) claims it in the job's <see cref="JobRun"/> row
/// (<see cref="JobRuns.TryClaimAsync"/>: one conditional update, so one instance wins); the winner runs the pass,
/// recorded by <see cref="JobRuns.RunAsync"/>, and lets go of the lease when it ends. While the pass runs its instance
/// renews the lease every third of <see cref="Lease"/> (<see cref="JobRuns.RenewAsync"/>), so a pass longer than its
/// lease keeps the job; if a renewal finds the lease taken by another instance, the pass is cancelled. If that instance
/// dies mid-pass its lease (<see cref="Lease"/>, by default one interval) runs out and another instance takes the job
/// over at its next poll. The first poll comes <see cref="StartDelay"/> after start.
/// </summary>
public abstract class ClusterJob(JobRuns runs, TimeProvider time, ILogger logger) : BackgroundService
{
    /// <summary>The app's clock, which every time of the job is read on.</summary>
    protected TimeProvider Time { get; } = time;

    /// <summary>The job's name in <c>JobRuns</c>, <c>/healthz</c> and <c>/admin</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The time between two passes.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>How long after start the first poll comes (on the app's clock).</summary>
    protected virtual TimeSpan StartDelay => TimeSpan.FromSeconds(10);

    /// <summary>How long a claimed pass keeps other instances off, if its instance never lets go.</summary>
    protected virtual TimeSpan Lease => Interval;

    /// <summary>How often an instance asks whether a pass is due.</summary>
    protected TimeSpan Poll => TimeSpan.FromTicks(Math.Clamp(Interval.Ticks / 4, TimeSpan.TicksPerSecond, TimeSpan.TicksPerMinute * 5));

    /// <summary>Whether a pass is due at <paramref name="now"/>, given the job's row (null before its first pass). By default: one interval after the last start.</summary>
    protected virtual bool IsDue(JobRun? run, DateTimeOffset now) =>
        run?.LastStartedUtc is not { } started || now - started >= Interval || now < started;

    /// <summary>One pass; <paramref name="before"/> is the job's row before this pass was claimed (null before the first).</summary>
    protected abstract Task PassAsync(JobRun? before, CancellationToken cancellationToken);

    /// <summary>Claims and runs a pass when one is due and no other instance holds the job; true when this instance ran it.</summary>
    /// <remarks>A failing pass is recorded and logged, not thrown; the lease is let go on every way out.</remarks>
    public async Task<bool> TryRunAsync(CancellationToken cancellationToken)
    {
        var (claimed, before) = await runs.TryClaimAsync(Name, Time.GetUtcNow(), Lease, IsDue, cancellationToken);
        if (!claimed)
        {
            return false;
        }

        using var held = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var keeping = KeepLeaseAsync(held);
        try
        {
            await runs.RunAsync(Name, ct => PassAsync(before, ct), held.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(e, "The background job {Job} failed; it runs again when next due", Name);
        }
        finally
        {
            await held.CancelAsync();
            await keeping;
            try
            {
                await runs.ReleaseAsync(Name, CancellationToken.None);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The lease then runs out by itself.
                logger.LogWarning(e, "Could not let go of the background job {Job}; its lease runs out within {Lease}", Name, Lease);
            }
        }

        return true;
    }

    /// <summary>How often a running pass renews its lease: a third of <see cref="Lease"/>, at least 1 s.</summary>
    protected TimeSpan RenewEvery => TimeSpan.FromTicks(Math.Max(Lease.Ticks / 3, TimeSpan.TicksPerSecond));

    /// <summary>
    /// Renews the lease every <see cref="RenewEvery"/> until <paramref name="held"/> is cancelled (the pass ended); when
    /// the lease turns out to be another instance's, cancels <paramref name="held"/>, and so the pass. A renewal that
    /// fails (the database is away) is tried again at the next turn. Never throws.
    /// </summary>
    private async Task KeepLeaseAsync(CancellationTokenSource held)
    {
        try
        {
            while (true)
            {
                await Task.Delay(RenewEvery, Time, held.Token);
                bool kept;
                try
                {
                    kept = await runs.RenewAsync(Name, Time.GetUtcNow(), Lease, held.Token);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Could not renew the lease of the background job {Job}; trying again in {Renew}", Name, RenewEvery);
                    continue;
                }

                if (!kept)
                {
                    logger.LogWarning("The background job {Job} lost its lease to another instance; this pass stops", Name);
                    await held.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The pass ended (or the host stops): nothing more to renew.
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (StartDelay > TimeSpan.Zero)
        {
            await Task.Delay(StartDelay, Time, stoppingToken);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await TryRunAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The claim itself failed (the database is away): asked again at the next poll.
                logger.LogWarning(e, "Could not claim the background job {Job}; asking again in {Poll}", Name, Poll);
            }

            await Task.Delay(Poll, Time, stoppingToken);
        }
    }
}
