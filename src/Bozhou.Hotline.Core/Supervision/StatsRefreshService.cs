using Bozhou.Hotline.Core.Operations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bozhou.Hotline.Core.Supervision;

/// <summary>
/// Keeps the daily roll-ups up to date: every <see cref="SupervisionOptions.StatsRefreshInterval"/> the days touched
/// since the previous pass (<see cref="StatsRollup.RefreshAsync"/>), then the early warnings (<see cref="EarlyWarnings"/>), once per cluster (<see cref="ClusterJob"/>).
/// Time comes from the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class StatsRefreshService(
    IServiceScopeFactory scopes, TimeProvider time, IOptions<SupervisionOptions> options, JobRuns jobs, ILogger<StatsRefreshService> logger)
    : ClusterJob(jobs, time, logger)
{
    /// <summary>The job's name in <c>JobRuns</c> and <c>/healthz</c>.</summary>
    public const string JobName = "stats-refresh";

    public override string Name => JobName;

    protected override TimeSpan Interval => options.Value.StatsRefreshInterval;

    /// <summary>This only lets a starting server answer its first pages first.</summary>
    protected override TimeSpan StartDelay => options.Value.StatsRefreshStartDelay;

    /// <summary>
    /// Recomputes the days touched since the previous pass began (on whichever instance), or, before any pass is
    /// recorded, since the latest roll-up was computed, so that nothing is lost across a restart.
    /// </summary>
    protected override async Task PassAsync(JobRun? before, CancellationToken cancellationToken)
    {
        var started = Time.GetUtcNow();
        var since = before?.LastStartedUtc ?? await LastComputedAsync(cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var clock = await scope.ServiceProvider.GetRequiredService<AppealClockSource>().GetAsync(cancellationToken);
        var days = await scope.ServiceProvider.GetRequiredService<StatsRollup>().RefreshAsync(since, clock, started, cancellationToken);
        logger.LogDebug("Refreshed the daily statistics of {Days} day(s)", days);
        // The early warnings read the roll-ups just stored; the unique key keeps each window's warning single.
        var raised = await scope.ServiceProvider.GetRequiredService<EarlyWarnings>().EvaluateAsync(started, cancellationToken);
        if (raised > 0)
        {
            logger.LogInformation("Raised {Warnings} early warning(s)", raised);
        }
    }

    /// <summary>
    /// Where the previous process left off: the latest roll-up's computing time, so that deadlines that
    /// passed while the app was down are caught up; a day back when there are no roll-ups yet.
    /// </summary>
    private async Task<DateTimeOffset> LastComputedAsync(CancellationToken cancellationToken)
    {
        var fallback = Time.GetUtcNow() - TimeSpan.FromDays(1);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
            var last = await db.DailyCadreStats.OrderByDescending(s => s.Date).Select(s => (DateTimeOffset?)s.ComputedAt).FirstOrDefaultAsync(cancellationToken);
            return last is { } l && l < fallback ? l : fallback;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not read when the daily statistics were last computed; looking back one day");
            return fallback;
        }
    }
}
