using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Bozhou.Hotline.Web.Http;

/// <summary>
/// A cadre's availability in the reader's language: "在开会，16:00后回电" / "In a meeting; calls back after 16:00"
/// (the time in China time). Own words (<see cref="AvailabilityKind.Other"/>) are shown as written, marked
/// <c>lang="zh-CN"</c>. A note that ends on the next China date says so ("明天08:00后回电"). Pages show it through <c>Pages/Shared/_Availability.cshtml</c>.
/// </summary>
public static class AvailabilityDisplay
{
    /// <summary>The availability as plain text (a flash message).</summary>
    public static string AvailabilityText(this IStringLocalizer<SharedResource> l, CadreAvailability availability)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(availability);
        return Compose(l, availability, Reason(l, availability));
    }

    /// <summary>The availability as markup, own words marked as Chinese text.</summary>
    public static IHtmlContent Availability(this IStringLocalizer<SharedResource> l, CadreAvailability availability)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(availability);
        var reason = availability.Kind == AvailabilityKind.Other
            ? $"<span lang=\"zh-CN\">{HtmlEncoder.Default.Encode(availability.Note ?? "")}</span>"
            : HtmlEncoder.Default.Encode(Reason(l, availability));
        return availability.Until is { } until
            ? ActorDisplay.Compose(l[CallsBackKey(availability)], reason, ChinaTime.ToChina(until).ToString("HH:mm", CultureInfo.InvariantCulture))
            : new HtmlString(reason);
    }

    private static string CallsBackKey(CadreAvailability availability) =>
        availability.EndsTomorrow ? "Availability.CallsBackTomorrowAfter" : "Availability.CallsBackAfter";

    private static string Reason(IStringLocalizer<SharedResource> l, CadreAvailability availability) =>
        availability.Kind == AvailabilityKind.Other ? availability.Note ?? "" : l["Availability." + availability.Kind];

    private static string Compose(IStringLocalizer<SharedResource> l, CadreAvailability availability, string reason) =>
        availability.Until is { } until
            ? l[CallsBackKey(availability), reason, ChinaTime.ToChina(until).ToString("HH:mm", CultureInfo.InvariantCulture)]
            : reason;
}
