using Bozhou.Hotline.Core.Calendar;
using Bozhou.Hotline.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Bozhou.Hotline.Web.Hosting;

public static class DatabaseSetup
{
    private const string DefaultSqlite = "Data Source=App_Data/hotline.db";

    public static WebApplicationBuilder AddDatabase(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>()
            .Bind(builder.Configuration.GetSection(DatabaseOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = builder.Configuration.GetConnectionString("Hotline");

        // Pooled: a request takes a context already set up (its services resolved) instead of building one;
        // the pool resets each context when it is returned.
        if (options.IsPostgres)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException(
                    "Database:Provider is Postgres but ConnectionStrings:Hotline is empty. Set it, e.g. " +
                    "ConnectionStrings__Hotline='Host=localhost;Database=hotline;Username=hotline;Password=…'.");
            }

            builder.Services.AddDbContextPool<HotlineDbContext>(o => o.UseNpgsql(
                connectionString,
                npgsql => npgsql.MigrationsAssembly("Bozhou.Hotline.Migrations.Postgres")));
        }
        else
        {
            var sqlite = ResolveSqlitePath(connectionString ?? DefaultSqlite, builder.Environment);
            var file = new SqliteConnectionStringBuilder(sqlite);
            if (IsFile(file))
            {
                // The server marks the file as in use while it runs; restore refuses then.
                builder.Services.AddHostedService(_ => new SqliteAppLock(file.DataSource));
            }

            // One gate per app: its writers queue in memory instead of sleeping on SQLite's lock.
            builder.Services.AddSingleton(services =>
            {
                var limits = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseOptions>>().Value;
                return new SqliteWriteGate(TimeSpan.FromSeconds(limits.WriteGateTimeoutSeconds), TimeSpan.FromSeconds(limits.WriteGateStuckSeconds));
            });
            builder.Services.AddDbContextPool<HotlineDbContext>((services, o) => o
                .UseSqlite(sqlite, s => s.MigrationsAssembly("Bozhou.Hotline.Migrations.Sqlite"))
                .AddInterceptors(services.GetRequiredService<SqliteWriteGate>()));
        }

        // Whatever the provider: text is cleaned for display as it is saved (DisplayTextInterceptor), beside the gate.
        builder.Services.ConfigureDbContext<HotlineDbContext>(o => o.AddInterceptors(DisplayTextInterceptor.Instance), ServiceLifetime.Singleton);

        builder.Services.AddOptions<SeedOptions>()
            .Bind(builder.Configuration.GetSection(SeedOptions.Section))
            .Validate(o => !o.Demo || !string.IsNullOrEmpty(o.DemoPassword) || !builder.Environment.IsProduction(),
                "Seed:Demo is on but Seed:DemoPassword is empty. In Production the demo accounts need a password: set Seed__DemoPassword (at least 12 characters), or turn Seed__Demo off.")
            .ValidateOnStart();
        builder.Services.AddSingleton<CalendarStore>();
        builder.Services.AddScoped<DatabaseInitializer>();
        return builder;
    }

    /// <summary>
    /// A relative SQLite file is placed under the content root, its folder created. In Production a relative file is
    /// refused: the content root is the published folder, which the next deployment replaces, database and all.
    /// </summary>
    /// <exception cref="InvalidOperationException">In Production, <c>ConnectionStrings:Hotline</c> names a relative SQLite file.</exception>
    private static string ResolveSqlitePath(string connectionString, IWebHostEnvironment environment)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString);
        if (IsFile(csb))
        {
            if (!Path.IsPathRooted(csb.DataSource) && environment.IsProduction())
            {
                throw new InvalidOperationException(
                    $"ConnectionStrings:Hotline names the SQLite file '{csb.DataSource}' by a relative path, which would put the " +
                    $"database inside the app's folder ({environment.ContentRootPath}), replaced by the next deployment. In Production " +
                    "give an absolute path outside it, e.g. ConnectionStrings__Hotline='Data Source=/var/lib/bozhou-hotline/hotline.db'.");
            }

            var path = Path.IsPathRooted(csb.DataSource) ? csb.DataSource : Path.Combine(environment.ContentRootPath, csb.DataSource);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            csb.DataSource = path;
        }

        csb.Pooling = true;
        if (csb.DefaultTimeout < 30)
        {
            // Writers wait for each other rather than fail with "database is locked".
            csb.DefaultTimeout = 30;
        }

        return csb.ToString();
    }

    /// <summary>Whether the connection string names a file (not an in-memory database).</summary>
    private static bool IsFile(SqliteConnectionStringBuilder csb) =>
        csb.DataSource != ":memory:" && csb.Mode != SqliteOpenMode.Memory && !csb.DataSource.StartsWith("file:", StringComparison.Ordinal);

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
