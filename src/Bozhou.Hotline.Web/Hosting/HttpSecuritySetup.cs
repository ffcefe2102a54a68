using Microsoft.AspNetCore.HttpOverrides;

namespace Bozhou.Hotline.Web.Hosting;

public static class HttpSecuritySetup
{
    /// <summary>
    /// The client address and scheme taken from trusted proxies only (<see cref="ProxyOptions"/>), cookies
    /// <c>Secure</c> over HTTPS and always in Production (<see cref="TransportOptions"/>).
    /// </summary>
    public static WebApplicationBuilder AddHttpSecurity(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ProxyOptions>()
            .Bind(builder.Configuration.GetSection(ProxyOptions.Section))
            .Validate(o => o.IsValid,
                "Proxy: every Proxy:KnownProxies entry must be an IP address (10.0.0.5), every Proxy:KnownNetworks entry a network (10.0.0.0/24), Proxy:ForwardLimit at least 1.")
            .ValidateOnStart();
        builder.Services.AddOptions<TransportOptions>().Bind(builder.Configuration.GetSection(TransportOptions.Section));

        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<Microsoft.Extensions.Options.IOptions<ProxyOptions>>((forwarded, proxy) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.ForwardLimit = proxy.Value.ForwardLimit;
            var addresses = proxy.Value.ProxyAddresses().ToList();
            var networks = proxy.Value.ProxyNetworks().ToList();
            if (addresses.Count > 0 || networks.Count > 0)
            {
                // The configured proxies replace the loopback defaults (127.0.0.0/8 and ::1).
                forwarded.KnownProxies.Clear();
                forwarded.KnownIPNetworks.Clear();
                addresses.ForEach(forwarded.KnownProxies.Add);
                networks.ForEach(forwarded.KnownIPNetworks.Add);
            }
        });

        var policy = CookieSecurity(builder);
        builder.Services.Configure<CookiePolicyOptions>(o => o.Secure = policy);
        return builder;
    }

    /// <summary>
    /// Whether cookies are <c>Secure</c>: always in Production unless <c>Http:AllowPlainHttp</c>, otherwise when the
    /// request (after forwarding) came over HTTPS.
    /// </summary>
    public static CookieSecurePolicy CookieSecurity(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var transport = builder.Configuration.GetSection(TransportOptions.Section).Get<TransportOptions>() ?? new TransportOptions();
        return transport.CookieSecurePolicy(builder.Environment);
    }

    /// <summary>
    /// First in the pipeline: the client's address and scheme from a trusted proxy (so that HSTS, the rate limits
    /// and the cookies see them), the security headers on every response, and the cookie policy over every cookie
    /// (sign-in, antiforgery, TempData, appeal access, culture).
    /// </summary>
    public static WebApplication UseHttpSecurity(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseForwardedHeaders();
        app.UseMiddleware<SecurityHeaders>();
        app.UseCookiePolicy();
        return app;
    }
}
