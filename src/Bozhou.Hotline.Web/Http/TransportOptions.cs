namespace Bozhou.Hotline.Web.Http;

/// <summary>How the app is reached: over HTTPS (through a proxy or not), or, for an intranet trial, plain HTTP.</summary>
public sealed class TransportOptions
{
    /// <summary>The configuration section: <c>Http:AllowPlainHttp</c>.</summary>
    public const string Section = "Http";

    /// <summary>
    /// In Production every cookie is <c>Secure</c> (sent back over HTTPS only) unless this is set, for a trial on an
    /// intranet without TLS. Elsewhere a cookie is <c>Secure</c> when its request came over HTTPS.
    /// </summary>
    public bool AllowPlainHttp { get; set; }

    /// <summary>
    /// <see cref="CookieSecurePolicy.Always"/> in Production unless <see cref="AllowPlainHttp"/>;
    /// <see cref="CookieSecurePolicy.SameAsRequest"/> otherwise (the scheme after forwarding).
    /// </summary>
    public CookieSecurePolicy CookieSecurePolicy(IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment.IsProduction() && !AllowPlainHttp ? Microsoft.AspNetCore.Http.CookieSecurePolicy.Always : Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
    }
}
