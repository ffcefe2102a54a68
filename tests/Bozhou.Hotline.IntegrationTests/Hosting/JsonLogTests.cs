using System.Net;
using System.Text.Json;
using Bozhou.Hotline.TestSupport;
using Microsoft.Data.Sqlite;

namespace Bozhou.Hotline.IntegrationTests.Hosting;

/// <summary>
/// The built app run as a service with <c>Logging__Format=Json</c> in its environment (the shipped appsettings.json
/// unchanged): every line it writes is a JSON object, and each request is one line with its route template, status,
/// time, user and client address, and never its path.
/// </summary>
public sealed class JsonLogTests : IDisposable
{
    private const string TrackingCode = "BZ7QK3MX9TPL";
    private const string DemoPassword = "Bozhou-Demo-2026";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "bozhou-hotline-tests", "json-log-" + Guid.NewGuid().ToString("N"));

    public JsonLogTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public async Task With_the_json_setting_every_line_is_json_and_each_request_is_one_line_with_its_route_template_user_and_address()
    {
        var database = Path.Combine(_folder, "hotline.db");
        var settings = AppProcess.ProductionSettings();
        settings["Logging__Format"] = "Json";
        settings["Serilog__MinimumLevel__Default"] = "Information";
        settings["ConnectionStrings__Hotline"] = $"Data Source={database}";
        // The demo accounts give a user to sign in as; plain HTTP so that the sign-in cookie comes back.
        settings["Seed__Demo"] = "true";
        settings["Seed__DemoPassword"] = DemoPassword;
        settings["Http__AllowPlainHttp"] = "true";
        var port = NginxProxy.FreePort();
        using var app = AppProcess.Start(settings, _folder, "--urls", $"http://127.0.0.1:{port}");
        using var client = NginxProxy.CreateClient(IPAddress.Loopback, new Uri($"http://127.0.0.1:{port}/"));
        Assert.True(await app.WaitUntilLiveAsync(client), "/healthz/live did not answer within 300 s:\n" + app.Output);

        using (var track = await client.GetAsync(new Uri("/appeals/track/" + TrackingCode + "?lang=en", UriKind.Relative), TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, track.StatusCode);
        }

        using (var missing = await client.GetAsync(new Uri("/no-such-page/13905581234", UriKind.Relative), TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        using (var signIn = await WorkspaceTestData.SubmitLoginAsync(client, "supervisor@demo.local", DemoPassword))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }

        using (var queues = await client.GetAsync(new Uri("/supervision", UriKind.Relative), TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, queues.StatusCode);
        }

        var lines = await RequestLinesAsync(app, "/supervision");
        var events = lines.Select(line =>
        {
            try
            {
                return JsonDocument.Parse(line).RootElement.Clone();
            }
            catch (JsonException e)
            {
                throw new Xunit.Sdk.XunitException($"Not a JSON line: {line}\n{e.Message}");
            }
        }).ToList();
        var requests = events.Where(e => e.TryGetProperty("RouteTemplate", out _)).ToList();
        var tracked = Assert.Single(requests, e => e.GetProperty("RouteTemplate").GetString() == "/appeals/track/{code?}");
        var supervision = Assert.Single(requests, e => e.GetProperty("RouteTemplate").GetString() == "/supervision");
        // Re-executed into the error page, the 404 is still one line.
        var notFound = Assert.Single(requests, e => e.GetProperty("StatusCode").GetInt32() == 404);
        var supervisorId = SupervisorId(database);

        Assert.All(events, e => Assert.True(e.TryGetProperty("@t", out _) && e.TryGetProperty("@m", out _), e.ToString()));
        Assert.Equal(200, tracked.GetProperty("StatusCode").GetInt32());
        Assert.True(tracked.GetProperty("Elapsed").GetDouble() > 0);
        Assert.Equal("", tracked.GetProperty("UserId").GetString());
        Assert.Equal("127.0.0.1", tracked.GetProperty("ClientAddress").GetString());
        Assert.Equal("GET", tracked.GetProperty("RequestMethod").GetString());
        Assert.Equal(supervisorId, supervision.GetProperty("UserId").GetString());
        Assert.Equal(200, supervision.GetProperty("StatusCode").GetInt32());
        Assert.Equal("(none)", notFound.GetProperty("RouteTemplate").GetString());
        Assert.Equal("HTTP GET /appeals/track/{code?} responded 200 in", tracked.GetProperty("@m").GetString()![..48]);
        Assert.DoesNotContain(lines, l => l.Contains(TrackingCode, StringComparison.Ordinal) || l.Contains("lang=en", StringComparison.Ordinal)
            || l.Contains("13905581234", StringComparison.Ordinal));
        Assert.DoesNotContain(events, e => e.TryGetProperty("RequestPath", out _));
    }

    [Fact]
    public async Task A_log_format_other_than_text_or_json_refuses_to_start_naming_the_setting()
    {
        var settings = AppProcess.ProductionSettings();
        settings["Logging__Format"] = "Xml";
        settings["ConnectionStrings__Hotline"] = $"Data Source={Path.Combine(_folder, "hotline.db")}";

        var (exitCode, output) = await AppProcess.RunAsync(settings, _folder, null, "--urls", $"http://127.0.0.1:{NginxProxy.FreePort()}");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Logging:Format is \"Xml\": it must be Text (the default) or Json", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "hotline.db")));
    }

    /// <summary>The output's lines once the line of a request to <paramref name="lastRoute"/> is among them.</summary>
    private static async Task<List<string>> RequestLinesAsync(AppProcess app, string lastRoute)
    {
        var marker = $"\"RouteTemplate\":\"{lastRoute}\"";
        for (var i = 0; i < 100 && !app.Output.Contains(marker, StringComparison.Ordinal); i++)
        {
            await Task.Delay(100);
        }

        return app.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
    }

    private static string SupervisorId(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"Id\" FROM \"AspNetUsers\" WHERE \"NormalizedEmail\" = 'SUPERVISOR@DEMO.LOCAL'";
        return (string)command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS's temp cleaning.
        }
    }
}
