using System.Security.Claims;
using Serilog.AspNetCore;
using Serilog.Core;
using Serilog.Events;

namespace Bozhou.Hotline.Web.Http;

/// <summary>
/// The one log line of each request (Serilog's request logging): method, route template (<see cref="RequestRoute"/>,
/// never the path or query), status code, elapsed milliseconds, the signed-in user's id (empty when anonymous) and the
/// client's address (after a trusted proxy's <c>X-Forwarded-For</c>), at the level <see cref="RequestLogLevels"/> gives.
/// </summary>
public static class RequestLogLine
{
    /// <summary>The message: <c>HTTP GET /appeals/track/{code?} responded 200 in 12.3456 ms</c>.</summary>
    public const string MessageTemplate = "HTTP {RequestMethod:l} {RouteTemplate:l} responded {StatusCode} in {Elapsed:0.0000} ms";

    /// <summary>Sets Serilog's request logging to write the line described above.</summary>
    public static void Configure(RequestLoggingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.MessageTemplate = MessageTemplate;
        options.GetLevel = RequestLogLevels.Of;
        options.IncludeQueryInRequestPath = false;
        // Serilog's default properties carry RequestPath, the raw path: these replace them.
        options.GetMessageTemplateProperties = (context, _, elapsed, status) =>
        [
            new LogEventProperty("RequestMethod", new ScalarValue(context.Request.Method)),
            new LogEventProperty("RouteTemplate", new ScalarValue(RequestRoute.Of(context))),
            new LogEventProperty("StatusCode", new ScalarValue(status)),
            new LogEventProperty("Elapsed", new ScalarValue(elapsed)),
        ];
        options.EnrichDiagnosticContext = (diagnostics, context) =>
        {
            diagnostics.Set("UserId", context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "");
            diagnostics.Set("ClientAddress", context.Connection.RemoteIpAddress?.ToString() ?? "");
        };
    }

    /// <summary>
    /// Drops the <c>RequestPath</c> that ASP.NET Core's request scope puts on every event logged during a request: the
    /// raw path, with whatever tracking code or phone it holds, would otherwise reach the JSON log.
    /// </summary>
    public sealed class WithoutRequestPath : ILogEventEnricher
    {
        /// <inheritdoc />
        public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
        {
            ArgumentNullException.ThrowIfNull(logEvent);
            logEvent.RemovePropertyIfPresent("RequestPath");
        }
    }
}
