namespace Bozhou.Hotline.Web.Hosting;

public static class DatabaseSetup
{
    /// <summary>
    /// The database on <c>Database:Provider</c> and <c>ConnectionStrings:Hotline</c>
    /// (<see cref="HotlineDataServices.AddHotlineDatabase"/>, shared with the bench seeder); a relative SQLite file
    /// lives under the content root, and is refused in Production.
    /// </summary>
    public static WebApplicationBuilder AddDatabase(this WebApplicationBuilder builder)
    {
        builder.Services.AddHotlineDatabase(builder.Configuration, builder.Environment);
        if (HotlineDataServices.SqliteFile(builder.Configuration, builder.Environment) is { } file)
        {
            // The server marks the file as in use while it runs (commands do not start it); restore refuses then.
            builder.Services.AddHostedService(_ => new SqliteAppLock(file));
        }

        // An administrator's changes are audited as stored (AuditInterceptor, after DisplayTextInterceptor's
        // cleaning, which AddHotlineDatabase adds first), in the name of whoever acts in the request.
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<IAuditActor, HttpAuditActor>();
        builder.Services.AddSingleton<AuditInterceptor>();
        builder.Services.ConfigureDbContext<HotlineDbContext>(
            (services, o) => o.AddInterceptors(services.GetRequiredService<AuditInterceptor>()), ServiceLifetime.Singleton);
        return builder;
    }

    /// <summary>
    /// At start-up: migrate when <c>Database:MigrateOnStartup</c> is true (the default). <paramref name="demo"/> false
    /// leaves out the demo data even when <c>Seed:Demo</c> is on: the commands that set up a real city (<c>setup</c>,
    /// <c>create-user</c>, <c>import-directory</c>) never fill its database with the demo's city first.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app, bool demo = true)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (!options.MigrateOnStartup)
        {
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(demo);
    }
}
