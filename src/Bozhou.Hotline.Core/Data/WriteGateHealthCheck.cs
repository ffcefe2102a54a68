using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bozhou.Hotline.Core.Data;

/// <summary>
/// Unhealthy while a writer has waited at the SQLite write gate longer than its stuck limit
/// (<c>Database:WriteGateStuckSeconds</c>, 10 s by default): a wedged writer shows in monitoring, not only in
/// the requests that time out behind it.
/// </summary>
public sealed class WriteGateHealthCheck(SqliteWriteGate gate) : IHealthCheck
{
    /// <summary>Healthy, or unhealthy with the longest wait in seconds.</summary>
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var wait = gate.LongestWait;
        return Task.FromResult(gate.IsStuck
            ? HealthCheckResult.Unhealthy($"A writer has waited {wait.TotalSeconds:0.0} s for the SQLite write gate (limit {gate.StuckAfter.TotalSeconds:0} s).")
            : HealthCheckResult.Healthy($"Longest wait {wait.TotalMilliseconds:0} ms."));
    }
}
