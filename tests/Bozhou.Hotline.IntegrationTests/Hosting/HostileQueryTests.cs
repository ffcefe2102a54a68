using System.ComponentModel;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Bozhou.Hotline.IntegrationTests.Hosting;

/// <summary>
/// One app, with a small directory, accounts and appeals, for every hostile address: every GET endpoint is found
/// from the app's endpoint data source, its query parameters from its handlers, so that a page or parameter
/// added later is covered without touching this file.
/// </summary>
public sealed class HostileQueryFixture : IAsyncLifetime
{
    public AuthenticatedHotlineFactory Factory { get; } = new();

    public WorkspaceTestData Data { get; private set; } = null!;

    /// <summary>A sample value per route parameter, keyed by the route as written and the parameter's name.</summary>
    public Dictionary<(string Route, string Parameter), string> RouteSamples { get; } = [];

    /// <summary>
    /// A sample query string ("?a=1&amp;b=2") per route whose page needs one to answer at all (a rising term's appeals need
    /// the term, the scope and the dates), added to the route's sample address by both sweeps.
    /// </summary>
    public Dictionary<string, string> QuerySamples { get; } = new(StringComparer.Ordinal);

    /// <summary>The ids of the accounts the clients stand for.</summary>
    public Dictionary<string, string> UserIds { get; } = new(StringComparer.Ordinal);

    public async ValueTask InitializeAsync()
    {
        Data = new WorkspaceTestData(Factory);
        var world = await Data.SeedAsync();
        var now = Factory.Clock.GetUtcNow();
        var missed = await Data.AddAppealAsync(world.LiId, CallOutcome.NotAnswered, now.AddDays(-5));
        await Data.AddAppealAsync(world.ZhangId, CallOutcome.Answered, now.AddDays(-12), world.PolicyTopicId);
        await Data.AddAppealAsync(world.LiId, CallOutcome.Answered, now.AddHours(-2));
        var code = (await Data.AppealAsync(missed)).TrackingCode;
        foreach (var email in new[] { WorkspaceWorld.LiEmail, WorkspaceWorld.StaffEmail, WorkspaceWorld.AdminEmail })
        {
            UserIds[email] = await Data.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        }

        await Data.QueryAsync(async db =>
        {
            db.AuditEntries.Add(new AuditEntry
            {
                At = now.AddDays(-1), UserId = UserIds[WorkspaceWorld.AdminEmail], UserName = WorkspaceWorld.AdminEmail, Action = AuditAction.SignIn,
                Subject = "User:" + UserIds[WorkspaceWorld.AdminEmail],
            });
            return await db.SaveChangesAsync();
        });

        // The public statistics page (/stats, and its CSV through ?handler=csv) answers only once switched on: on here, so
        // that the sweeps reach its parameters and headers. It has no route parameter to sample.
        await Data.QueryAsync(async db =>
        {
            db.SavedSettings.Add(new Bozhou.Hotline.Core.Settings.SavedSettings { PublicStatsEnabled = true, SavedBy = WorkspaceWorld.AdminEmail });
            return await db.SaveChangesAsync();
        });

        var cadre = world.LiId.ToString(CultureInfo.InvariantCulture);
        RouteSamples[("/directory/cadres/{id:int}", "id")] = cadre;
        RouteSamples[("/directory/cadres/{id:int}/vcard", "id")] = cadre;
        RouteSamples[("/supervision/cadres/{id:int}", "id")] = cadre;
        RouteSamples[("/admin/cadres/edit/{id:int?}", "id")] = world.ZhangId.ToString(CultureInfo.InvariantCulture);
        RouteSamples[("/admin/cadres/end/{id:int}", "id")] = world.ZhangId.ToString(CultureInfo.InvariantCulture);
        RouteSamples[("/admin/accounts/{id}", "id")] = UserIds[WorkspaceWorld.StaffEmail];
        RouteSamples[("/workspace/appeals/{id:long}", "id")] = missed.ToString(CultureInfo.InvariantCulture);
        RouteSamples[("/workspace/appeals/{id:long}/call", "id")] = missed.ToString(CultureInfo.InvariantCulture);
        var today = Bozhou.Hotline.Core.Calendar.ChinaTime.DateOf(now);
        var days = $"from={today.AddDays(-7):yyyy-MM-dd}&to={today.AddDays(-1):yyyy-MM-dd}";
        var key = Uri.EscapeDataString("小区 停水");
        QuerySamples["/supervision/trends"] = $"?key={key}&scope=city&{days}";
        QuerySamples["/workspace/trends"] = $"?cadre={world.LiId}&key={key}&{days}";
        RouteSamples[("/supervision/appeals/{id:long}", "id")] = missed.ToString(CultureInfo.InvariantCulture);
        RouteSamples[("/appeals/receipt/{code}", "code")] = code;
        RouteSamples[("/appeals/track/{code?}", "code")] = code;
        RouteSamples[("/t/{code}", "code")] = code;
        RouteSamples[("/culture/{name}", "name")] = "en";
        RouteSamples[("/elder/{state}", "state")] = "on";
        RouteSamples[("/openapi/{documentName}.json", "documentName")] = "open311";
        foreach (var route in new[] { "/open311/v2/discovery.{format}", "/open311/v2/services.{format}", "/open311/v2/requests.{format}", "/open311/v2/requests/{id}.{format}" })
        {
            RouteSamples[(route, "format")] = "json";
        }

        RouteSamples[("/open311/v2/requests/{id}.{format}", "id")] = code;
    }

    /// <summary>The endpoint's address with its sample route values and, where it needs one, its sample query.</summary>
    internal string SampleUrl(GetEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return endpoint.Url(p => RouteSamples.GetValueOrDefault((endpoint.Route, p))) + QuerySamples.GetValueOrDefault(endpoint.Route, "");
    }

    /// <summary><paramref name="url"/> with <paramref name="parameter"/> set to <paramref name="value"/>: a sample value of it replaced, not repeated.</summary>
    public static string WithParameter(string url, string parameter, string value)
    {
        ArgumentNullException.ThrowIfNull(url);
        var query = url.IndexOf('?', StringComparison.Ordinal);
        var kept = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query < 0 ? "" : url[query..])
            .Where(pair => !pair.Key.Equals(parameter, StringComparison.OrdinalIgnoreCase))
            .SelectMany(pair => pair.Value.Select(v => new KeyValuePair<string, string?>(pair.Key, v)))
            .Append(new KeyValuePair<string, string?>(parameter, value));
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(query < 0 ? url : url[..query], kept);
    }

    /// <summary>A client as an account of the test world (its real id, so the workspace finds it) with the given roles.</summary>
    public HttpClient ClientAs(string email, params string[] roles)
    {
        var client = Factory.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(TestAuthHandler.Header, Uri.EscapeDataString(TestAuthHandler.Value(UserIds[email], email, roles)));
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        return client;
    }

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>
/// No value in an address makes a server error: every query parameter (and route parameter, and Razor Pages'
/// <c>handler</c>) of every GET endpoint gets each hostile value, signed in with a role that may see the page,
/// and must answer the page, a redirect or a 4xx, never a 5xx.
/// </summary>
public class HostileQueryTests(HostileQueryFixture fixture, ITestOutputHelper output) : IClassFixture<HostileQueryFixture>
{
    /// <summary>The values a hand-typed, truncated, fuzzed or forged address may carry.</summary>
    public static readonly IReadOnlyList<string> HostileValues =
    [
        "0001-01-01", "9999-12-31", "0001-01", "9999-12", "-1", "0", "2147483647", "2147483648", "-2147483648",
        "2026-13", "2026-Q5", "2026-02-30", "abc", new string('9', 10_000), new string('亳', 10_000),
        "\0", "\t", "\r\n", "\u001b[31m", "/\t/x", "//evil.example", "https://evil.example", "/\\evil",
    ];

    /// <summary>
    /// The status page: visited on its own it is a 404 for every client whatever its <c>code</c> (CultureTests), so there
    /// is no answer to sweep from. And <c>/metrics</c>, which answers only clients in <c>Metrics:AllowedNetworks</c>: the
    /// test server's clients have no address (it is read by MetricsTests over Kestrel, and has no query parameter of its own).
    /// </summary>
    private static readonly string[] NotSwept = ["/Error", "/metrics"];

    [Fact]
    public async Task No_value_of_any_query_or_route_parameter_of_any_page_makes_a_server_error()
    {
        var endpoints = await GetEndpoints.DiscoverAsync(fixture.Factory.Services);
        var pages = endpoints.Where(e => e.IsPage).ToList();
        var reflected = endpoints.Sum(e => e.QueryParameters.Count);
        output.WriteLine($"{endpoints.Count} GET endpoints ({pages.Count} pages), {reflected} query parameters, "
            + $"{endpoints.Sum(e => e.RouteParameters.Count)} route parameters, {HostileValues.Count} hostile values.");

        // Discovery must find what is known to exist, so that a broken discovery cannot pass by sending nothing.
        Assert.True(pages.Count >= 30, $"Only {pages.Count} pages found.");
        Assert.True(reflected >= 30, $"Only {reflected} query parameters found.");
        foreach (var (route, parameter) in new[]
                 {
                     ("/supervision", "From"), ("/supervision", "p"), ("/supervision/scorecards", "period"), ("/supervision/bulletin", "month"),
                     ("/supervision/dashboard", "from"), ("/admin/audit", "to"), ("/admin/audit", "page"), ("/admin/calendar", "year"),
                     ("/account/login", "ReturnUrl"), ("/culture/{name}", "returnUrl"), ("/workspace", "Status"), ("/directory", "Q"), ("/stats", "level"), ("/stats", "jurisdiction"),
                 })
        {
            Assert.True(endpoints.Any(e => e.Route == route && e.QueryParameters.Contains(parameter)), $"{route} ?{parameter} not found.");
        }

        using var anonymous = fixture.Factory.CreateClientAs("anonymous", followRedirects: false);
        using var cadre = fixture.ClientAs(WorkspaceWorld.LiEmail, Roles.Cadre);
        using var office = fixture.ClientAs(WorkspaceWorld.AdminEmail, Roles.Admin, Roles.Supervisor);
        var clients = new (string Who, HttpClient Client)[] { ("anonymous", anonymous), ("cadre", cadre), ("admin+supervisor", office) };

        var failures = new List<string>();
        var sent = 0;
        var watch = Stopwatch.StartNew();
        foreach (var endpoint in endpoints.Where(e => !NotSwept.Contains(e.Route, StringComparer.OrdinalIgnoreCase)))
        {
            var baseUrl = fixture.SampleUrl(endpoint);

            // The first client the page lets in (anonymous for a public page) sends the hostile values; the test
            // scheme answers the others 401 or 403.
            HttpClient? chosen = null;
            string who = "";
            foreach (var (name, client) in clients)
            {
                var status = await StatusAsync(client, baseUrl, failures);
                sent++;
                if (status is >= 200 and < 400)
                {
                    (chosen, who) = (client, name);
                    break;
                }
            }

            Assert.True(chosen is not null, $"No client may GET {baseUrl}: its sample URL is wrong or every role is refused.");
            foreach (var parameter in endpoint.QueryParameters.Append(endpoint.IsPage ? "handler" : null).OfType<string>())
            {
                foreach (var value in HostileValues)
                {
                    var url = HostileQueryFixture.WithParameter(baseUrl, parameter, value);
                    await CheckAsync(chosen!, who, url, $"{parameter}={Shown(value)}", failures);
                    sent++;
                }
            }

            foreach (var parameter in endpoint.RouteParameters)
            {
                // A NUL in the path never reaches the app: the test client refuses to send it ("The path contains
                // null characters"), as Kestrel answers it 400 itself.
                foreach (var value in HostileValues.Where(v => !v.Contains('\0', StringComparison.Ordinal)))
                {
                    var url = endpoint.Url(p => p == parameter ? value : fixture.RouteSamples.GetValueOrDefault((endpoint.Route, p)))
                        + fixture.QuerySamples.GetValueOrDefault(endpoint.Route, "");
                    await CheckAsync(chosen!, who, url, $"{{{parameter}}}={Shown(value)}", failures);
                    sent++;
                }
            }
        }

        output.WriteLine($"{sent} requests in {watch.Elapsed.TotalSeconds:0.0} s; {failures.Count} server errors.");
        Assert.True(sent > 1000, $"Only {sent} requests were sent.");
        Assert.True(failures.Count == 0, $"{failures.Count} server errors:\n" + string.Join('\n', failures));
    }

    [Theory]
    [InlineData("/\t/x")]
    [InlineData("/\r\n/x")]
    [InlineData("//evil.example")]
    [InlineData("https://evil.example")]
    [InlineData("/\\evil")]
    public async Task Signing_in_with_a_hostile_return_address_lands_on_the_workspace(string returnUrl)
    {
        using var client = fixture.Factory.CreateClient(new() { AllowAutoRedirect = false });
        var page = await client.GetPageAsync("/account/login?ReturnUrl=" + Uri.EscapeDataString(returnUrl));

        using var response = await client.SubmitAsync(
            page.QuerySelector<IHtmlFormElement>("#login-form")!,
            Html.Fields(("Input.Email", WorkspaceWorld.ZhaoEmail), ("Input.Password", WorkspaceTestData.Password), ("ReturnUrl", returnUrl)),
            "/account/login");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/workspace", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/%09/x", "/")]
    [InlineData("/%0d%0a/x", "/")]
    [InlineData("//evil.example", "/")]
    [InlineData("https://evil.example", "/")]
    [InlineData("/%5Cevil", "/")]
    [InlineData("/directory%3Fq%3D%E5%85%AC%E4%BA%A4", "/directory?q=公交")]
    public async Task The_language_switch_returns_only_to_an_address_on_this_site(string escapedReturnUrl, string expected)
    {
        using var client = fixture.Factory.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri("/culture/en?returnUrl=" + escapedReturnUrl, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, Uri.UnescapeDataString(response.Headers.Location!.OriginalString));
    }

    [Theory]
    [InlineData("/supervision?from=0001-01-01", "zh-CN", "日期 0001-01-01 超出可用范围（2000-01-01 至 2100-12-31），已忽略。")]
    [InlineData("/supervision?to=9999-12-31", "en", "The date 9999-12-31 is outside the range the hotline covers (2000-01-01 to 2100-12-31) and was ignored.")]
    [InlineData("/admin/audit?to=9999-12-31", "zh-CN", "日期 9999-12-31 超出可用范围（2000-01-01 至 2100-12-31），已忽略。")]
    [InlineData("/admin/audit?from=2026-02-30", "en", "\"2026-02-30\" is not a date (write dates as 2026-03-01) and was ignored.")]
    [InlineData("/supervision/dashboard?to=abc%1b%5B31m", "zh-CN", "“abc\uFFFD[31m”不是有效日期（日期写作 2026-03-01），已忽略。")]
    public async Task A_date_the_hotline_cannot_use_is_left_out_of_the_page_with_a_notice_in_the_users_language(string url, string culture, string notice)
    {
        using var client = fixture.ClientAs(WorkspaceWorld.AdminEmail, Roles.Admin, Roles.Supervisor);
        using (await client.GetAsync(new Uri("/culture/" + culture, UriKind.Relative)))
        {
        }

        var page = await client.GetPageAsync(url);

        Assert.Equal(notice, page.QuerySelector("[data-query-notice]")?.TextContent.Trim());
    }

    private static async Task CheckAsync(HttpClient client, string who, string url, string what, List<string> failures)
    {
        var status = await StatusAsync(client, url, failures);
        if (status >= 500)
        {
            failures.Add($"{status} {who} GET {Shown(url)} ({what})");
        }
    }

    private static async Task<int> StatusAsync(HttpClient client, string url, List<string> failures)
    {
        try
        {
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
            return (int)response.StatusCode;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // An exception thrown after the response started reaches the test client instead of a status.
            failures.Add($"exception GET {Shown(url)}: {e.Message}");
            return 599;
        }
    }

    /// <summary>A value as a failure message shows it: control characters escaped, long values cut.</summary>
    private static string Shown(string value)
    {
        var text = new StringBuilder();
        foreach (var c in value.Length > 60 ? value[..40] + $"…({value.Length} chars)" : value)
        {
            text.Append(char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString());
        }

        return text.ToString();
    }
}

/// <summary>A GET endpoint with the names of its route and query parameters.</summary>
internal sealed record GetEndpoint(string Route, RoutePattern Pattern, bool IsPage, IReadOnlyList<string> RouteParameters, IReadOnlyList<string> QueryParameters)
{
    /// <summary>The path with each route parameter filled by <paramref name="value"/> (an optional one left out when it has none).</summary>
    public string Url(Func<string, string?> value)
    {
        var segments = new List<string>();
        foreach (var segment in Pattern.PathSegments)
        {
            var text = new StringBuilder();
            foreach (var part in segment.Parts)
            {
                switch (part)
                {
                    case RoutePatternLiteralPart literal:
                        text.Append(literal.Content);
                        break;
                    case RoutePatternParameterPart parameter:
                        var filled = value(parameter.Name);
                        Assert.True(filled is not null || parameter.IsOptional, $"{Route} needs a sample for {{{parameter.Name}}}.");
                        text.Append(filled is null ? "" : Uri.EscapeDataString(filled));
                        break;
                    case RoutePatternSeparatorPart separator:
                        text.Append(separator.Content);
                        break;
                }
            }

            if (text.Length > 0)
            {
                segments.Add(text.ToString());
            }
        }

        return "/" + string.Join('/', segments);
    }
}

internal static class GetEndpoints
{
    private static readonly Type[] NotFromQuery =
        [typeof(FromServicesAttribute), typeof(FromBodyAttribute), typeof(FromFormAttribute), typeof(FromHeaderAttribute), typeof(FromRouteAttribute)];

    /// <summary>
    /// Every endpoint that answers GET: Razor pages (query parameters from their GET handlers' parameters and their
    /// properties bound on GET) and minimal endpoints (from their delegate's parameters).
    /// </summary>
    public static async Task<IReadOnlyList<GetEndpoint>> DiscoverAsync(IServiceProvider services)
    {
        var loader = services.GetRequiredService<PageLoader>();
        var found = new List<GetEndpoint>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods;
            if (methods is not null && !methods.Contains(HttpMethods.Get, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            var pattern = endpoint.RoutePattern;
            var route = "/" + pattern.RawText!.TrimStart('/');
            var routeParameters = pattern.Parameters.Select(p => p.Name).ToList();
            var query = new List<string>();
            var isPage = false;
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } descriptor)
            {
                isPage = true;
                var compiled = await loader.LoadAsync(descriptor, endpoint.Metadata);
                foreach (var handler in compiled.HandlerMethods.Where(h => string.Equals(h.HttpMethod, HttpMethods.Get, StringComparison.OrdinalIgnoreCase)))
                {
                    foreach (var parameter in handler.MethodInfo.GetParameters())
                    {
                        query.AddRange(FromParameter(parameter, routeParameters, expandComplex: true));
                    }
                }

                foreach (var property in compiled.HandlerTypeInfo.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    var fromQuery = property.GetCustomAttribute<FromQueryAttribute>();
                    var bound = property.GetCustomAttribute<BindPropertyAttribute>();
                    if (fromQuery is null && bound is not { SupportsGet: true })
                    {
                        continue;
                    }

                    var name = fromQuery?.Name ?? bound?.Name ?? property.Name;
                    query.AddRange(IsSimple(property.PropertyType) ? [name] : Expand(property.PropertyType, name + "."));
                }
            }
            else if (endpoint.Metadata.GetMetadata<MethodInfo>() is { } method)
            {
                foreach (var parameter in method.GetParameters())
                {
                    query.AddRange(FromParameter(parameter, routeParameters, expandComplex: false));
                }
            }

            found.Add(new GetEndpoint(route, pattern, isPage, routeParameters, [.. query.Distinct(StringComparer.OrdinalIgnoreCase)]));
        }

        return found;
    }

    private static IEnumerable<string> FromParameter(ParameterInfo parameter, IReadOnlyList<string> routeParameters, bool expandComplex)
    {
        var attributes = parameter.GetCustomAttributes().ToList();
        if (attributes.Any(a => NotFromQuery.Any(t => t.IsInstanceOfType(a))) || parameter.ParameterType == typeof(CancellationToken))
        {
            return [];
        }

        var name = attributes.OfType<FromQueryAttribute>().FirstOrDefault()?.Name ?? parameter.Name!;
        if (IsSimple(parameter.ParameterType))
        {
            return routeParameters.Contains(name, StringComparer.OrdinalIgnoreCase) ? [] : [name];
        }

        // A complex handler parameter without a name of its own binds its properties by their names.
        return expandComplex && parameter.ParameterType.IsClass ? Expand(parameter.ParameterType, attributes.OfType<IModelNameProvider>().FirstOrDefault()?.Name is { } prefix ? prefix + "." : "") : [];
    }

    private static IEnumerable<string> Expand(Type type, string prefix) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && IsSimple(p.PropertyType)).Select(p => prefix + p.Name);

    private static bool IsSimple(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying == typeof(string) || underlying.IsPrimitive || underlying.IsEnum || TypeDescriptor.GetConverter(underlying).CanConvertFrom(typeof(string));
    }
}
