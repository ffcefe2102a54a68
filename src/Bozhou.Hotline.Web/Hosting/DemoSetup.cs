using Bozhou.Hotline.Core.Demo;

namespace Bozhou.Hotline.Web.Hosting;

public static class DemoSetup
{
    /// <summary>
    /// The demonstration data (<c>Core/Demo</c>): the directory, one account per role and a few appeals, written
    /// after migration when <c>Seed:Demo</c> is on (appsettings.Development.json turns it on). Production with the
    /// demo on and no <c>Seed:DemoPassword</c> refuses to start; the layout's banner reads the same options.
    /// </summary>
    public static WebApplicationBuilder AddDemoData(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SeedOptions>()
            .Bind(builder.Configuration.GetSection(SeedOptions.Section))
            .Validate(o => !o.Demo || !string.IsNullOrEmpty(o.DemoPassword) || !builder.Environment.IsProduction(),
                "Seed:Demo is on but Seed:DemoPassword is empty. In Production the demo accounts need a password: set Seed__DemoPassword (at least 12 characters), or turn Seed__Demo off.")
            .ValidateOnStart();
        builder.Services.AddScoped<DemoAppeals>();
        builder.Services.AddScoped<IDemoSeed, DirectoryDemoSeed>();
        builder.Services.AddScoped<IDemoSeed, DemoAccountsSeed>();
        return builder;
    }
}
