using System.Diagnostics;
using System.Globalization;
using Bozhou.Hotline.Core.Operations;

namespace Bozhou.Hotline.Web.Http;

/// <summary>
/// Counts each request and its duration in <see cref="HotlineMetrics.HttpRequests"/> and
/// <see cref="HotlineMetrics.HttpRequestDuration"/>, by method (the standard ones, any other as <c>OTHER</c>, so that a
/// client cannot make series at will), route template (<see cref="RequestRoute"/>) and final status code. Placed beside
/// the request log line, outside the error pages' re-execution, so a request counts once.
/// </summary>
public sealed class RequestMetrics(RequestDelegate next, HotlineMetrics metrics)
{
    private static readonly HashSet<string> Methods = new(StringComparer.Ordinal)
    {
        HttpMethods.Get, HttpMethods.Head, HttpMethods.Post, HttpMethods.Put, HttpMethods.Delete, HttpMethods.Patch, HttpMethods.Options,
    };

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var started = Stopwatch.GetTimestamp();
        var status = StatusCodes.Status500InternalServerError;
        try
        {
            await next(context);
            status = context.Response.StatusCode;
        }
        finally
        {
            var method = Methods.Contains(context.Request.Method) ? context.Request.Method : "OTHER";
            string[] labels = [method, RequestRoute.Of(context), status.ToString(CultureInfo.InvariantCulture)];
            metrics.HttpRequests.WithLabels(labels).Inc();
            metrics.HttpRequestDuration.WithLabels(labels).Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }
}

/// <summary>
/// Answers 404 to a request for an endpoint marked <see cref="MetricsNetworksOnly"/> (<c>/metrics</c>) from a client
/// outside <see cref="MetricsOptions.AllowedNetworks"/>; placed after routing, so the endpoint is known.
/// </summary>
public sealed class MetricsAccess(RequestDelegate next, Microsoft.Extensions.Options.IOptions<MetricsOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.GetEndpoint()?.Metadata.GetMetadata<MetricsNetworksOnly>() is not null
            && !options.Value.Allows(context.Connection.RemoteIpAddress))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        return next(context);
    }
}

/// <summary>Endpoint metadata: only clients in <see cref="MetricsOptions.AllowedNetworks"/> reach this endpoint.</summary>
public sealed class MetricsNetworksOnly;
