namespace Bozhou.Hotline.Core.Appeals;

/// <summary>
/// The retention period from the "Privacy" section: the starting value until an administrator saves
/// /admin/settings. Kept apart from <see cref="PrivacyOptions"/> so that reading it never needs the phone hash key.
/// </summary>
public sealed class RetentionOptions
{
    public const string Section = PrivacyOptions.Section;

    public const int MinDays = 1;

    public const int MaxDays = 3650;

    /// <summary>Days after an appeal closes before the caller's name and phone are purged (PRODUCT §7).</summary>
    public int RetentionDays { get; set; } = 365;

    /// <summary>The time of day (China time) the daily purge runs, e.g. <c>03:00</c> (the default): a quiet hour.</summary>
    public TimeOnly PurgeAt { get; set; } = new(3, 0);
}
