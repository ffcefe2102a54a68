using System.Text;

namespace Bozhou.Hotline.Web.Http;

/// <summary>
/// What a page tells the visitor about a value in its address (or form) that it could not use and left out,
/// e.g. a date outside the supported range; the layout shows them above the page.
/// </summary>
public static class QueryNotices
{
    /// <summary>The longest part of a refused value a notice repeats.</summary>
    public const int ShownLength = 20;

    private static readonly object Key = new();

    /// <summary>Adds a notice to this request's page (once, however often the value is bound).</summary>
    public static void Add(HttpContext context, string notice)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items[Key] is not List<string> notices)
        {
            context.Items[Key] = notices = [];
        }

        if (!notices.Contains(notice, StringComparer.Ordinal))
        {
            notices.Add(notice);
        }
    }

    /// <summary>The notices of this request, in the order they were added.</summary>
    public static IReadOnlyList<string> Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items[Key] as List<string> ?? [];
    }

    /// <summary>A refused value as a notice repeats it: cut to <see cref="ShownLength"/> characters, control characters as �.</summary>
    public static string Shown(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var shown = new StringBuilder();
        foreach (var c in value.Length > ShownLength ? value[..ShownLength] : value)
        {
            shown.Append(char.IsControl(c) ? '\uFFFD' : c);
        }

        return value.Length > ShownLength ? shown.Append('…').ToString() : shown.ToString();
    }
}
