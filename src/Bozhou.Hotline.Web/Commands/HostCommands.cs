using Bozhou.Hotline.Core.Accounts;
using Bozhou.Hotline.Core.Appeals;
using Bozhou.Hotline.Core.Data;
using Bozhou.Hotline.Core.Directory;
using Bozhou.Hotline.Core.Setup;
using Bozhou.Hotline.Core.Supervision;
using Bozhou.Hotline.Web.Hosting;

namespace Bozhou.Hotline.Web.Commands;

/// <summary>Operator commands run as <c>dotnet run --project src/Bozhou.Hotline.Web -- COMMAND</c>.</summary>
public static class HostCommands
{
    private static readonly string[] Known = ["migrate", "setup", "rebuild-stats", "rebuild-trends", "create-user", "import-directory", "backup", "restore"];

    private const string OneTimePasswordLine = "One-time password (shown once; it must be changed at the first sign-in): ";

    /// <summary>Takes a leading command word off the arguments; the rest go to the host as configuration.</summary>
    public static string? Parse(string[] args, out string[] hostArgs)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length > 1 && args[0] == "import-directory" && !args[1].StartsWith('-'))
        {
            // The file is handed on as a configuration key, like create-user's options.
            hostArgs = [.. args[2..], $"--file={args[1]}"];
            return args[0];
        }

        if (args.Length > 0 && Known.Contains(args[0]))
        {
            hostArgs = args[1..];
            return args[0];
        }

        hostArgs = args;
        return null;
    }

    public static async Task<int> RunAsync(WebApplication app, string command)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        switch (command)
        {
            case "migrate" when app.Configuration["script"] is not null:
                return await DatabaseCommands.WriteMigrationScriptAsync(app, scope.ServiceProvider);
            case "backup":
                return await DatabaseCommands.BackupAsync(app, scope.ServiceProvider);
            case "restore":
                return await DatabaseCommands.RestoreAsync(app, scope.ServiceProvider);
            case "migrate":
                await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync();
                Console.WriteLine("Database is up to date.");
                return 0;
            case "rebuild-stats":
                // As the server would: an older database is brought to the current schema first.
                await app.PrepareDatabaseAsync();
                return await RebuildStatsAsync(scope.ServiceProvider, app.Configuration);
            case "rebuild-trends":
                await app.PrepareDatabaseAsync();
                return await RebuildTrendsAsync(scope.ServiceProvider);
            case "import-directory":
                return await ImportDirectoryAsync(app, scope.ServiceProvider);
            case "create-user":
                return await CreateUserAsync(app, scope.ServiceProvider);
            case "setup":
                return await SetupAsync(app, scope.ServiceProvider);
            default:
                await Console.Error.WriteLineAsync($"Unknown command '{command}'.");
                return 2;
        }
    }

    /// <summary>
    /// <c>create-user --email E --role Admin [--name 显示名]</c>: the first administrator of a fresh install. The
    /// options arrive as configuration keys (the command line provider reads <c>--email E</c> as <c>email</c>).
    /// </summary>
    private static async Task<int> CreateUserAsync(WebApplication app, IServiceProvider services)
    {
        var email = app.Configuration["email"];
        var role = app.Configuration["role"];
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(role))
        {
            await Console.Error.WriteLineAsync("Usage: create-user --email E --role Cadre|Staff|Supervisor|Admin [--name NAME]");
            return 2;
        }

        if (!Roles.All.Contains(role))
        {
            await Console.Error.WriteLineAsync($"Unknown role '{role}'. Roles: {string.Join(", ", Roles.All)}.");
            return 2;
        }

        await app.PrepareDatabaseAsync(demo: false);
        var (user, password, errors) = await services.GetRequiredService<AccountAdmin>().CreateAsync(email, app.Configuration["name"] ?? email, role);
        if (user is null)
        {
            await Console.Error.WriteLineAsync($"The account {email} was not created: {string.Join(" ", errors)}");
            return 1;
        }

        Console.WriteLine($"Created {role} account {user.Email}.");
        Console.WriteLine(OneTimePasswordLine + password);
        return 0;
    }

    /// <summary>
    /// <c>setup --email E [--name 显示名] [--jurisdictions FILE]</c>: a new installation's first run (<see cref="FirstRun"/>):
    /// the jurisdictions (Bozhou's five, or the file's), the default topics and the first administrator, each only when
    /// the database has none. Exits 2 on bad options or a bad file (nothing touched), 1 when the administrator could not
    /// be created, 0 otherwise, also when there was nothing left to do.
    /// </summary>
    private static async Task<int> SetupAsync(WebApplication app, IServiceProvider services)
    {
        var email = app.Configuration["email"];
        if (string.IsNullOrWhiteSpace(email))
        {
            await Console.Error.WriteLineAsync("Usage: setup --email ADMIN-EMAIL [--name NAME] [--jurisdictions FILE (CSV: code,name_zh,name_en)]");
            return 2;
        }

        var jurisdictions = CityDefaults.Jurisdictions;
        if (app.Configuration["jurisdictions"] is { } file)
        {
            if (!File.Exists(file))
            {
                await Console.Error.WriteLineAsync($"No such file: '{file}' (--jurisdictions: a UTF-8 CSV with the header code,name_zh,name_en).");
                return 2;
            }

            using var reader = new StreamReader(file);
            var (parsed, errors) = JurisdictionFile.Parse(reader);
            if (errors.Count > 0)
            {
                await Console.Error.WriteLineAsync($"The jurisdictions file {file} was refused; nothing was changed:");
                foreach (var error in errors)
                {
                    await Console.Error.WriteLineAsync("  " + error);
                }

                return 2;
            }

            jurisdictions = parsed;
        }

        await app.PrepareDatabaseAsync(demo: false);
        var result = await services.GetRequiredService<FirstRun>().RunAsync(jurisdictions, email, app.Configuration["name"] ?? email, CancellationToken.None);
        Console.WriteLine(result.JurisdictionsCreated.Count > 0
            ? $"Jurisdictions: created {result.JurisdictionsCreated.Count} ({string.Join(", ", result.JurisdictionsCreated)})."
            : $"Jurisdictions: {result.JurisdictionsFound} already there; none created (change them on /admin/jurisdictions).");
        Console.WriteLine(result.TopicsCreated > 0
            ? $"Topics: created {result.TopicsCreated}."
            : $"Topics: {result.TopicsFound} already there; none created (change them on /admin/topics).");
        if (result.Administrator is { } admin)
        {
            Console.WriteLine($"Administrator: created {admin.Email}.");
            Console.WriteLine(OneTimePasswordLine + result.OneTimePassword);
        }
        else if (result.ExistingAdministrators.Count > 0)
        {
            Console.WriteLine($"Administrator: {string.Join(", ", result.ExistingAdministrators)} already there; none created.");
        }
        else
        {
            await Console.Error.WriteLineAsync($"The administrator {email} was not created: {string.Join(" ", result.Errors)}");
            return 1;
        }

        Console.WriteLine(result.NothingCreated
            ? "Nothing to do: this database was set up before, and nothing was changed."
            : "Set up. Next: import the cadre list (import-directory FILE).");
        return 0;
    }

    /// <summary><c>import-directory FILE</c>: the upload page's import, printing the plan; nothing is written when a row is wrong.</summary>
    private static async Task<int> ImportDirectoryAsync(WebApplication app, IServiceProvider services)
    {
        var file = app.Configuration["file"];
        if (string.IsNullOrWhiteSpace(file) || !File.Exists(file))
        {
            await Console.Error.WriteLineAsync($"Usage: import-directory FILE [--end-missing N] (a CSV in UTF-8, UTF-16 or GB18030, or an .xlsx workbook). No such file: '{file}'.");
            return 2;
        }

        await app.PrepareDatabaseAsync(demo: false);
        var importer = services.GetRequiredService<DirectoryImporter>();
        var bytes = await File.ReadAllBytesAsync(file);
        var read = ImportFileReader.Read(bytes, file);
        if (!read.IsRead)
        {
            await Console.Error.WriteLineAsync($"Nothing was imported: {ImportFileReader.Describe(read.Refusal!.Value)} ({read.Detail}).");
            return 1;
        }

        Console.WriteLine($"File encoding: {ImportFileReader.Describe(read.Format)}");
        var plan = await importer.PlanAsync(read.Text!, CancellationToken.None);
        Console.WriteLine(DirectoryImporter.Describe(plan));
        if (!plan.IsValid)
        {
            await Console.Error.WriteLineAsync("Nothing was imported: correct the rows above and run the import again.");
            return 1;
        }

        // Ending the posts missing from the file is the separate step: all of them, confirmed by their number.
        var endMissing = app.Configuration["end-missing"];
        IReadOnlyCollection<Cadre> ending = [];
        if (endMissing is not null)
        {
            if (!int.TryParse(endMissing, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count != plan.Missing.Count)
            {
                await Console.Error.WriteLineAsync($"Nothing was imported: --end-missing must be the number of cadres not in the file ({plan.Missing.Count}).");
                return 2;
            }

            ending = plan.Missing;
        }

        DirectoryImportBatch batch;
        try
        {
            batch = await importer.ApplyAsync(plan, ending, ImportSource.Of(Path.GetFileName(file), bytes), CancellationToken.None);
        }
        catch (DirectoryChangedException)
        {
            await Console.Error.WriteLineAsync("Nothing was imported: the directory changed while the file was being checked (another import?). Run the command again.");
            return 1;
        }

        Console.WriteLine($"Imported as batch {batch.Id}: {batch.Added} added, {batch.Changed} changed, {batch.Ended} ended"
            + (plan.Missing.Count > 0 && ending.Count == 0 ? $"; {plan.Missing.Count} not in the file kept in post (end them with --end-missing {plan.Missing.Count})." : "."));
        return 0;
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

    /// <summary>How long the <c>rebuild-trends</c> command holds the rising terms' job: far above a rebuild's minutes.</summary>
    public static readonly TimeSpan RebuildTrendsLease = TimeSpan.FromHours(1);

    /// <summary>
    /// The <c>rebuild-trends</c> command: forgets the terms of every analysed appeal and analyses the appeals of the kept
    /// days again (after the stop words or the city's words changed with an upgrade). It holds the <c>trend-terms</c>
    /// job's lease while it runs, so that no instance's pass analyses the same appeals at the same time (which would fail
    /// one side on the primary key); while an instance's pass holds it, the command says so and returns 1.
    /// </summary>
    public static async Task<int> RebuildTrendsAsync(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var runs = services.GetRequiredService<Core.Operations.JobRuns>();
        var job = Core.Insight.TermIndexService.JobName;
        var (claimed, _) = await runs.TryClaimAsync(job, now, RebuildTrendsLease, (_, _) => true, CancellationToken.None);
        if (!claimed)
        {
            await Console.Error.WriteLineAsync($"A pass of the background job '{job}' is running; run rebuild-trends again when it has finished (within minutes).");
            return 1;
        }

        try
        {
            var analysed = await services.GetRequiredService<Core.Insight.TermIndex>().RebuildAsync(now);
            Console.WriteLine($"Analysed the descriptions of {analysed} appeal(s) for the trends.");
            return 0;
        }
        finally
        {
            await runs.ReleaseAsync(job, CancellationToken.None);
        }
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
