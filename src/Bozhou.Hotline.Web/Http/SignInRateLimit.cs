using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Bozhou.Hotline.Web.Http;

/// <summary>
/// The login form's rate limit (PRODUCT §7): POSTs per client address and minute, in a fixed window; showing the
/// form is free. A refused POST answers 429 with <c>Retry-After</c> in whole seconds.
/// </summary>
public static class SignInRateLimit
{
    /// <summary>The policy's name, named by the login page's <c>[EnableRateLimiting]</c>.</summary>
    public const string Policy = "sign-in";

    /// <summary>Adds the policy allowing <paramref name="postsPerMinute"/> (at least 1) sign-in POSTs per client and minute.</summary>
    public static void Configure(RateLimiterOptions options, int postsPerMinute)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.OnRejected = (context, _) =>
        {
            if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            {
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            }

            return ValueTask.CompletedTask;
        };
        options.AddPolicy(Policy, http => HttpMethods.IsPost(http.Request.Method)
            ? RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = postsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
            : RateLimitPartition.GetNoLimiter("view"));
    }
}
