using Bozhou.Hotline.Web.Http;
using Serilog;
using Serilog.Formatting.Compact;

namespace Bozhou.Hotline.Web.Hosting;

public static class LoggingSetup
{
    /// <summary>The setting that chooses the console's format: <c>Text</c> (the default) or <c>Json</c>.</summary>
    public const string FormatKey = "Logging:Format";

    /// <summary>
    /// Serilog from the "Serilog" section of the configuration: console sink, levels per namespace. With
    /// <c>Logging:Format=Json</c> (<c>Logging__Format=Json</c> in the environment) the console sinks of
    /// <c>Serilog:WriteTo</c> give way to one JSON object per line on standard output (Serilog's compact format, with
    /// the rendered message in <c>@m</c>); other sinks and the levels stay as configured. No event carries the
    /// request's raw path (<see cref="RequestLogLine.WithoutRequestPath"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException"><c>Logging:Format</c> is neither <c>Text</c> nor <c>Json</c>.</exception>
    public static WebApplicationBuilder AddLogging(this WebApplicationBuilder builder)
    {
        var json = IsJson(builder.Configuration[FormatKey]);
        var settings = json ? WithoutConsoleSinks(builder.Configuration) : builder.Configuration;
        builder.Services.AddSerilog((services, logger) =>
        {
            logger
                .ReadFrom.Configuration(settings)
                .ReadFrom.Services(services)
                .Enrich.FromLogContext()
                .Enrich.With<RequestLogLine.WithoutRequestPath>();
            if (json)
            {
                logger.WriteTo.Console(new RenderedCompactJsonFormatter());
            }
        });
        return builder;
    }

    private static bool IsJson(string? format) => format?.Trim().ToUpperInvariant() switch
    {
        null or "" or "TEXT" => false,
        "JSON" => true,
        _ => throw new InvalidOperationException($"{FormatKey} is \"{format}\": it must be Text (the default) or Json (e.g. the environment variable Logging__Format=Json)."),
    };

    /// <summary>The "Serilog" section without its <c>WriteTo</c> entries named Console, which the JSON console replaces.</summary>
    private static IConfiguration WithoutConsoleSinks(IConfiguration configuration)
    {
        var consoles = configuration.GetSection("Serilog:WriteTo").GetChildren()
            .Where(sink => string.Equals(sink["Name"], "Console", StringComparison.OrdinalIgnoreCase))
            .Select(sink => sink.Path)
            .ToList();
        var kept = configuration.GetSection("Serilog").AsEnumerable()
            .Where(setting => !consoles.Any(path => setting.Key.Equals(path, StringComparison.OrdinalIgnoreCase)
                || setting.Key.StartsWith(path + ":", StringComparison.OrdinalIgnoreCase)));
        return new ConfigurationBuilder().AddInMemoryCollection(kept).Build();
    }
}
