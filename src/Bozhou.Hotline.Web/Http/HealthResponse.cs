using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Bozhou.Hotline.Web.Http;

/// <summary>
/// The body of <c>/healthz</c> (<c>application/json</c>): the overall status, the time all checks took, and each check
/// with its name, status, description, duration and data, in the order they are registered:
/// <code>{"status":"Healthy","durationMs":4.2,"checks":[{"name":"database","status":"Healthy","description":"…","durationMs":1.3,"data":{}}]}</code>
/// The status is <c>Healthy</c>, <c>Degraded</c> or <c>Unhealthy</c>; a check that threw has its exception's message
/// as its description. The checks' details (names, descriptions, data: where the database is, how the write gate and
/// the jobs stand) go only to clients in <see cref="MetricsOptions.AllowedNetworks"/> (loopback by default), the same
/// networks as <c>/metrics</c>, and to a client with no network address (the in-process host, a Unix socket), which
/// is local; any other client gets the status alone, <code>{"status":"Healthy"}</code>, with the same HTTP status code,
/// which is all a load balancer needs.
/// </summary>
public static class HealthResponse
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Writes <paramref name="report"/> as described above.</summary>
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        context.Response.ContentType = "application/json; charset=utf-8";
        var client = context.Connection.RemoteIpAddress;
        if (client is not null && !context.RequestServices.GetRequiredService<IOptions<MetricsOptions>>().Value.Allows(client))
        {
            return context.Response.WriteAsync(JsonSerializer.Serialize(new { status = report.Status.ToString() }, Json));
        }

        var body = new
        {
            status = report.Status.ToString(),
            durationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            checks = report.Entries.Select(e => new
            {
                name = e.Key,
                status = e.Value.Status.ToString(),
                description = e.Value.Description ?? e.Value.Exception?.Message ?? e.Value.Status.ToString(),
                durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
                data = e.Value.Data,
            }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Json));
    }
}
