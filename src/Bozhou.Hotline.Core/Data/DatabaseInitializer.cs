using Bozhou.Hotline.Core.Calendar;
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
    /// <summary>Migrates, seeds the holiday schedule and (when <c>Seed:Demo</c> is on) the demo data.</summary>
    /// <exception cref="TimeoutException">Another instance held the start-up lock past <c>Database:StartupLockTimeoutSeconds</c>.</exception>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
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
        if (seedOptions.Value.Demo)
        {
            // Resolved only when demo seeding is on: the seeds need services (caller data protection) that a
            // plain "migrate" on a production machine does not configure.
            foreach (var seed in services.GetServices<IDemoSeed>().OrderBy(s => s.Order))
            {
                await seed.SeedAsync(cancellationToken);
            }
        }
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
