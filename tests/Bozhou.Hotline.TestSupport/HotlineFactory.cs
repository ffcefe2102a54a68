using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Bozhou.Hotline.TestSupport;

/// <summary>
/// The real app over HTTP on a real database, with a clock the test moves. Each factory has its own SQLite
/// file, a copy of <see cref="DatabaseTemplate"/> (the app's own start-up preparation of an empty database,
/// run once per test process), so the start-up migration finds nothing to do. The tests of start-up and
/// migration themselves call <see cref="WithEmptyDatabase"/> to start on an absent file instead, and
/// <see cref="UsePostgres"/> points the app at a PostgreSQL database migrated at start-up.
/// </summary>
public class HotlineFactory : WebApplicationFactory<Program>
{
    /// <summary>Monday 2 March 2026, 10:00 China time: an ordinary working morning.</summary>
    public static readonly DateTimeOffset DefaultNow = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "bozhou-hotline-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string?> _settings = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Type> _withoutHostedServices = [];
    private readonly string _ownConnectionString;
    private bool _emptyDatabase;

    static HotlineFactory()
    {
        // Hundreds of app instances start in one test process: watching files through inotify for each
        // (appsettings reload, wwwroot) would run out of the kernel's 128 instances per user.
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }

    public HotlineFactory()
    {
        Directory.CreateDirectory(_directory);
        SqlitePath = Path.Combine(_directory, "hotline.db");
        _settings["Database:Provider"] = "Sqlite";
        _ownConnectionString = $"Data Source={SqlitePath}";
        _settings["ConnectionStrings:Hotline"] = _ownConnectionString;
        _settings["Serilog:MinimumLevel:Default"] = "Warning";
        _settings["Privacy:PhoneHashKey"] = "test-only-phone-hash-key-0123456789abcdef";
        // The key ring is encrypted as in Production (the tests of an unencrypted key ring clear this).
        _settings["DataProtection:CertificatePath"] = TestCertificates.KeyRing;
        _settings["DataProtection:CertificatePassword"] = TestCertificates.Password;
        // Background passes start at once in tests, as the tests that wait for them expect.
        _settings["Sms:StartDelaySeconds"] = "0";
        _settings["Supervision:StatsRefreshStartDelay"] = "00:00:00";
        // The working-day digest would text every cadre with an overdue appeal whenever a test moves the clock past 08:30
        // of a working day; the tests of the digest run its pass themselves (SmsDigestJob.TryRunAsync).
        _settings["Sms:DigestEnabled"] = "false";
        // Tests change appeals and look at the counts at once; the tests of LiveFigures set their own age.
        _settings["Supervision:LiveFiguresMaxAge"] = "00:00:00";
    }

    public FakeTimeProvider Clock { get; } = new(DefaultNow);

    /// <summary>
    /// Starts the app on a real Kestrel port (an ephemeral one) and returns its loopback address, <c>http://127.0.0.1:PORT/</c>,
    /// for clients that must reach it over TCP (a proxy, a client address, a browser).
    /// </summary>
    public Uri StartOnLoopback()
    {
        UseKestrel(0);
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)
            .Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
    }

    public string SqlitePath { get; }

    /// <summary>Whether to swap the system clock for <see cref="Clock"/>; browser tests may want real time.</summary>
    public bool UseFakeClock { get; set; } = true;

    /// <summary>Sets a configuration value before the app starts, as an operator would in appsettings.</summary>
    public HotlineFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>
    /// Leaves a background service of the app out, for a test that does its work by hand at the moment it
    /// chooses (e.g. <c>SmsOutboxDrainer.DrainOnceAsync</c> instead of the outbox service's polling).
    /// </summary>
    public HotlineFactory WithoutHostedService<THostedService>()
        where THostedService : IHostedService
    {
        _withoutHostedServices.Add(typeof(THostedService));
        return this;
    }

    public HotlineFactory UsePostgres(string connectionString) =>
        With("Database:Provider", "Postgres").With("ConnectionStrings:Hotline", connectionString);

    /// <summary>
    /// Starts on an absent SQLite file, as a new install does, instead of a copy of the migrated template:
    /// for the tests of start-up itself (migration, the database's mode, refusals before the database opens).
    /// </summary>
    public HotlineFactory WithEmptyDatabase()
    {
        _emptyDatabase = true;
        return this;
    }

    /// <summary>
    /// Leaves the app's background services (SMS, statistics, sweeps, purges) out of the host: only for the
    /// template, whose file must hold exactly what the start-up preparation writes.
    /// </summary>
    internal bool WithoutBackgroundServices { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            if (UseFakeClock)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(Clock);
            }

            foreach (var left in services.Where(d => d.ServiceType == typeof(IHostedService) && !d.IsKeyedService
                         && d.ImplementationType is { } type && _withoutHostedServices.Contains(type)).ToList())
            {
                services.Remove(left);
            }

            if (WithoutBackgroundServices)
            {
                // The app's own hosted services are declared in its assemblies (a type, or a lambda in a
                // Setup class); the framework's, which start the server, stay.
                var app = services
                    .Where(d => d.ServiceType == typeof(IHostedService) && !d.IsKeyedService && IsTheApps(d))
                    .ToList();
                foreach (var descriptor in app)
                {
                    services.Remove(descriptor);
                }
            }
        });
    }

    /// <summary>
    /// The database file is put in place here, before the host is built: <see cref="ConfigureWebHost"/> runs
    /// inside the app's own start, where building the template (another app) would nest one start in another.
    /// </summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        CopyTemplateIfOwnFile();
        return base.CreateHost(builder);
    }

    private static bool IsTheApps(ServiceDescriptor descriptor)
    {
        var declaring = descriptor.ImplementationType ?? descriptor.ImplementationFactory?.Method.DeclaringType;
        return declaring?.Assembly.GetName().Name?.StartsWith("Bozhou.Hotline", StringComparison.Ordinal) == true;
    }

    /// <summary>
    /// Before the host starts: the factory's own SQLite file (not a connection string a test set, not
    /// PostgreSQL, not a file a test wrote first) starts as a copy of the migrated template.
    /// </summary>
    private void CopyTemplateIfOwnFile()
    {
        if (_emptyDatabase
            || !string.Equals(_settings["Database:Provider"], "Sqlite", StringComparison.OrdinalIgnoreCase)
            || !string.Equals(_settings["ConnectionStrings:Hotline"], _ownConnectionString, StringComparison.Ordinal)
            || File.Exists(SqlitePath))
        {
            return;
        }

        File.Copy(DatabaseTemplate.Path, SqlitePath);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open is left for the OS's temp cleaning; it holds test data only.
            }
        }
    }
}
