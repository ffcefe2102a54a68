using Microsoft.AspNetCore.Diagnostics;

namespace Bozhou.Hotline.Web.Http;

/// <summary>
/// The route template a request matched (<c>/appeals/track/{code?}</c>), the only form of its address the log line and
/// the metrics carry: a path holds tracking codes, ids and sometimes phones, a template none of them, and there are few
/// templates. Captured once, right after routing, so that the error page a 404 or an exception is re-executed into
/// does not replace it; <see cref="None"/> for a request no endpoint matched (static files, unknown addresses).
/// </summary>
public static class RequestRoute
{
    /// <summary>The template of a request that matched no endpoint: a static file, or an address the site does not have.</summary>
    public const string None = "(none)";

    private static readonly object Key = new();

    /// <summary>The middleware, after <c>UseRouting</c>: keeps the matched endpoint's template on the request.</summary>
    public static Task CaptureAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var reExecuted = context.Features.Get<IStatusCodeReExecuteFeature>() is not null || context.Features.Get<IExceptionHandlerFeature>() is not null;
        if (!reExecuted && !context.Items.ContainsKey(Key) && context.GetEndpoint() is RouteEndpoint endpoint)
        {
            context.Items[Key] = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
        }

        return next(context);
    }

    /// <summary>The template captured for <paramref name="context"/>, or <see cref="None"/> when no route matched.</summary>
    public static string Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(Key, out var template) && template is string s ? s : None;
    }
}
