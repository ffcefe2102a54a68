using Bozhou.Hotline.Core.Operations;
using Bozhou.Hotline.Core.Supervision;
using Microsoft.Extensions.DependencyInjection;

namespace Bozhou.Hotline.Core.Insight;

/// <summary>
/// Keeps the trends' term rows up to date as appeals arrive: every <see cref="SupervisionOptions.StatsRefreshInterval"/>
/// (5 minutes by default, like the roll-ups) the appeals logged since are analysed (<see cref="TermIndex.IndexPendingAsync"/>),
/// once per cluster (<see cref="ClusterJob"/>: one instance holds the job's lease while its pass runs; see
/// <see cref="TermIndex"/> for why no appeal is missed or counted twice). Time comes from the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class TermIndexService(
    IServiceScopeFactory scopes, TimeProvider time, IOptions<SupervisionOptions> options, JobRuns jobs, ILogger<TermIndexService> logger)
    : ClusterJob(jobs, time, logger)
{
    /// <summary>The job's name in <c>JobRuns</c>, <c>/healthz</c> and <c>/admin</c>.</summary>
    public const string JobName = "trend-terms";

    public override string Name => JobName;

    protected override TimeSpan Interval => options.Value.StatsRefreshInterval;

    protected override TimeSpan StartDelay => options.Value.StatsRefreshStartDelay;

    protected override async Task PassAsync(JobRun? before, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var analysed = await scope.ServiceProvider.GetRequiredService<TermIndex>().IndexPendingAsync(Time.GetUtcNow(), cancellationToken);
        if (analysed > 0)
        {
            logger.LogInformation("Analysed the descriptions of {Count} appeal(s) for the trends", analysed);
        }
    }
}
