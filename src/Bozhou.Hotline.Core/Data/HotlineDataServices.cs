using Bozhou.Hotline.Core.Caching;
using Bozhou.Hotline.Core.Calendar;
using Bozhou.Hotline.Core.Limits;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bozhou.Hotline.Core.Data;

/// <summary>
/// The database and the Data Protection key ring kept in it, composed once for every program that opens the
/// product's database (the web app, the bench seeder): both must read the same configuration the same way, or
/// one of them writes callers' data the other cannot decrypt.
/// </summary>
public static class HotlineDataServices
{
    /// <summary>The Data Protection application name: keys are shared only between programs that give the same one.</summary>
    public const string ApplicationName = "Bozhou.Hotline";

    private const string DefaultSqlite = "Data Source=App_Data/hotline.db";

    /// <summary>
    /// The <see cref="HotlineDbContext"/> (pooled) on <c>Database:Provider</c> (<c>Sqlite</c> or <c>Postgres</c>) and
    /// <c>ConnectionStrings:Hotline</c>, with the SQLite write gate, the display-text cleaning, the holiday calendar
    /// and the <see cref="DatabaseInitializer"/>. A relative SQLite file is placed under the content root of
    /// <paramref name="environment"/>, except in Production, where it is refused (<see cref="SqliteFile"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// A refusal of <see cref="DatabaseRefusals"/>: the provider is neither Sqlite nor Postgres, it is Postgres and no
    /// connection string is set, or, in Production, the SQLite file is named by a relative path.
    /// </exception>
    public static IServiceCollection AddHotlineDatabase(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = configuration.GetConnectionString("Hotline");

        // Pooled: a request takes a context already set up (its services resolved) instead of building one;
        // the pool resets each context when it is returned.
        if (DatabaseRefusals(configuration, environment) is [var refusal, ..])
        {
            throw new InvalidOperationException(refusal);
        }

        if (options.IsPostgres)
        {
            services.AddDbContextPool<HotlineDbContext>(o => o.UseNpgsql(
                connectionString,
                npgsql => npgsql.MigrationsAssembly("Bozhou.Hotline.Migrations.Postgres")));
        }
        else
        {
            var sqlite = ResolveSqlitePath(connectionString ?? DefaultSqlite, environment);
            // One gate per app: its writers queue in memory instead of sleeping on SQLite's lock.
            services.AddSingleton(provider =>
            {
                var limits = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
                return new SqliteWriteGate(TimeSpan.FromSeconds(limits.WriteGateTimeoutSeconds), TimeSpan.FromSeconds(limits.WriteGateStuckSeconds));
            });
            services.AddDbContextPool<HotlineDbContext>((provider, o) => o
                .UseSqlite(sqlite, s => s.MigrationsAssembly("Bozhou.Hotline.Migrations.Sqlite"))
                .AddInterceptors(provider.GetRequiredService<SqliteWriteGate>()));
        }

        // Whatever the provider: text is cleaned for display as it is saved (DisplayTextInterceptor), beside the gate.
        services.ConfigureDbContext<HotlineDbContext>(o => o.AddInterceptors(DisplayTextInterceptor.Instance), ServiceLifetime.Singleton);
        // What is kept in memory is forgotten when a save changes it (KeptValueChangeInterceptor), here and, on
        // PostgreSQL, on every other instance (NOTIFY, heard by PostgresChangeListener).
        var notifyConnection = options.IsPostgres ? connectionString : null;
        services.AddSingleton(provider => new KeptValueChanges(notifyConnection, provider.GetRequiredService<ILogger<KeptValueChanges>>()));
        services.AddSingleton<KeptValueChangeInterceptor>();
        services.ConfigureDbContext<HotlineDbContext>(
            (provider, o) => o.AddInterceptors(provider.GetRequiredService<KeptValueChangeInterceptor>()), ServiceLifetime.Singleton);
        if (notifyConnection is not null)
        {
            services.AddHostedService(provider => new PostgresChangeListener(
                notifyConnection, provider.GetRequiredService<KeptValueChanges>(), provider.GetRequiredService<ILogger<PostgresChangeListener>>()));
        }

        // Clients' attempts against the limits (submissions, sign-ins, tracking checks): counted together by every
        // instance on PostgreSQL, in memory on SQLite's one instance.
        if (notifyConnection is not null)
        {
            services.AddSingleton<IClientLimits>(provider => new PostgresClientLimits(notifyConnection, provider.GetRequiredService<TimeProvider>()));
        }
        else
        {
            services.AddSingleton<IClientLimits, MemoryClientLimits>();
        }

        services.AddSingleton<CalendarStore>();
        services.AddScoped<DatabaseInitializer>();
        return services;
    }

    /// <summary>
    /// Data Protection with its keys in the database, so cookies and protected fields survive restarts and several
    /// instances, encrypted with the certificate of <see cref="KeyRingOptions"/> (<c>DataProtection:*</c>); retired
    /// certificates still decrypt the keys they encrypted. Outside Production a missing certificate leaves the keys
    /// unencrypted, and a hosted service says so once at start-up.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// In Production with no certificate configured (before the database is opened), or when a configured certificate
    /// cannot be read (<see cref="KeyRingOptions.LoadCertificate"/>).
    /// </exception>
    public static IServiceCollection AddHotlineKeyRing(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var section = configuration.GetSection(KeyRingOptions.Section);
        var options = section.Get<KeyRingOptions>() ?? new KeyRingOptions();
        services.AddOptions<KeyRingOptions>().Bind(section);

        var dataProtection = services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<HotlineDbContext>();

        if (options.HasCertificate)
        {
            dataProtection.ProtectKeysWithCertificate(options.LoadCertificate());
            var old = options.LoadOldCertificates();
            if (old.Length > 0)
            {
                dataProtection.UnprotectKeysWithAnyCertificate(old);
            }
        }
        else if (environment.IsProduction())
        {
            throw new InvalidOperationException(MissingCertificate);
        }
        else
        {
            services.AddHostedService<UnencryptedKeyRingWarning>();
        }

        return services;
    }

    /// <summary>
    /// Every setting the database and the key ring would be refused for (<see cref="DatabaseRefusals"/>,
    /// <see cref="KeyRingRefusals"/>), each a sentence that names the setting: for a program to report in plain words
    /// before it composes anything, so that a refused start leaves no database file behind. Empty when none.
    /// </summary>
    public static IReadOnlyList<string> Refusals(IConfiguration configuration, IHostEnvironment environment) =>
        [.. DatabaseRefusals(configuration, environment), .. KeyRingRefusals(configuration, environment)];

    /// <summary>
    /// Why the database settings cannot be used: a <see cref="DatabaseOptions"/> rule broken (<c>Database:Provider</c>
    /// neither <c>Sqlite</c> nor <c>Postgres</c>, a write-gate time outside 1–300 s); Postgres without <c>ConnectionStrings:Hotline</c>, or
    /// with one PostgreSQL cannot read (such as the SQLite default);
    /// in Production, a SQLite file named by a relative path. Reads no file.
    /// </summary>
    public static IReadOnlyList<string> DatabaseRefusals(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        DatabaseOptions options;
        try
        {
            options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        }
        catch (InvalidOperationException e)
        {
            // "Failed to convert configuration value at 'Database:WriteGateTimeoutSeconds' to type 'System.Double'."
            return [e.Message];
        }

        var connectionString = configuration.GetConnectionString("Hotline");
        // The options' own rules (DatabaseOptions' attributes), checked now rather than at the host's start: an unknown
        // provider would otherwise be composed as a SQLite file.
        var invalid = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        if (!System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), invalid, validateAllProperties: true))
        {
            return [.. invalid.Select(r => r.ErrorMessage ?? string.Join(", ", r.MemberNames))];
        }

        if (options.IsPostgres)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                return ["Database:Provider is Postgres but ConnectionStrings:Hotline is empty. Set it, e.g. " +
                        "ConnectionStrings__Hotline='Host=localhost;Database=hotline;Username=hotline;Password=…'."];
            }

            try
            {
                _ = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
                return [];
            }
            catch (ArgumentException e)
            {
                return [$"Database:Provider is Postgres but ConnectionStrings:Hotline is not a PostgreSQL connection string ({e.Message}), " +
                        "e.g. ConnectionStrings__Hotline='Host=localhost;Database=hotline;Username=hotline;Password=…'."];
            }
        }

        SqliteConnectionStringBuilder csb;
        try
        {
            csb = new SqliteConnectionStringBuilder(connectionString ?? DefaultSqlite);
        }
        catch (ArgumentException e)
        {
            return [$"ConnectionStrings:Hotline is not a SQLite connection string ({e.Message})."];
        }

        return RelativeSqliteRefusal(csb, environment) is { } refusal ? [refusal] : [];
    }

    /// <summary>
    /// Why the key-ring certificate cannot be used: none configured in Production, or a configured one (current or
    /// retired) that is missing, that its password does not open or that holds no RSA private key
    /// (<see cref="KeyRingOptions.LoadCertificate"/>). Opens the PFX files to find out.
    /// </summary>
    public static IReadOnlyList<string> KeyRingRefusals(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var options = configuration.GetSection(KeyRingOptions.Section).Get<KeyRingOptions>() ?? new KeyRingOptions();
        if (!options.HasCertificate)
        {
            return environment.IsProduction() ? [MissingCertificate] : [];
        }

        try
        {
            options.LoadCertificate().Dispose();
            foreach (var old in options.LoadOldCertificates())
            {
                old.Dispose();
            }
        }
        catch (InvalidOperationException e)
        {
            return [e.Message];
        }

        return [];
    }

    private static string MissingCertificate =>
        $"{KeyRingOptions.Section}:{nameof(KeyRingOptions.CertificatePath)} is not set. In Production the keys that encrypt " +
        "callers' names and phones must themselves be encrypted with a certificate: set DataProtection:CertificatePath to a " +
        "PFX file and DataProtection:CertificatePassword to its password (see the README, \"The key-ring certificate\").";

    /// <summary>In Production, a SQLite file named by a relative path: the content root is the published folder, which the next deployment replaces.</summary>
    private static string? RelativeSqliteRefusal(SqliteConnectionStringBuilder csb, IHostEnvironment environment) =>
        IsFile(csb) && !Path.IsPathRooted(csb.DataSource) && environment.IsProduction()
            ? $"ConnectionStrings:Hotline names the SQLite file '{csb.DataSource}' by a relative path, which would put the " +
              $"database inside the app's folder ({environment.ContentRootPath}), replaced by the next deployment. In Production " +
              "give an absolute path outside it, e.g. ConnectionStrings__Hotline='Data Source=/var/lib/bozhou-hotline/hotline.db'."
            : null;

    /// <summary>
    /// The absolute path of the SQLite database file the configuration names, or null on PostgreSQL or for an
    /// in-memory database. Used by whatever must know the file itself (the server's in-use lock, backup, restore).
    /// </summary>
    /// <exception cref="InvalidOperationException">In Production, the SQLite file is named by a relative path.</exception>
    public static string? SqliteFile(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (options.IsPostgres)
        {
            return null;
        }

        var csb = new SqliteConnectionStringBuilder(ResolveSqlitePath(configuration.GetConnectionString("Hotline") ?? DefaultSqlite, environment));
        return IsFile(csb) ? csb.DataSource : null;
    }

    /// <summary>
    /// A relative SQLite file is placed under the content root, its folder created. In Production a relative file is
    /// refused: the content root is the published folder, which the next deployment replaces, database and all.
    /// </summary>
    /// <exception cref="InvalidOperationException">In Production, <c>ConnectionStrings:Hotline</c> names a relative SQLite file.</exception>
    private static string ResolveSqlitePath(string connectionString, IHostEnvironment environment)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString);
        if (IsFile(csb))
        {
            if (RelativeSqliteRefusal(csb, environment) is { } refusal)
            {
                throw new InvalidOperationException(refusal);
            }

            var path = Path.IsPathRooted(csb.DataSource) ? csb.DataSource : Path.Combine(environment.ContentRootPath, csb.DataSource);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
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

    /// <summary>Says once at start-up that the key ring is kept unencrypted (Development and Testing only).</summary>
    private sealed class UnencryptedKeyRingWarning(ILogger<UnencryptedKeyRingWarning> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            logger.LogWarning(
                "DataProtection:CertificatePath is not set: the Data Protection keys (which encrypt callers' names and phones) are " +
                "stored unencrypted in the database. Production refuses to start like this.");
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
