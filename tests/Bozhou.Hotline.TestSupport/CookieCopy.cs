using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Bozhou.Hotline.TestSupport;

/// <summary>
/// An attacker's copy of a browser's cookies: signed in through the real login form, the sign-in and antiforgery
/// cookies kept as one <c>Cookie</c> header that every request of <see cref="Client"/> sends unchanged, whatever
/// the app answers (a sign-out's deleting <c>Set-Cookie</c> included). Redirects are not followed.
/// </summary>
public sealed class CookieCopy : IDisposable
{
    private CookieCopy(HttpClient client) => Client = client;

    /// <summary>A client that sends the copied cookies on every request and keeps none the app sets.</summary>
    public HttpClient Client { get; }

    /// <summary>Signs in through the login form and keeps the cookies the browser then holds.</summary>
    public static async Task<CookieCopy> SignInAsync(HotlineFactory factory, string email, string password = WorkspaceTestData.Password)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var cookies = new Dictionary<string, string>(StringComparer.Ordinal);
        using var login = await client.GetAsync(new Uri("/account/login", UriKind.Relative));
        Keep(login, cookies);
        var page = await Html.ParseAsync(login);
        var form = page.QuerySelector<IHtmlFormElement>("#login-form")!;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(Html.Snapshot(form, "/account/login").Fields
                .Where(f => f.Key is not "Input.Email" and not "Input.Password")
                .Concat(Html.Fields(("Input.Email", email), ("Input.Password", password)))),
        };
        request.Headers.Add("Cookie", Header(cookies));
        using var signedIn = await client.SendAsync(request);
        Assert.True(signedIn.StatusCode == HttpStatusCode.Redirect, $"Signing in as {email} answered {(int)signedIn.StatusCode}.");
        Keep(signedIn, cookies);
        Assert.True(cookies.ContainsKey("hotline.auth"), "No sign-in cookie was set.");
        client.DefaultRequestHeaders.Add("Cookie", Header(cookies));
        return new CookieCopy(client);
    }

    /// <summary>Every POST form of a page as it is now (antiforgery token and one-time key included), to send later.</summary>
    public async Task<IReadOnlyList<(Uri Action, IReadOnlyList<KeyValuePair<string, string>> Fields)>> FormsOfAsync(string url)
    {
        var page = await Client.GetPageAsync(url);
        return [.. page.QuerySelectorAll<IHtmlFormElement>("form").Where(f => string.Equals(f.Method, "post", StringComparison.OrdinalIgnoreCase)).Select(f => Html.Snapshot(f, url))];
    }

    public void Dispose() => Client.Dispose();

    private static void Keep(HttpResponseMessage response, Dictionary<string, string> cookies)
    {
        if (!response.Headers.TryGetValues("Set-Cookie", out var values))
        {
            return;
        }

        foreach (var value in values)
        {
            var pair = value.Split(';')[0].Split('=', 2);
            cookies[pair[0]] = pair[1];
        }
    }

    private static string Header(Dictionary<string, string> cookies) => string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}"));
}
