using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Bozhou.Hotline.TestSupport;

/// <summary>
/// The real app over HTTP on a real database: a fresh SQLite file per factory (or a PostgreSQL
/// database when <see cref="UsePostgres"/> is called), migrated at start-up, with a clock the test moves.
/// </summary>
public class HotlineFactory : WebApplicationFactory<Program>
{
    /// <summary>Monday 2 March 2026, 10:00 China time: an ordinary working morning.</summary>
    public static readonly DateTimeOffset DefaultNow = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "bozhou-hotline-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string?> _settings = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Type> _withoutHostedServices = [];

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
        _settings["ConnectionStrings:Hotline"] = $"Data Source={SqlitePath}";
        _settings["Serilog:MinimumLevel:Default"] = "Warning";
        _settings["Privacy:PhoneHashKey"] = "test-only-phone-hash-key-0123456789abcdef";
        // The key ring is encrypted as in Production (the tests of an unencrypted key ring clear this).
        _settings["DataProtection:CertificatePath"] = TestCertificates.KeyRing;
        _settings["DataProtection:CertificatePassword"] = TestCertificates.Password;
        // Background passes start at once in tests, as the tests that wait for them expect.
        _settings["Sms:StartDelaySeconds"] = "0";
        _settings["Supervision:StatsRefreshStartDelay"] = "00:00:00";
        // Tests change appeals and look at the counts at once; the tests of LiveFigures set their own age.
        _settings["Supervision:LiveFiguresMaxAge"] = "00:00:00";
    }

    public FakeTimeProvider Clock { get; } = new(DefaultNow);

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
        });
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
