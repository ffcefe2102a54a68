using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Bozhou.Hotline.Web.Http;

/// <summary>
/// A cadre's name on the public pages: "王建华" in Chinese; "Wang Jianhua (王建华)" in English with the Chinese name marked
/// <c>lang="zh-CN"</c>, so that it still matches what the caller hears; in attributes and titles, where no part can be
/// marked, the pinyin alone in English.
/// </summary>
public static class CadreNames
{
    /// <summary>The name as markup (<see cref="DirectoryListing.DisplayName"/> with the Chinese name marked).</summary>
    public static IHtmlContent Html(Cadre cadre, bool english)
    {
        ArgumentNullException.ThrowIfNull(cadre);
        var chinese = $"<span lang=\"zh-CN\">{HtmlEncoder.Default.Encode(cadre.Name)}</span>";
        return new HtmlString(english && cadre.NamePinyin.Length > 0 ? $"{HtmlEncoder.Default.Encode(cadre.NamePinyin)} ({chinese})" : chinese);
    }

    /// <summary>The name as plain text in one language: the pinyin in English when given, the Chinese name otherwise.</summary>
    public static string Plain(Cadre cadre, bool english)
    {
        ArgumentNullException.ThrowIfNull(cadre);
        return english && cadre.NamePinyin.Length > 0 ? cadre.NamePinyin : cadre.Name;
    }
}
