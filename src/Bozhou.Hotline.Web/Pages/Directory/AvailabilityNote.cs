namespace Bozhou.Hotline.Web.Pages.Directory;

/// <summary>
/// <c>_AvailabilityNote.cshtml</c>'s model: a cadre's availability note ("in a meeting until 16:00") wherever a citizen
/// decides to call, the card and every list and search result, rendered in one place so that every page shows it
/// alike. Shown only while it has not expired at <paramref name="Now"/> (<see cref="Cadre.CurrentAvailability"/>).
/// </summary>
/// <param name="Cadre">The cadre, holding the post.</param>
/// <param name="Now">The app clock's time of the request (UTC).</param>
/// <param name="OnCard">The card's full notice with the advice to text; otherwise the short line beside a list's call button.</param>
public sealed record AvailabilityNote(Cadre Cadre, DateTimeOffset Now, bool OnCard)
{
    /// <summary>The note in force, or null when there is none or it has expired; rendered in the reader's language by <c>Shared/_Availability.cshtml</c>.</summary>
    public CadreAvailability? Availability => Cadre.CurrentAvailability(Now);
}
