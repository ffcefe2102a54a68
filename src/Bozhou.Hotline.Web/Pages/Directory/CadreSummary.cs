namespace Bozhou.Hotline.Web.Pages.Directory;

/// <summary>One cadre in a list: <c>_CadreSummary.cshtml</c>'s model.</summary>
/// <param name="HeadingLevel">2 in search results (under the page's h1), 4 in the grouped list (under jurisdiction h2 and department h3).</param>
/// <param name="Now">The app clock's time of the request: the availability note beside the call button shows until it passes.</param>
/// <param name="StartHere">The first search result: whom to contact first.</param>
public sealed record CadreSummary(Cadre Cadre, bool English, int HeadingLevel, DateTimeOffset Now, IReadOnlyList<Cadre>? EscalationPath = null, bool StartHere = false);
