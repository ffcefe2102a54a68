namespace Bozhou.Hotline.Web.Pages.Directory;

/// <summary>
/// What <c>/directory</c> reads from the query string, as typed: the page cleans the words and ignores
/// a jurisdiction, department or topic it does not know, so no value can make it fail.
/// </summary>
public sealed class DirectoryQuery
{
    /// <summary>Search words: a name, position, department or duty ("公交", "transfer point").</summary>
    public string? Q { get; set; }

    /// <summary>A jurisdiction code: <c>city</c>, <c>qiaocheng</c>, <c>guoyang</c>, <c>mengcheng</c>, <c>lixin</c>.</summary>
    public string? Jurisdiction { get; set; }

    public int? Department { get; set; }

    /// <summary>A topic code, e.g. <c>transport</c>.</summary>
    public string? Topic { get; set; }
}
