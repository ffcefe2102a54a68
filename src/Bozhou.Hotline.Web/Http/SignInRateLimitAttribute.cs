using System.Globalization;
using Bozhou.Hotline.Core.Accounts;
using Bozhou.Hotline.Core.Limits;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;

namespace Bozhou.Hotline.Web.Http;

/// <summary>
/// The login form's rate limit (PRODUCT §7): at most <see cref="AccountOptions.SignInAttemptsPerMinute"/> POSTs per
/// client (its address or IPv6 /64, <see cref="ClientKey"/>) within any minute; showing the form is free. A refused
/// POST answers 429 with <c>Retry-After</c> in whole seconds, before the password is looked at. Counted by
/// <see cref="IClientLimits"/>: on PostgreSQL every instance counts the same POSTs.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class SignInRateLimitAttribute : Attribute, IAsyncPageFilter
{
    /// <summary>The window the limit counts in.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (HttpMethods.IsPost(http.Request.Method))
        {
            var services = http.RequestServices;
            var perMinute = services.GetRequiredService<IOptions<AccountOptions>>().Value.SignInAttemptsPerMinute;
            var wait = await services.GetRequiredService<IClientLimits>()
                .TryTakeAsync("sign-in:" + ClientKey.Of(http), perMinute, Window, http.RequestAborted);
            if (wait is { } retryAfter)
            {
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                context.Result = new StatusCodeResult(StatusCodes.Status429TooManyRequests);
                return;
            }
        }

        await next();
    }
}
