using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bozhou.Hotline.Web.Http;

/// <summary>
/// The body of <c>/healthz</c>: the overall status, then one line "check: description" per check that is not healthy
/// (plain text, UTF-8).
/// </summary>
public static class HealthResponse
{
    /// <summary>Writes <paramref name="report"/> as described above.</summary>
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var body = new StringBuilder(report.Status.ToString());
        foreach (var (name, entry) in report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy))
        {
            body.Append('\n').Append(name).Append(": ").Append(entry.Description ?? entry.Exception?.Message ?? entry.Status.ToString());
        }

        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(body.ToString());
    }
}
