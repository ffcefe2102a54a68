using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bozhou.Hotline.Core.Calendar;

/// <summary>
/// Degraded (a warning: <c>/healthz</c> still answers 200) while a year's holiday schedule that should be loaded is not:
/// this year, and from 1 November China time the next, whose deadlines are otherwise counted as if it had no holidays.
/// </summary>
public sealed class HolidayScheduleHealthCheck(CalendarStore calendar, TimeProvider time) : IHealthCheck
{
    /// <summary>Healthy, or degraded naming the missing years.</summary>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var missing = (await calendar.GetAsync(cancellationToken)).MissingSchedules(ChinaTime.DateOf(time.GetUtcNow()));
        return missing.Count == 0
            ? HealthCheckResult.Healthy("The holiday schedule is loaded for this year and, from November, the next.")
            : HealthCheckResult.Degraded(
                $"The holiday schedule of {string.Join(", ", missing)} is not loaded: deadlines counted into it are provisional (ordinary weekends assumed). An administrator loads it at /admin/calendar.");
    }
}
