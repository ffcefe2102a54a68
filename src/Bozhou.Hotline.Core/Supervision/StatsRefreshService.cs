using Bozhou.Hotline.Core.Operations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bozhou.Hotline.Core.Supervision;

/// <summary>
/// Keeps the daily roll-ups up to date: on start it catches up from the last roll-up computed, then every
/// <see cref="SupervisionOptions.StatsRefreshInterval"/> the days touched since the previous pass
/// (<see cref="StatsRollup.RefreshAsync"/>). Time comes from the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class StatsRefreshService(
    IServiceScopeFactory scopes, TimeProvider time, IOptions<SupervisionOptions> options, JobRuns jobs, ILogger<StatsRefreshService> logger)
    : BackgroundService
{
    /// <summary>The job's name in <c>JobRuns</c> and <c>/healthz</c>.</summary>
    public const string JobName = "stats-refresh";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.StatsRefreshStartDelay > TimeSpan.Zero)
        {
            // Wall-clock time, not the product's clock: this only lets the server answer its first pages first.
            await Task.Delay(options.Value.StatsRefreshStartDelay, stoppingToken);
        }

        var since = await LastComputedAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            var started = time.GetUtcNow();
            try
            {
                var days = await jobs.RunAsync(JobName, async ct =>
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var clock = await scope.ServiceProvider.GetRequiredService<AppealClockSource>().GetAsync(ct);
                    return await scope.ServiceProvider.GetRequiredService<StatsRollup>().RefreshAsync(since, clock, started, ct);
                }, stoppingToken);
                logger.LogDebug("Refreshed the daily statistics of {Days} day(s)", days);
                since = started;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The next pass looks back to the same instant, so nothing is lost.
                logger.LogWarning(ex, "Refreshing the daily statistics failed; retrying at the next interval");
            }

            await Task.Delay(options.Value.StatsRefreshInterval, time, stoppingToken);
        }
    }

    /// <summary>
    /// Where the previous process left off: the latest roll-up's computing time, so that deadlines that
    /// passed while the app was down are caught up; a day back when there are no roll-ups yet.
    /// </summary>
    private async Task<DateTimeOffset> LastComputedAsync(CancellationToken cancellationToken)
    {
        var fallback = time.GetUtcNow() - TimeSpan.FromDays(1);
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
