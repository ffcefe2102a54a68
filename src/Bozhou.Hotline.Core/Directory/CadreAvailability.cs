namespace Bozhou.Hotline.Core.Directory;

/// <summary>Why a cadre cannot answer for now, stored as a kind so that the card reads it in the reader's language.</summary>
public enum AvailabilityKind
{
    /// <summary>In a meeting (在开会).</summary>
    InMeeting,

    /// <summary>Out on official business (外出办事).</summary>
    Away,

    /// <summary>Another reason, in the cadre's or staff's own words (kept as written).</summary>
    Other,
}

/// <summary>
/// A cadre's availability as the public card and the workspace show it: "在开会，16:00后回电" / "In a meeting; calls back
/// after 16:00". Rendered by one partial (<c>Pages/Shared/_Availability.cshtml</c>) wherever it is shown.
/// </summary>
/// <param name="Kind">Why the cadre cannot answer.</param>
/// <param name="Note">The own words for <see cref="AvailabilityKind.Other"/>; null for the other kinds.</param>
/// <param name="Until">When it ends and the cadre calls back (UTC); null for a note kept from before times were required.</param>
/// <param name="EndsTomorrow">
/// True when <paramref name="Until"/> falls on the China date after the one it was read at (a note set at 23:00 until
/// 08:00): the note then says "明天08:00后回电" / "calls back after 08:00 tomorrow".
/// </param>
public sealed record CadreAvailability(AvailabilityKind Kind, string? Note, DateTimeOffset? Until, bool EndsTomorrow = false);
