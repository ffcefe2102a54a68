namespace Bozhou.Hotline.Core.Supervision;

/// <summary>The supervision office's settings (section "Supervision").</summary>
public sealed class SupervisionOptions
{
    public const string Section = "Supervision";

    /// <summary>Cadres drawn for each working day's spot check (k).</summary>
    public int SpotCheckSize { get; set; } = 5;

    /// <summary>Rows per page of a queue.</summary>
    public int QueuePageSize { get; set; } = 50;

    /// <summary>How often the daily roll-ups are brought up to date.</summary>
    public TimeSpan StatsRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long after start-up the first refresh waits, so that a starting server answers its first pages
    /// before it recomputes anything (on one core the two compete: 0.5 s of CPU at start-up).
    /// </summary>
    public TimeSpan StatsRefreshStartDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long the queues' counts and today's scorecard counts are reused before they are computed again
    /// (<see cref="LiveFigures"/>); zero computes them on every view.
    /// </summary>
    public TimeSpan LiveFiguresMaxAge { get; set; } = TimeSpan.FromSeconds(30);
}
