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
            EventActorKind.Staff when actor.ForCadre is { Length: > 0 } cadre =>
                new HtmlString(HtmlEncoder.Default.Encode(l["Actor.StaffFor", "\u0001", "\u0002"])
                    .Replace("\u0001", Name(actor.Name), StringComparison.Ordinal)
                    .Replace("\u0002", Name(cadre), StringComparison.Ordinal)),
            EventActorKind.Office => new HtmlString(HtmlEncoder.Default.Encode(l["Actor.Office", "\u0001"])
                .Replace("\u0001", Name(actor.Name), StringComparison.Ordinal)),
            _ => new HtmlString(Name(actor.Name)),
        };
    }

    /// <summary>A person's name as written, marked as Chinese text.</summary>
    public static IHtmlContent PersonName(string? name) => new HtmlString(Name(name ?? ""));

    private static string Name(string name) => $"<span lang=\"zh-CN\">{HtmlEncoder.Default.Encode(name)}</span>";
}
