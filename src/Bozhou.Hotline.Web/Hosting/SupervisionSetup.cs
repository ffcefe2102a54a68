using Bozhou.Hotline.Core.Accounts;
using Bozhou.Hotline.Core.Data;
using Bozhou.Hotline.Core.Supervision;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bozhou.Hotline.Web.Hosting;

public static class SupervisionSetup
{
    /// <summary>Only the supervision office (and administrators) reach /supervision.</summary>
    public const string Policy = "Supervision";

    public static WebApplicationBuilder AddSupervision(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SupervisionOptions>()
            .Bind(builder.Configuration.GetSection(SupervisionOptions.Section))
            .Validate(o => o.SpotCheckSize is >= 1 and <= 100, "Supervision:SpotCheckSize must be between 1 and 100.")
            .Validate(o => o.QueuePageSize is >= 10 and <= 500, "Supervision:QueuePageSize must be between 10 and 500.")
            .Validate(o => o.StatsRefreshInterval >= TimeSpan.FromSeconds(10), "Supervision:StatsRefreshInterval must be at least 10 seconds.")
            .Validate(o => o.StatsRefreshStartDelay >= TimeSpan.Zero && o.StatsRefreshStartDelay <= TimeSpan.FromMinutes(10),
                "Supervision:StatsRefreshStartDelay must be between 0 and 10 minutes.")
            .Validate(o => o.LiveFiguresMaxAge >= TimeSpan.Zero && o.LiveFiguresMaxAge <= TimeSpan.FromMinutes(5),
                "Supervision:LiveFiguresMaxAge must be between 0 and 5 minutes.")
            .ValidateOnStart();
        builder.Services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.RequireRole(Roles.Supervisor, Roles.Admin));
        builder.Services.Configure<RazorPagesOptions>(o => o.Conventions.AuthorizeFolder("/Supervision", Policy));
        builder.Services.AddScoped<SupervisionQueues>();
        builder.Services.AddScoped<EscalationLadder>();
        builder.Services.AddScoped<SpotChecks>();
        builder.Services.AddScoped<StatsRollup>();
        builder.Services.AddSingleton<RollupSums>();
        builder.Services.AddSingleton<LiveFigures>();
        builder.Services.AddScoped<Scorecards>();
        builder.Services.AddScoped<Dashboard>();
        builder.Services.AddHostedService<StatsRefreshService>();
        return builder;
    }

    /// <summary>The <c>rebuild-stats [--from yyyy-MM-dd] [--to yyyy-MM-dd]</c> command: recomputes the daily roll-ups.</summary>
    public static async Task<int> RebuildStatsAsync(IServiceProvider services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (!TryDate(configuration["from"], out var from) || !TryDate(configuration["to"], out var to))
        {
            await Console.Error.WriteLineAsync("Dates are yyyy-MM-dd: rebuild-stats [--from 2026-01-01] [--to 2026-03-31]");
            return 2;
        }

        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var clock = await services.GetRequiredService<AppealClockSource>().GetAsync();
        var days = await services.GetRequiredService<StatsRollup>().RebuildAsync(from, to, clock, now);
        Console.WriteLine($"Rebuilt the daily statistics of {days} day(s).");
        return 0;
    }

    private static bool TryDate(string? value, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var parsed))
        {
            date = parsed;
            return true;
        }

        return false;
    }
}

/// <summary>
/// Keeps the daily roll-ups up to date: on start it catches up from the last roll-up computed, then every
/// <see cref="SupervisionOptions.StatsRefreshInterval"/> the days touched since the previous pass
/// (<see cref="StatsRollup.RefreshAsync"/>). Time comes from the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class StatsRefreshService(
    IServiceScopeFactory scopes, TimeProvider time, IOptions<SupervisionOptions> options, ILogger<StatsRefreshService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.StatsRefreshStartDelay > TimeSpan.Zero)
        {
            // Wall-clock time, not the product's clock: this only lets the server answer its first pages first.
            await Task.Delay(options.Value.StatsRefreshStartDelay, stoppingToken);
        }

        var since = await LastComputedAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            var started = time.GetUtcNow();
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var clock = await scope.ServiceProvider.GetRequiredService<AppealClockSource>().GetAsync(stoppingToken);
                var days = await scope.ServiceProvider.GetRequiredService<StatsRollup>().RefreshAsync(since, clock, started, stoppingToken);
                logger.LogDebug("Refreshed the daily statistics of {Days} day(s)", days);
                since = started;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The next pass looks back to the same instant, so nothing is lost.
                logger.LogWarning(ex, "Refreshing the daily statistics failed; retrying at the next interval");
            }

            await Task.Delay(options.Value.StatsRefreshInterval, time, stoppingToken);
        }
    }

    /// <summary>
    /// Where the previous process left off: the latest roll-up's computing time, so that deadlines that
    /// passed while the app was down are caught up; a day back when there are no roll-ups yet.
    /// </summary>
    private async Task<DateTimeOffset> LastComputedAsync(CancellationToken cancellationToken)
    {
        var fallback = time.GetUtcNow() - TimeSpan.FromDays(1);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
            var last = await db.DailyCadreStats.OrderByDescending(s => s.Date).Select(s => (DateTimeOffset?)s.ComputedAt).FirstOrDefaultAsync(cancellationToken);
            return last is { } l && l < fallback ? l : fallback;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not read when the daily statistics were last computed; looking back one day");
            return fallback;
        }
    }
}
