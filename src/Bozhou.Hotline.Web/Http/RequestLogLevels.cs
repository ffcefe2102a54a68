using Serilog.Events;

namespace Bozhou.Hotline.Web.Http;

/// <summary>The level each request's log line is written at (Serilog's request logging).</summary>
public static class RequestLogLevels
{
    /// <summary>
    /// The level of a request's log line: Error for a failure of ours (an exception, a 5xx), Information otherwise,
    /// including a request the client gave up on (browser closed, connection dropped while a submission waited
    /// to be written), which is not a server error and which the exception handler answers with 499 (the same test
    /// as ASP.NET Core's: a cancellation or an I/O error once the request is aborted).
    /// </summary>
    public static LogEventLevel Of(HttpContext context, double elapsedMilliseconds, Exception? exception)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (exception is OperationCanceledException or IOException && context.RequestAborted.IsCancellationRequested)
        {
            return LogEventLevel.Information;
        }

        return exception is not null || context.Response.StatusCode >= 500 ? LogEventLevel.Error : LogEventLevel.Information;
    }
}
