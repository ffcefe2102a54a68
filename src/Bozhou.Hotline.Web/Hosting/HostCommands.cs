namespace Bozhou.Hotline.Web.Hosting;

/// <summary>Operator commands run as <c>dotnet run --project src/Bozhou.Hotline.Web -- COMMAND</c>.</summary>
public static class HostCommands
{
    private static readonly string[] Known = ["migrate", "rebuild-stats"];

    /// <summary>Takes a leading command word off the arguments; the rest go to the host as configuration.</summary>
    public static string? Parse(string[] args, out string[] hostArgs)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length > 0 && Known.Contains(args[0]))
        {
            hostArgs = args[1..];
            return args[0];
        }

        hostArgs = args;
        return null;
    }

    public static async Task<int> RunAsync(WebApplication app, string command)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        switch (command)
        {
            case "migrate":
                await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync();
                Console.WriteLine("Database is up to date.");
                return 0;
            case "rebuild-stats":
                return await SupervisionSetup.RebuildStatsAsync(scope.ServiceProvider, app.Configuration);
            default:
                await Console.Error.WriteLineAsync($"Unknown command '{command}'.");
                return 2;
        }
    }

    /// <summary>At start-up: migrate when <c>Database:MigrateOnStartup</c> is true (the default).</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (!options.MigrateOnStartup)
        {
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync();
    }
}
