using System.Diagnostics.CodeAnalysis;

namespace Bozhou.Hotline.Web;

/// <summary>
/// Marker for the UI strings in <c>Resources/SharedResource.resx</c> (Chinese, the neutral and default
/// language) and <c>Resources/SharedResource.en.resx</c> (English).
/// </summary>
[SuppressMessage("Design", "CA1052", Justification = "A marker type for IStringLocalizer<T>.")]
public class SharedResource
{
}
