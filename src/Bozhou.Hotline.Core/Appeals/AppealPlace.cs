namespace Bozhou.Hotline.Core.Appeals;

/// <summary>
/// Where the matter is (PRODUCT §4): a place in the caller's words, optionally with coordinates (WGS-84 decimal
/// degrees). Either part may be missing, but coordinates come as a pair.
/// </summary>
public sealed record AppealPlace(string? Description, double? Latitude, double? Longitude)
{
    /// <summary>The longest place description, in characters.</summary>
    public const int DescriptionMaxLength = 200;

    public const double MinLatitude = -90;
    public const double MaxLatitude = 90;
    public const double MinLongitude = -180;
    public const double MaxLongitude = 180;

    /// <summary>True for a latitude in −90…90 degrees.</summary>
    public static bool IsLatitude(double value) => value is >= MinLatitude and <= MaxLatitude;

    /// <summary>True for a longitude in −180…180 degrees.</summary>
    public static bool IsLongitude(double value) => value is >= MinLongitude and <= MaxLongitude;

    /// <summary>The place, or null when nothing of it was given (an empty description counts as none).</summary>
    public static AppealPlace? Of(string? description, double? latitude, double? longitude) =>
        string.IsNullOrWhiteSpace(description) && latitude is null && longitude is null
            ? null
            : new AppealPlace(string.IsNullOrWhiteSpace(description) ? null : description.Trim(), latitude, longitude);
}
