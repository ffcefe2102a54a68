using Serilog;

namespace Bozhou.Hotline.Web.Hosting;

public static class LoggingSetup
{
    /// <summary>Serilog from the "Serilog" section of the configuration: console sink, levels per namespace.</summary>
    public static WebApplicationBuilder AddLogging(this WebApplicationBuilder builder)
    {
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext());
        return builder;
    }
}
