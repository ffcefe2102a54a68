namespace Bozhou.Hotline.Web.Pages.Directory;

public static class DirectoryCulture
{
    /// <summary>Whether the visitor chose English; the request's culture is set before any page runs.</summary>
    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
}
