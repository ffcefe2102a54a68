namespace Bozhou.Hotline.Web.Hosting;

/// <summary>Where the app reads its <c>appsettings*.json</c>, <c>wwwroot</c> and relative paths from.</summary>
public static class ContentRootSetup
{
    /// <summary>
    /// The current folder when it holds an <c>appsettings.json</c> (the project folder under <c>dotnet run</c>, the
    /// published folder when started from it); otherwise the app's own folder (<see cref="AppContext.BaseDirectory"/>),
    /// so that an app started from anywhere else (a service manager, an operator's home folder, a test) still reads
    /// its settings, instead of starting on defaults with no log line and an empty database in that folder.
    /// Null (the host decides) when the app is not the process's entry point: a test host such as
    /// <c>WebApplicationFactory</c> sets the content root itself, to the project folder with its <c>wwwroot</c>.
    /// </summary>
    public static string? ContentRoot()
    {
        if (!AppIsEntryPoint)
        {
            return null;
        }

        var current = Directory.GetCurrentDirectory();
        return File.Exists(Path.Combine(current, "appsettings.json")) ? current : AppContext.BaseDirectory;
    }

    /// <summary>Whether the app runs as its own process, not hosted by a test host such as <c>WebApplicationFactory</c>.</summary>
    public static bool AppIsEntryPoint => System.Reflection.Assembly.GetEntryAssembly() == typeof(ContentRootSetup).Assembly;
}
