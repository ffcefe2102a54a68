namespace Bozhou.Hotline.Core.Operations;

/// <summary>
/// A background job as <c>/healthz</c> judges it: its name (the <see cref="JobRun"/> row) and how often it runs.
/// </summary>
/// <param name="Name">The job's name, e.g. <c>sms-outbox</c>; at most <see cref="JobRun.NameMaxLength"/> characters.</param>
/// <param name="Interval">The time between two of its passes.</param>
public sealed record BackgroundJob(string Name, TimeSpan Interval)
{
    /// <summary>The least time a job is given before it counts as stale, whatever its interval (5 minutes).</summary>
    public static readonly TimeSpan MinimumStaleAfter = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long the job may go without a success before it is reported unhealthy: three intervals (two passes missed
    /// and the third late), at least <see cref="MinimumStaleAfter"/>, because successes are written at most once a
    /// minute (<see cref="JobRuns.SuccessWrittenEvery"/>) and a job polling every few seconds must not flap.
    /// </summary>
    public TimeSpan StaleAfter => Interval * 3 > MinimumStaleAfter ? Interval * 3 : MinimumStaleAfter;
}
