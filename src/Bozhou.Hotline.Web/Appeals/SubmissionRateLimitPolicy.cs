using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Bozhou.Hotline.Web.Appeals;

/// <summary>
/// New appeals per client and hour (PRODUCT §7). Only posts count; reading the form does not. A
/// refused post answers 429 with Retry-After, and the status page explains it in the visitor's language.
/// </summary>
public sealed class SubmissionRateLimitPolicy(IOptions<AppealsOptions> options) : IRateLimiterPolicy<string>
{
    public const string Name = "appeal-submissions";

    private static readonly TimeSpan Window = TimeSpan.FromHours(1);

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = (context, _) =>
    {
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : Window;
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return ValueTask.CompletedTask;
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (!HttpMethods.IsPost(httpContext.Request.Method))
        {
            return RateLimitPartition.GetNoLimiter("");
        }

        var permits = options.Value.SubmissionsPerHour;
        return RateLimitPartition.GetFixedWindowLimiter(ClientKey.Of(httpContext), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = Window,
            QueueLimit = 0,
        });
    }
}
