using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Bozhou.Hotline.Web.Http;

/// <summary>
/// A timeline entry's actor in the reader's language: "来电人" / "Caller", "系统" / "System", a cadre or office user by
/// name, staff as "张秘书（代李明）" / "张秘书 (for 李明)". Names are people's names as written, marked <c>lang="zh-CN"</c>.
/// </summary>
public static class ActorDisplay
{
    /// <summary>The actor as markup for the staff-side pages, names included.</summary>
    public static IHtmlContent Actor(this IStringLocalizer<SharedResource> l, EventActor actor)
    {
        ArgumentNullException.ThrowIfNull(l);
        return actor.Kind switch
        {
            EventActorKind.Caller => new HtmlString(HtmlEncoder.Default.Encode(l["Actor.Caller"])),
            EventActorKind.System => new HtmlString(HtmlEncoder.Default.Encode(l["Actor.System"])),
            EventActorKind.Staff when actor.ForCadre is { Length: > 0 } cadre => Compose(l["Actor.StaffFor"], Name(actor.Name), Name(cadre)),
            EventActorKind.Office => Compose(l["Actor.Office"], Name(actor.Name)),
            _ => new HtmlString(Name(actor.Name)),
        };
    }

    /// <summary>Fills a resource's format with markup: the format is encoded, the arguments are markup already.</summary>
    internal static IHtmlContent Compose(LocalizedString format, params object[] html) =>
        new HtmlString(string.Format(CultureInfo.CurrentCulture, HtmlEncoder.Default.Encode(format.Value), html));

    /// <summary>A person's name as written, marked as Chinese text.</summary>
    public static IHtmlContent PersonName(string? name) => new HtmlString(Name(name ?? ""));

    /// <summary>
    /// Text as someone typed it (a setting, a filing number), marked as Chinese only when it holds Chinese characters
    /// (<see cref="ChineseText.LangOf"/>), so that an English page marks exactly its Chinese.
    /// </summary>
    public static IHtmlContent AsWritten(string? text) =>
        new HtmlString(ChineseText.LangOf(text) is { } lang
            ? $"<span lang=\"{lang}\">{HtmlEncoder.Default.Encode(text!)}</span>"
            : HtmlEncoder.Default.Encode(text ?? ""));

    private static string Name(string name) => $"<span lang=\"zh-CN\">{HtmlEncoder.Default.Encode(name)}</span>";
}
