namespace Bozhou.Hotline.Core.Appeals;

/// <summary>The actor names the timeline records for those who are not signed-in users.</summary>
public static class AppealActors
{
    /// <summary>The citizen or enterprise who called (来电人).</summary>
    public const string Caller = "来电人";

    /// <summary>The product's own clocks and sweeps (系统).</summary>
    public const string System = "系统";
}
