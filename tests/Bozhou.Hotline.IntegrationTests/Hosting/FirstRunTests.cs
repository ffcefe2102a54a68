using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using Bozhou.Hotline.Core.Appeals;
using Bozhou.Hotline.Core.Calendar;
using Bozhou.Hotline.Core.Demo;
using Bozhou.Hotline.IntegrationTests.Appeals;
using Bozhou.Hotline.TestSupport;
using CsvHelper;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Bozhou.Hotline.IntegrationTests.Hosting;

/// <summary>
/// A city's first run (PRODUCT §8a) as its IT office does it: the built app in Production on a new SQLite file,
/// <c>setup</c>, then <c>import-directory</c> of the published list, then the public form.
/// </summary>
public sealed partial class FirstRunTests : IDisposable
{
    private const string AdminEmail = "admin@bozhou.gov.cn";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "bozhou-hotline-tests", "first-run-" + Guid.NewGuid().ToString("N"));

    public FirstRunTests() => Directory.CreateDirectory(_folder);

    private string Database => Path.Combine(_folder, "hotline.db");

    [Fact]
    public async Task A_new_production_database_set_up_and_given_the_81_cadre_list_takes_a_citizens_appeal_through_the_public_form()
    {
        var (setUp, setupOutput) = await RunAsync("setup", "--email", AdminEmail, "--name", "系统管理员");
        Assert.True(setUp == 0, setupOutput);
        Assert.Contains("Jurisdictions: created 5 (市直, 谯城区, 涡阳县, 蒙城县, 利辛县).", setupOutput, StringComparison.Ordinal);

        var list = Path.Combine(_folder, "cadres.csv");
        await WriteDemoDirectoryAsync(list);
        var (imported, importOutput) = await RunAsync("import-directory", list);
        Assert.True(imported == 0, importOutput);
        Assert.Contains("81 to add, 0 to change, 0 to end, 0 not in the file, 0 errors.", importOutput, StringComparison.Ordinal);

        var settings = Settings();
        // No TLS in the test: the cookies (antiforgery, the appeal's access) must come back over plain HTTP.
        settings["Http__AllowPlainHttp"] = "true";
        var port = NginxProxy.FreePort();
        using var app = AppProcess.Start(settings, null, "--urls", $"http://127.0.0.1:{port}");
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        Assert.True(await app.WaitUntilLiveAsync(client), "/healthz/live did not answer:\n" + app.Output);

        var form = await client.OpenFormAsync();
        var cadres = form.QuerySelectorAll("#cadre option").OfType<IHtmlOptionElement>().Where(o => o.Value.Length > 0).ToList();
        var topics = form.QuerySelectorAll("#topic option").OfType<IHtmlOptionElement>().Where(o => o.Value.Length > 0).ToList();
        Assert.Equal(81, cadres.Count);
        Assert.Equal(17, topics.Count);
        using var submitted = await client.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.CadreId"] = cadres[2].Value,
            ["Input.CalledAt"] = ChinaTime.ToChina(DateTimeOffset.UtcNow.AddMinutes(-10)).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
            ["Input.Outcome"] = nameof(CallOutcome.NotAnswered),
            ["Input.CallerType"] = nameof(CallerType.Individual),
            ["Input.Name"] = "陈静",
            ["Input.Phone"] = AppealsKit.Phone,
            ["Input.TopicId"] = topics[0].Value,
            ["Input.Description"] = "谯城区汤陵路公交站台顶棚破损，雨天候车的市民无处避雨。",
            ["Input.ConsentToContact"] = "true",
        });

        Assert.True(submitted.StatusCode == HttpStatusCode.Redirect, $"The appeal form answered {(int)submitted.StatusCode}:\n" + app.Output);
        var receipt = submitted.Headers.Location!.OriginalString;
        Assert.StartsWith("/appeals/receipt/", receipt, StringComparison.Ordinal);
        var page = await client.GetPageAsync(receipt);
        // The receipt shows the code grouped for reading aloud (F1NSM-ZE5S1).
        Assert.Equal(TrackingCodeCheck.Valid, TrackingCode.TryParse(page.QuerySelector("#tracking-code")!.TextContent, out var code));
        Assert.Equal(receipt["/appeals/receipt/".Length..], code);
    }

    [Fact]
    public async Task Setup_run_a_second_time_creates_nothing_says_so_and_exits_0()
    {
        var (first, firstOutput) = await RunAsync("setup", "--email", AdminEmail);
        Assert.True(first == 0, firstOutput);
        var afterFirst = CountRows();
        Assert.Equal(5, afterFirst["Jurisdictions"]);
        Assert.Equal(17, afterFirst["Topics"]);
        Assert.Equal(1, afterFirst["AspNetUsers"]);

        var (second, secondOutput) = await RunAsync("setup", "--email", AdminEmail);

        Assert.True(second == 0, secondOutput);
        Assert.Equal(afterFirst, CountRows());
        Assert.Contains("Jurisdictions: 5 already there; none created", secondOutput, StringComparison.Ordinal);
        Assert.Contains($"Administrator: {AdminEmail} already there; none created.", secondOutput, StringComparison.Ordinal);
        Assert.Contains("Nothing to do", secondOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("One-time password", secondOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Setup_creates_a_new_administrator_when_the_only_one_there_is_disabled()
    {
        var (first, firstOutput) = await RunAsync("setup", "--email", AdminEmail);
        Assert.True(first == 0, firstOutput);
        // The administrator leaves and is disabled (as /admin/accounts does): no one can sign in to administer the city.
        using (var connection = new SqliteConnection($"Data Source={Database};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE AspNetUsers SET DisabledAt = $at";
            command.Parameters.AddWithValue("$at", new Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter()
                .ConvertToProvider(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero)));
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        var (second, secondOutput) = await RunAsync("setup", "--email", "it-office@bozhou.gov.cn");

        Assert.True(second == 0, secondOutput);
        Assert.Contains("Administrator: created it-office@bozhou.gov.cn.", secondOutput, StringComparison.Ordinal);
        Assert.Contains("One-time password", secondOutput, StringComparison.Ordinal);
        Assert.Equal(["it-office@bozhou.gov.cn"], Query("SELECT u.Email FROM AspNetUsers u JOIN AspNetUserRoles ur ON ur.UserId = u.Id JOIN AspNetRoles r ON r.Id = ur.RoleId WHERE r.Name = 'Admin' AND u.DisabledAt IS NULL"));
    }

    [Fact]
    public async Task Setup_on_postgres_creates_the_city_once_and_a_second_run_nothing()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var settings = AppProcess.ProductionSettings();
        settings["Database__Provider"] = "Postgres";
        settings["ConnectionStrings__Hotline"] = database.ConnectionString;

        var first = await AppProcess.RunAsync(settings, null, null, "setup", "--email", AdminEmail);
        Assert.True(first.ExitCode == 0, first.Output);
        var afterFirst = await CountAsync(database.ConnectionString);
        var second = await AppProcess.RunAsync(settings, null, null, "setup", "--email", AdminEmail);

        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Equal((5L, 17L, 1L), afterFirst);
        Assert.Equal(afterFirst, await CountAsync(database.ConnectionString));
        Assert.Contains("Nothing to do", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Setup_under_the_development_settings_creates_the_city_without_the_demo_data_first()
    {
        // As `dotnet run -- setup` does: the Development settings turn the demo data on for the server.
        var settings = Settings();
        settings["ASPNETCORE_ENVIRONMENT"] = "Development";
        settings["Seed__Demo"] = "true";

        var (exitCode, output) = await AppProcess.RunAsync(settings, null, null, "setup", "--email", AdminEmail);

        Assert.True(exitCode == 0, output);
        Assert.Contains("Jurisdictions: created 5 (市直, 谯城区, 涡阳县, 蒙城县, 利辛县).", output, StringComparison.Ordinal);
        Assert.Contains($"Administrator: created {AdminEmail}.", output, StringComparison.Ordinal);
        var rows = CountRows();
        Assert.Equal(0, rows["Cadres"]);
        Assert.Equal(0, rows["Appeals"]);
        Assert.Equal(1, rows["AspNetUsers"]);
    }

    [Fact]
    public async Task Two_setups_at_once_on_postgres_create_the_city_and_one_administrator_once()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var factory = new HotlineFactory();
        factory.UsePostgres(database.ConnectionString);
        _ = factory.Services; // started: the database is migrated, with no jurisdiction, topic or account in it
        Assert.Equal((0L, 0L, 0L), await CountAsync(database.ConnectionString));

        async Task<Bozhou.Hotline.Core.Setup.FirstRunResult> SetupAsync(string email)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<Bozhou.Hotline.Core.Setup.FirstRun>()
                .RunAsync(Bozhou.Hotline.Core.Setup.CityDefaults.Jurisdictions, email, email, CancellationToken.None);
        }

        var results = await Task.WhenAll(SetupAsync(AdminEmail), SetupAsync("it-office@bozhou.gov.cn"));

        Assert.Equal((5L, 17L, 1L), await CountAsync(database.ConnectionString));
        Assert.Single(results, r => r.JurisdictionsCreated.Count == 5);
        Assert.Single(results, r => r.JurisdictionsCreated.Count == 0 && r.JurisdictionsFound == 5);
        var created = Assert.Single(results, r => r.Administrator is not null);
        Assert.Equal([created.Administrator!.Email!], Assert.Single(results, r => r.Administrator is null).ExistingAdministrators);
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var locks = new NpgsqlCommand("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())", connection);
        Assert.Equal(0L, await locks.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Setup_prints_a_one_time_password_that_signs_in_to_the_forced_password_change()
    {
        using var factory = new HotlineFactory().WithEmptyDatabase();
        var settings = AppProcess.ProductionSettings();
        settings["ConnectionStrings__Hotline"] = $"Data Source={factory.SqlitePath}";

        var (exitCode, output) = await AppProcess.RunAsync(settings, null, null, "setup", "--email", AdminEmail);

        Assert.True(exitCode == 0, output);
        var password = PasswordLine().Match(output).Groups[1].Value;
        Assert.Equal(16, password.Length);
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var signIn = await WorkspaceTestData.SubmitLoginAsync(client, AdminEmail, password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.StartsWith("/account/change-password", signIn.Headers.Location!.OriginalString, StringComparison.Ordinal);
        using var admin = await client.GetAsync(new Uri("/admin", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.StartsWith("/account/change-password", admin.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Setup_with_a_jurisdictions_file_creates_that_citys_jurisdictions_and_a_bad_file_is_refused_before_any_database_exists()
    {
        var bad = Path.Combine(_folder, "bad.csv");
        await File.WriteAllTextAsync(bad, "code,name_zh,name_en\nfuyang,阜阳市直,City of Fuyang\n1st,颍州区,\nfuyang,颍东区,\n", TestContext.Current.CancellationToken);
        var (refused, refusedOutput) = await RunAsync("setup", "--email", AdminEmail, "--jurisdictions", bad);
        Assert.Equal(2, refused);
        Assert.Contains("row 2: code '1st'", refusedOutput, StringComparison.Ordinal);
        Assert.Contains("row 3: code 'fuyang' is given twice", refusedOutput, StringComparison.Ordinal);
        Assert.False(File.Exists(Database));

        var good = Path.Combine(_folder, "good.csv");
        await File.WriteAllTextAsync(good, "code,name_zh,name_en\nFuyang,阜阳市直,City of Fuyang\nyingzhou,颍州区,Yingzhou District\n", new UTF8Encoding(true), TestContext.Current.CancellationToken);
        var (exitCode, output) = await RunAsync("setup", "--email", AdminEmail, "--jurisdictions", good);

        Assert.True(exitCode == 0, output);
        Assert.Contains("Jurisdictions: created 2 (阜阳市直, 颍州区).", output, StringComparison.Ordinal);
        Assert.Equal(["fuyang:阜阳市直:1", "yingzhou:颍州区:2"], Query("SELECT Code || ':' || NameZh || ':' || \"Order\" FROM Jurisdictions ORDER BY \"Order\""));
    }

    /// <summary>The demonstration directory's 81 cadres as the published list would give them, in the import's columns.</summary>
    private static async Task WriteDemoDirectoryAsync(string path)
    {
        await using var stream = File.Create(path);
        await using var csv = CsvWriter.Create(stream, new CsvWriterOptions { WriteByteOrderMark = true });
        csv.WriteRecord(Bozhou.Hotline.Core.Directory.DirectoryImport.Columns);
        foreach (var cadre in DemoDirectory.Build().Cadres)
        {
            csv.WriteRecord([
                cadre.Department.Jurisdiction.NameZh, cadre.Department.NameZh, cadre.Name, cadre.Position, cadre.Duties,
                cadre.Mobile, cadre.OfficePhone ?? "", cadre.ProtocolOrder.ToString(CultureInfo.InvariantCulture)]);
        }
    }

    private Dictionary<string, string?> Settings()
    {
        var settings = AppProcess.ProductionSettings();
        settings["ConnectionStrings__Hotline"] = $"Data Source={Database}";
        return settings;
    }

    private Task<(int ExitCode, string Output)> RunAsync(params string[] args) => AppProcess.RunAsync(Settings(), null, null, args);

    /// <summary>The number of rows of every table of the database.</summary>
    private Dictionary<string, long> CountRows()
    {
        var tables = Query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
        return tables.ToDictionary(t => t, t => long.Parse(Query($"SELECT COUNT(*) FROM \"{t}\"").Single(), CultureInfo.InvariantCulture));
    }

    private List<string> Query(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!);
        }

        return values;
    }

    private static async Task<(long Jurisdictions, long Topics, long Users)> CountAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT (SELECT COUNT(*) FROM \"Jurisdictions\"), (SELECT COUNT(*) FROM \"Topics\"), (SELECT COUNT(*) FROM \"AspNetUsers\")", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    [GeneratedRegex(@"One-time password \(shown once; it must be changed at the first sign-in\): (\S+)")]
    private static partial Regex PasswordLine();

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
