namespace Bozhou.Hotline.Core.Settings;

/// <summary>
/// The settings an administrator saved on /admin/settings: one row, absent until the first save. Until
/// then the configuration (<c>Clocks:*</c>, <c>Privacy:RetentionDays</c>) and the built-in SMS texts apply.
/// </summary>
[Audited("Settings", Singleton = true)]
public class SavedSettings
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public ClockSettings Clocks { get; set; } = new();

    public SmsTemplates Sms { get; set; } = new();

    /// <summary>Days after closure before a caller's name and phone are purged (PRODUCT §7).</summary>
    [AuditName("Privacy:RetentionDays")]
    public int RetentionDays { get; set; } = 365;

    /// <summary>Whether the public responsiveness page <c>/stats</c> (PRODUCT §6, §8b) is published; off until an administrator switches it on.</summary>
    [AuditName("PublicStats:Enabled")]
    public bool PublicStatsEnabled { get; set; }

    /// <summary>The footer lines of every page (主办单位, ICP 备案号, 公安机关备案号, 政府网站标识码); empty until filled in.</summary>
    public SiteFooter Footer { get; set; } = new();

    /// <summary>The supervision office's mobile (E.164, e.g. <c>+8613912345678</c>) that early warnings (预警) are texted to; null sends none.</summary>
    [SingleLine]
    [AuditName("Supervision:AlertMobile")]
    public string? SupervisionMobile { get; set; }

    [NotAudited]
    public DateTimeOffset SavedAt { get; set; }

    [SingleLine]
    [NotAudited]
    public string SavedBy { get; set; } = "";
}
