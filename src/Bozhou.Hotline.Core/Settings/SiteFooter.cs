namespace Bozhou.Hotline.Core.Settings;

/// <summary>
/// The lines a Chinese government site carries at the foot of every page (PRODUCT §9), set on /admin/settings:
/// the sponsor (主办单位), the ICP filing number (ICP 备案号), the public security filing number (公安机关备案号) and the
/// government website identification code (政府网站标识码). Each line is shown only when filled in.
/// </summary>
public class SiteFooter
{
    /// <summary>The longest value of a line, in characters.</summary>
    public const int MaxLength = 100;

    /// <summary>The MIIT filing site an ICP filing number links to, as the filing rules require.</summary>
    public const string IcpFilingSite = "https://beian.miit.gov.cn/";

    /// <summary>主办单位, in Chinese: "亳州市人民政府办公室".</summary>
    [SingleLine]
    public string? Sponsor { get; set; }

    /// <summary>The sponsor's English name, shown on English pages; the Chinese name when empty.</summary>
    [SingleLine]
    public string? SponsorEn { get; set; }

    /// <summary>ICP 备案号: "皖ICP备12345678号".</summary>
    [SingleLine]
    public string? IcpFiling { get; set; }

    /// <summary>公安机关备案号: "皖公网安备 34160202000001号".</summary>
    [SingleLine]
    public string? PublicSecurityFiling { get; set; }

    /// <summary>政府网站标识码: ten characters, e.g. "3416000001".</summary>
    [SingleLine]
    public string? GovernmentSiteId { get; set; }

    /// <summary>Whether no line is filled in: the footer then shows none of them.</summary>
    public bool IsEmpty =>
        string.IsNullOrWhiteSpace(Sponsor) && string.IsNullOrWhiteSpace(IcpFiling)
        && string.IsNullOrWhiteSpace(PublicSecurityFiling) && string.IsNullOrWhiteSpace(GovernmentSiteId);

    /// <summary>The sponsor in the reader's language: the English name on English pages when there is one.</summary>
    public string? SponsorIn(bool english) => english && !string.IsNullOrWhiteSpace(SponsorEn) ? SponsorEn : Sponsor;
}
