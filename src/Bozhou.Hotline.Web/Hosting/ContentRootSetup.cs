namespace Bozhou.Hotline.Web.Hosting;

/// <summary>Where the app reads its <c>appsettings*.json</c>, <c>wwwroot</c> and relative paths from.</summary>
public static class ContentRootSetup
{
    /// <summary>
    /// The current folder when it holds an <c>appsettings.json</c> (the project folder under <c>dotnet run</c>, the
    /// published folder when started from it); otherwise the app's own folder (<see cref="AppContext.BaseDirectory"/>),
    /// so that an app started from anywhere else (a service manager, an operator's home folder, a test) still reads
    /// its settings, instead of starting on defaults with no log line and an empty database in that folder.
    /// </summary>
    public static string ContentRoot()
    {
        var current = Directory.GetCurrentDirectory();
        return File.Exists(Path.Combine(current, "appsettings.json")) ? current : AppContext.BaseDirectory;
    }
}
