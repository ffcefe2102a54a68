namespace Bozhou.Hotline.Web.Hosting;

/// <summary>Operator commands run as <c>dotnet run --project src/Bozhou.Hotline.Web -- COMMAND</c>.</summary>
public static class HostCommands
{
    private static readonly string[] Known = ["migrate", "seed-bench"];

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
            case "seed-bench":
                return await SeedBenchAsync(app, scope.ServiceProvider);
            default:
                await Console.Error.WriteLineAsync($"Unknown command '{command}'.");
                return 2;
        }
    }

    /// <summary>
    /// <c>seed-bench [--cadres 1000] [--appeals 3500000] [--seed 8]</c>: benchmark data (bench/README.md).
    /// Configuration comes as for the server (connection string, provider, <c>Privacy:PhoneHashKey</c>).
    /// </summary>
    private static async Task<int> SeedBenchAsync(WebApplication app, IServiceProvider services)
    {
        var config = app.Configuration;
        var cadres = config.GetValue("cadres", 1000);
        var appeals = config.GetValue("appeals", 3_500_000);
        var seed = config.GetValue("seed", 8);
        var bench = ActivatorUtilities.CreateInstance<Bench.BenchSeed>(services);
        var result = await bench.RunAsync(cadres, appeals, seed, Console.Out);
        Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"seed-bench done: {result.CadresAdded} cadres added, {result.Appeals} appeals, {result.Events} events, {result.CallAttempts} call attempts in {result.Elapsed.TotalSeconds:F1} s"));
        return 0;
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
