using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bozhou.Hotline.TestSupport;

/// <summary>
/// Signs a test request in from a header (or, for a browser, a cookie) of the form
/// <c>id|name|Role1,Role2</c>, as the ASP.NET Core integration-test docs do. No header: anonymous, and
/// a challenge answers 401. At merge the real Identity cookie scheme takes over in the app; tests keep this.
/// </summary>
public sealed class TestAuthHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Test";
    public const string Header = "X-Test-User";
    public const string Cookie = "test-user";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var value = Request.Headers[Header].FirstOrDefault();
        if (string.IsNullOrEmpty(value) && Request.Cookies.TryGetValue(Cookie, out var cookie))
        {
            value = cookie;
        }

        // Escaped, so that a Chinese name travels in an ASCII header or cookie.
        value = string.IsNullOrEmpty(value) ? value : Uri.UnescapeDataString(value);

        if (string.IsNullOrEmpty(value))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var parts = value.Split('|');
        if (parts.Length != 3)
        {
            return Task.FromResult(AuthenticateResult.Fail("X-Test-User is id|name|roles."));
        }

        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, parts[0]), new(ClaimTypes.Name, parts[1]) };
        claims.AddRange(parts[2].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r => new Claim(ClaimTypes.Role, r)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    /// <summary>The header or cookie value for a user.</summary>
    public static string Value(string id, string name, params string[] roles) => $"{id}|{name}|{string.Join(',', roles)}";
}

/// <summary>The app with <see cref="TestAuthHandler"/> as its default authenticate and challenge scheme.</summary>
public class AuthenticatedHotlineFactory : HotlineFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.AddAuthentication(o =>
                {
                    o.DefaultScheme = TestAuthHandler.SchemeName;
                    o.DefaultAuthenticateScheme = TestAuthHandler.SchemeName;
                    o.DefaultChallengeScheme = TestAuthHandler.SchemeName;
                    o.DefaultForbidScheme = TestAuthHandler.SchemeName;
                    o.DefaultSignInScheme = TestAuthHandler.SchemeName;
                })
                .AddScheme<AuthenticationSchemeOptions, TestAuthHandler>(TestAuthHandler.SchemeName, _ => { });
        });
    }

    /// <summary>A client signed in as a user with the given roles (none: anonymous).</summary>
    public HttpClient CreateClientAs(string name, params string[] roles) => CreateClientAs(name, followRedirects: true, roles);

    public HttpClient CreateClientAs(string name, bool followRedirects, params string[] roles)
    {
        var client = CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = followRedirects });
        if (roles.Length > 0)
        {
            client.DefaultRequestHeaders.Add(TestAuthHandler.Header, Uri.EscapeDataString(TestAuthHandler.Value("user-" + name, name, roles)));
        }

        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        return client;
    }
}
