using System.Net;
using System.Text.RegularExpressions;
using Bozhou.Hotline.Core.Calendar;
using Bozhou.Hotline.TestSupport;
using Npgsql;

namespace Bozhou.Hotline.IntegrationTests.Data;

/// <summary>
/// Several instances of the published app started at the same moment on one empty PostgreSQL database, as a
/// service manager starts them after an upgrade: one migrates and seeds, the others wait for it, none crashes.
/// </summary>
public sealed partial class ConcurrentStartTests
{
    private const int Instances = 3;

    [Fact]
    public async Task Three_instances_started_at_once_on_an_empty_postgres_database_all_come_up_and_the_database_is_migrated_and_seeded_once()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var settings = AppProcess.ProductionSettings();
        settings["Database__Provider"] = "Postgres";
        settings["ConnectionStrings__Hotline"] = database.ConnectionString;
        // The demo data as well, so that the seeding (not only the schema) meets itself three times.
        settings["Seed__Demo"] = "true";
        settings["Seed__DemoPassword"] = "Concurrent-Start-2026";
        settings["Serilog__MinimumLevel__Override__Bozhou.Hotline.Core.Data.DatabaseInitializer"] = "Information";

        var ports = Enumerable.Range(0, Instances).Select(_ => NginxProxy.FreePort()).ToList();
        var apps = ports.Select(port => AppProcess.Start(settings, null, "--urls", $"http://127.0.0.1:{port}")).ToList();
        try
        {
            var clients = ports.Select(port => new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") }).ToList();
            var live = await Task.WhenAll(apps.Select((app, i) => app.WaitUntilLiveAsync(clients[i])));

            for (var i = 0; i < Instances; i++)
            {
                Assert.True(live[i], $"instance {i} did not come up:\n{apps[i].Output}");
                using var health = await clients[i].GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current.CancellationToken);
                Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            }

            // Each instance logs how many migrations it applied: one applied them all, the others none.
            var applied = apps.Select(app => MigrationsApplied().Match(app.Output)).ToList();
            Assert.All(applied, match => Assert.True(match.Success, "no migration line"));
            var counts = applied.Select(match => int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.Single(counts, count => count > 0);
            Assert.Equal(Instances - 1, counts.Count(count => count == 0));

            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            Assert.Equal(counts.Max(), await CountAsync(connection, "SELECT count(*) FROM \"__EFMigrationsHistory\""));
            // Seeded once: the holiday schedule and the demo directory are not doubled.
            Assert.Equal(HolidaySchedule.Official2026.Count, await CountAsync(connection, "SELECT count(*) FROM \"CalendarDays\""));
            Assert.Equal(5, await CountAsync(connection, "SELECT count(*) FROM \"Jurisdictions\""));
            Assert.True(await CountAsync(connection, "SELECT count(*) FROM \"Cadres\"") > 0);
            Assert.Equal(0, await CountAsync(connection, "SELECT count(*) FROM (SELECT 1 FROM \"Cadres\" GROUP BY \"Mobile\" HAVING count(*) > 1) twice"));
        }
        finally
        {
            foreach (var app in apps)
            {
                app.Dispose();
            }
        }
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"(\d+) migration\(s\) applied")]
    private static partial Regex MigrationsApplied();
}
