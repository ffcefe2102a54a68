using System.Net;
using Bozhou.Hotline.TestSupport;
using Microsoft.Data.Sqlite;

namespace Bozhou.Hotline.IntegrationTests.Hosting;

/// <summary>
/// The built app started as a service manager starts it: <c>dotnet /opt/…/Bozhou.Hotline.Web.dll</c> from a working
/// directory that is not the app's folder, in Production, its settings in environment variables.
/// </summary>
public sealed class PublishedAppTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "bozhou-hotline-tests", "published-" + Guid.NewGuid().ToString("N"));

    public PublishedAppTests()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "elsewhere"));
        Directory.CreateDirectory(Path.Combine(_folder, "data"));
    }

    [Fact]
    public async Task Started_from_another_folder_the_app_reads_its_own_settings_and_puts_the_database_where_they_say()
    {
        var workingDirectory = Path.Combine(_folder, "elsewhere");
        var database = Path.Combine(_folder, "data", "hotline.db");
        var settings = AppProcess.ProductionSettings();
        // Information, so that the start-up line of the shipped console sink (appsettings.json) is written.
        settings["Serilog__MinimumLevel__Default"] = "Information";
        settings["ConnectionStrings__Hotline"] = $"Data Source={database}";
        var port = NginxProxy.FreePort();
        using var app = AppProcess.Start(settings, workingDirectory, "--urls", $"http://127.0.0.1:{port}");
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

        var live = await app.WaitForLiveAsync(client);

        Assert.True(live, "/healthz/live did not answer within 300 s:\n" + app.Output);
        // The console sink and its template come from the app's own appsettings.json: without it there is no log line.
        Assert.Matches(@"\[\d\d:\d\d:\d\d INF\] ", app.Output);
        Assert.True(File.Exists(database), "no database at " + database);
        // Nothing in the folder it was started from: no App_Data, no database, no key files.
        Assert.Empty(Directory.EnumerateFileSystemEntries(workingDirectory));
        using var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task In_production_a_relative_database_path_is_refused_naming_the_setting_and_nothing_is_created()
    {
        var workingDirectory = Path.Combine(_folder, "elsewhere");
        var settings = AppProcess.ProductionSettings();
        var relative = "App_Data/refused-" + Guid.NewGuid().ToString("N") + ".db";
        settings["ConnectionStrings__Hotline"] = $"Data Source={relative}";

        var (exitCode, output) = await AppProcess.RunAsync(settings, workingDirectory, null, "--urls", $"http://127.0.0.1:{NginxProxy.FreePort()}");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("ConnectionStrings:Hotline", output, StringComparison.Ordinal);
        Assert.Contains("relative path", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(AppProcess.AppFolder, relative)));
        Assert.False(File.Exists(Path.Combine(workingDirectory, relative)));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS's temp cleaning.
        }
    }
}
