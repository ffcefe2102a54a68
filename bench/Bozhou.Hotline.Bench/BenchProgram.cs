using System.Diagnostics;
using System.Globalization;
using Bozhou.Hotline.Core.Appeals;
using Bozhou.Hotline.Core.Data;
using Bozhou.Hotline.Core.Settings;
using Bozhou.Hotline.Core.Supervision;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bozhou.Hotline.Bench;

/// <summary>
/// <c>dotnet Bozhou.Hotline.Bench.dll [--cadres 1000] [--appeals 3500000] [--seed 8]</c>: fills a database with
/// benchmark data (<see cref="BenchSeed"/>, bench/README.md), then computes the daily roll-ups of the seeded year.
/// <c>dotnet Bozhou.Hotline.Bench.dll terms [--count 100000] [--database true]</c> times the rising terms' analysis instead (<see cref="TermsBench"/>).
/// Configuration comes as for the web app, from environment variables (<c>Database__Provider</c>,
/// <c>ConnectionStrings__Hotline</c>, <c>Privacy__PhoneHashKey</c>, <c>DataProtection__CertificatePath</c>, …) or
/// <c>--Key=value</c> arguments; the database and the key ring are composed by the same code as the app's
/// (<see cref="HotlineDataServices"/>), so the app reads the callers' data this tool protects.
/// </summary>
public static class BenchProgram
{
    /// <summary>Seeds, rebuilds the roll-ups and prints the figures; 0 when done, 2 for an invalid setting.</summary>
    public static async Task<int> Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var terms = args.Length > 0 && args[0] == "terms";
        if (terms)
        {
            args = args[1..];
        }

        // ASPNETCORE_ENVIRONMENT names the environment as it does for the app (Production unless set), which decides
        // whether a key ring without a certificate is refused.
        var settings = new HostApplicationBuilderSettings { Args = args, Configuration = new ConfigurationManager() };
        settings.Configuration.AddEnvironmentVariables("ASPNETCORE_");
        var builder = Host.CreateApplicationBuilder(settings);
        // EF Core logs every statement at Information: millions of them here.
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);

        IHost host;
        try
        {
            host = Compose(builder).Build();
            _ = host.Services.GetRequiredService<IOptions<PrivacyOptions>>().Value;
        }
        catch (Exception e) when (e is InvalidOperationException or OptionsValidationException)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }

        using (host)
        {
            var config = builder.Configuration;
            await using var scope = host.Services.CreateAsyncScope();
            var services = scope.ServiceProvider;
            if (terms)
            {
                return await TermsBench.RunAsync(services, config.GetValue("count", 100_000), config.GetValue("seed", 8), config.GetValue("database", false));
            }

            var result = await services.GetRequiredService<BenchSeed>().RunAsync(
                config.GetValue("cadres", 1000), config.GetValue("appeals", 3_500_000), config.GetValue("seed", 8), Console.Out);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"seed-bench done: {result.CadresAdded} cadres added, {result.Appeals} appeals, {result.Events} events, {result.CallAttempts} call attempts in {result.Elapsed.TotalSeconds:F1} s"));

            // A running server keeps the daily roll-ups current as appeals come in; the seeded year gets its roll-ups
            // as the app's rebuild-stats command makes them, so that the scorecards read what they read in service.
            var started = Stopwatch.StartNew();
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            var clock = await services.GetRequiredService<AppealClockSource>().GetAsync();
            var days = await services.GetRequiredService<StatsRollup>().RebuildAsync(null, null, clock, now);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Rebuilt the daily statistics of {days} day(s)."));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seed-bench roll-ups: {started.Elapsed.TotalSeconds:F1} s"));
            return 0;
        }
    }

    /// <summary>What the seed and the roll-ups need of the product, composed as the web app composes it.</summary>
    private static HostApplicationBuilder Compose(HostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddHotlineDatabase(builder.Configuration, builder.Environment);
        services.AddHotlineKeyRing(builder.Configuration, builder.Environment);
        services.AddOptions<PrivacyOptions>()
            .Bind(builder.Configuration.GetSection(PrivacyOptions.Section))
            .Validate(o => o.IsValid,
                $"Privacy:PhoneHashKey is missing or shorter than {PrivacyOptions.MinimumKeyLength} characters: give the seed the app's key " +
                "(e.g. Privacy__PhoneHashKey), or the app cannot find the seeded callers by their phone.");
        services.AddOptions<ClockSettings>().Bind(builder.Configuration.GetSection(ClockSettings.Section));
        services.AddOptions<RetentionOptions>().Bind(builder.Configuration.GetSection(RetentionOptions.Section));
        services.AddSingleton<SettingsStore>();
        services.AddSingleton<AppealClockSource>();
        services.AddSingleton<CallerDataProtector>();
        services.AddSingleton<RollupSums>();
        services.AddScoped<StatsRollup>();
        services.AddScoped<BenchSeed>();
        return builder;
    }
}
