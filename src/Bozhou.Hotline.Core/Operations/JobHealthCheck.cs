using System.Globalization;
using Bozhou.Hotline.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bozhou.Hotline.Core.Operations;

/// <summary>
/// A background job's health from its <see cref="JobRun"/> row, the same on every instance sharing the database.
/// The reference is its last success, or this instance's start when that is later (a job cannot run while no
/// instance is up, and a new instance gives it time); past <see cref="BackgroundJob.StaleAfter"/> from there the job
/// is unhealthy. Within it, a last pass that failed (a failure later than the last success) is degraded, with the
/// error; otherwise healthy.
/// </summary>
public sealed class JobHealthCheck(BackgroundJob job, HotlineDbContext db, JobRuns runs, TimeProvider time) : IHealthCheck
{
    /// <summary>Healthy, degraded or unhealthy as described above; the description gives the times in UTC.</summary>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var run = await db.JobRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Name == job.Name, cancellationToken);
        var now = time.GetUtcNow();
        var success = run?.LastSuccessUtc;
        var since = success is { } s && s > runs.StartedAt ? s : runs.StartedAt;
        var limit = $"every {Describe(job.Interval)}, stale after {Describe(job.StaleAfter)}";
        var data = new Dictionary<string, object>
        {
            ["lastSuccessUtc"] = success is { } ls ? Utc(ls) : "",
            ["lastFailureUtc"] = run?.LastFailureUtc is { } lf ? Utc(lf) : "",
            ["staleAfterSeconds"] = job.StaleAfter.TotalSeconds,
        };
        if (now - since > job.StaleAfter)
        {
            var last = success is { } at ? $"last success {Utc(at)}" : $"no success since this instance started at {Utc(runs.StartedAt)}";
            var error = run?.LastError is { } e && run.LastFailureUtc > success ? $"; last error {Utc(run.LastFailureUtc.Value)}: {e}" : "";
            return HealthCheckResult.Unhealthy($"{job.Name}: {last} ({limit}){error}.", data: data);
        }

        if (run?.LastFailureUtc is { } failed && (success is null || failed > success))
        {
            return HealthCheckResult.Degraded($"{job.Name}: the last pass failed at {Utc(failed)}: {run.LastError} ({limit}).", data: data);
        }

        return HealthCheckResult.Healthy(
            success is { } ok ? $"{job.Name}: last success {Utc(ok)} ({limit})." : $"{job.Name}: no pass yet since this instance started at {Utc(runs.StartedAt)} ({limit}).",
            data);
    }

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Describe(TimeSpan span) => span.TotalDays >= 1 && span.TotalDays == Math.Floor(span.TotalDays)
        ? span.TotalDays.ToString(CultureInfo.InvariantCulture) + " d"
        : span.TotalMinutes >= 1 ? span.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture) + " min"
        : span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";
}
