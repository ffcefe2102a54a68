using System.Diagnostics.CodeAnalysis;

namespace Bozhou.Hotline.Web;

// Markers for each feature's UI strings: Resources/<Name>.resx holds the Chinese (the neutral and
// default language), Resources/<Name>.en.resx the English. One file pair per feature keeps features apart.

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
