using Bozhou.Hotline.Core.Appeals;
using Bozhou.Hotline.Core.Calendar;
using Bozhou.Hotline.Core.Supervision;
using Bozhou.Hotline.Core.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bozhou.Hotline.Core.Data;

/// <summary>
/// Brings the database to the current schema and fills what a new install needs, holding the
/// <see cref="DatabaseStartupLock"/> throughout: with several instances starting at once on one PostgreSQL database,
/// one migrates and seeds while the others wait, then find nothing to do.
/// </summary>
public sealed class DatabaseInitializer(
    HotlineDbContext db,
    IOptions<SeedOptions> seedOptions,
    IOptions<DatabaseOptions> databaseOptions,
    IServiceProvider services,
    ILogger<DatabaseInitializer> logger)
{
    /// <summary>Migrates and seeds as <see cref="MigrateAsync(bool, CancellationToken)"/> does, the demo data included when <c>Seed:Demo</c> is on.</summary>
    /// <exception cref="TimeoutException">Another instance held the start-up lock past <c>Database:StartupLockTimeoutSeconds</c>.</exception>
    public Task MigrateAsync(CancellationToken cancellationToken = default) => MigrateAsync(demo: true, cancellationToken);

    /// <summary>
    /// Migrates, seeds the holiday schedule and (when <c>Seed:Demo</c> is on and <paramref name="demo"/> is true) the
    /// demo data, and computes the statistics' roll-ups when there are none.
    /// </summary>
    /// <exception cref="TimeoutException">Another instance held the start-up lock past <c>Database:StartupLockTimeoutSeconds</c>.</exception>
    public async Task MigrateAsync(bool demo, CancellationToken cancellationToken = default)
    {
        await using var startupLock = await DatabaseStartupLock.AcquireAsync(
            db, TimeSpan.FromSeconds(databaseOptions.Value.StartupLockTimeoutSeconds), logger, cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            // Migrating also takes the migrations lock and compares the model with the last migration (about
            // 0.3 s on one core): a start on an up-to-date database skips it. Tests assert the model has no
            // change without its migration, for both providers.
            await db.Database.MigrateAsync(cancellationToken);
        }

        if (db.IsSqlite)
        {
            // WAL lets readers go on while one writer commits; the mode is kept in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        logger.LogInformation("Database migrated ({Provider}); {Count} migration(s) applied", db.Database.ProviderName, pending.Count);
        await SeedCalendarAsync(cancellationToken);
        if (demo && seedOptions.Value.Demo)
        {
            // Resolved only when demo seeding is on: the seeds need services (caller data protection) that a
            // plain "migrate" on a production machine does not configure.
            foreach (var seed in services.GetServices<IDemoSeed>().OrderBy(s => s.Order))
            {
                await seed.SeedAsync(cancellationToken);
            }
        }

        await RollUpIfMissingAsync(cancellationToken);
    }

    /// <summary>
    /// Computes the supervision statistics' daily roll-ups (<see cref="StatsRollup.RebuildAsync"/>) when the refresh job
    /// has run on this database before but there are no roll-ups while appeals logged before today (China date) exist:
    /// after an upgrade whose migration dropped the roll-ups (derived data) to count something new, as
    /// <c>ThreeRatesAndPublicStats</c> does. The refresh job, which only looks at what changed since its last pass,
    /// then keeps them up to date. Does nothing where the services it needs are not configured.
    /// </summary>
    private async Task RollUpIfMissingAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<StatsRollup>() is not { } rollup || services.GetService<AppealClockSource>() is not { } clocks
            || services.GetService<TimeProvider>() is not { } time)
        {
            return;
        }

        var now = time.GetUtcNow();
        var startOfToday = ChinaTime.StartOf(ChinaTime.DateOf(now));
        if (!await db.JobRuns.AnyAsync(r => r.Name == StatsRefreshService.JobName, cancellationToken)
            || await db.DailyCadreStats.AnyAsync(cancellationToken)
            || !await db.Appeals.AnyAsync(a => a.LoggedAt < startOfToday, cancellationToken))
        {
            return;
        }

        var days = await rollup.RebuildAsync(null, null, await clocks.GetAsync(cancellationToken), now, cancellationToken);
        logger.LogInformation("Computed the supervision statistics' daily roll-ups ({Days} days): there were none", days);
    }

    /// <summary>The 2026 national schedule ships with the product; later years are entered by an administrator.</summary>
    private async Task SeedCalendarAsync(CancellationToken cancellationToken)
    {
        var first = new DateOnly(2026, 1, 1);
        var last = new DateOnly(2026, 12, 31);
        if (await db.CalendarDays.AnyAsync(d => d.Date >= first && d.Date <= last, cancellationToken))
        {
            return;
        }

        db.CalendarDays.AddRange(HolidaySchedule.Official2026);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Seeded the 2026 holiday schedule ({Count} days)", HolidaySchedule.Official2026.Count);
    }
}
