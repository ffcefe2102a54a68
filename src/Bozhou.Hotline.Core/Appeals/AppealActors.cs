namespace Bozhou.Hotline.Core.Appeals;

/// <summary>
/// The texts that stood for those who are not signed-in users before the timeline stored an actor kind
/// (<see cref="EventActor.FromText"/> reads them); the audit trail still names the system's entries <see cref="System"/>.
/// </summary>
public static class AppealActors
{
    /// <summary>The citizen or enterprise who called (来电人).</summary>
    public const string Caller = "来电人";

    /// <summary>The product's own clocks and sweeps (系统).</summary>
    public const string System = "系统";
}
