using System.Diagnostics.CodeAnalysis;

namespace Bozhou.Hotline.Web;

// Markers for the UI strings: Resources/<Name>.resx holds the Chinese (the neutral and default language),
// Resources/<Name>.en.resx the English. One file pair per feature keeps features apart. The markers live in this
// one file, not in <Name>.cs beside <Name>.resx: the SDK would then name the embedded strings after the class
// (without "Resources."), where the localizer does not look for them.

[SuppressMessage("Design", "CA1052", Justification = "A marker type for IStringLocalizer<T>.")]
public class DirectoryResource
{
}

[SuppressMessage("Design", "CA1052", Justification = "A marker type for IStringLocalizer<T>.")]
public class AppealsResource
{
}

[SuppressMessage("Design", "CA1052", Justification = "A marker type for IStringLocalizer<T>.")]
public class WorkspaceResource
{
}

[SuppressMessage("Design", "CA1052", Justification = "A marker type for IStringLocalizer<T>.")]
public class SupervisionResource
{
}

[SuppressMessage("Design", "CA1052", Justification = "A marker type for IStringLocalizer<T>.")]
public class AdminResource
{
}

/// <summary>
/// Marker for the UI strings in <c>Resources/SharedResource.resx</c> (Chinese, the neutral and default
/// language) and <c>Resources/SharedResource.en.resx</c> (English).
/// </summary>
[SuppressMessage("Design", "CA1052", Justification = "A marker type for IStringLocalizer<T>.")]
public class SharedResource
{
}

[SuppressMessage("Design", "CA1052", Justification = "A marker type for IStringLocalizer<T>.")]
public class Open311Resource
{
}

[SuppressMessage("Design", "CA1052", Justification = "A marker type for IStringLocalizer<T>.")]
public class StatsResource
{
}
