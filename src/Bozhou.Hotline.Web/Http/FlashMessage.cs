using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Bozhou.Hotline.Web.Http;

/// <summary>
/// The message shown once at the top of the next page after a successful POST (post, redirect, get): written here,
/// kept in TempData under one key, read and removed by the layout.
/// </summary>
public static class FlashMessage
{
    /// <summary>The TempData key the message travels under.</summary>
    public const string Key = "Flash";

    /// <summary>Shows <paramref name="message"/> on the page the POST redirects to.</summary>
    public static void Flash(this PageModel page, string message)
    {
        ArgumentNullException.ThrowIfNull(page);
        page.TempData[Key] = message;
    }

    /// <summary>Whether a message waits for the next page (without reading it away).</summary>
    public static bool HasFlash(this PageModel page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.TempData.Peek(Key) is string;
    }

    /// <summary>The waiting message, read once (the layout calls this); null when none waits.</summary>
    public static string? Take(ITempDataDictionary tempData)
    {
        ArgumentNullException.ThrowIfNull(tempData);
        return tempData[Key] as string;
    }
}
