namespace Bozhou.Hotline.Core.Appeals;

/// <summary>
/// Where new tracking codes come from: <see cref="TrackingCode.Generate"/> in the app; tests put a
/// source of their own in its place to force a collision.
/// </summary>
public class TrackingCodeSource
{
    public virtual string Next() => TrackingCode.Generate();
}
