namespace Bozhou.Hotline.Core.Appeals;

/// <summary>The "Appeals" settings: protection of the public forms and the sweep that closes unrated appeals.</summary>
public sealed class AppealsOptions
{
    public const string Section = "Appeals";

    /// <summary>New appeals one client (IP address) may submit per hour.</summary>
    public int SubmissionsPerHour { get; set; } = 10;

    /// <summary>Wrong code and digits combinations a client may try on the tracking page per window.</summary>
    public int TrackFailuresAllowed { get; set; } = 5;

    public TimeSpan TrackFailureWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a browser stays "signed in" to an appeal after submitting it or passing the check.</summary>
    public TimeSpan AccessLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How far back a call may be logged.</summary>
    public int MaxCallAgeDays { get; set; } = 30;

    /// <summary>How far in the future a call time may lie, for phones whose clock runs fast.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the sweep closes appeals whose rating window has passed.</summary>
    public TimeSpan UnratedSweepInterval { get; set; } = TimeSpan.FromMinutes(15);

    public int UnratedSweepBatchSize { get; set; } = 100;
}
