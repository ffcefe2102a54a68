namespace Bozhou.Hotline.IntegrationTests.Hosting;

/// <summary>
/// Every response carries the security headers (OWASP ASVS V14.4): a CSP without inline script or style that no
/// site may frame, nosniff, a referrer policy (none from an address with a tracking code) and a permissions policy.
/// Every GET endpoint is found from the app's endpoint data source, so that a page added later is covered.
/// </summary>
public class SecurityHeadersTests(HostileQueryFixture fixture) : IClassFixture<HostileQueryFixture>
{
    [Fact]
    public async Task Every_page_answers_every_client_with_the_security_headers_no_referrer_where_the_address_carries_a_tracking_code_and_no_inline_code()
    {
        var endpoints = await GetEndpoints.DiscoverAsync(fixture.Factory.Services);
        Assert.True(endpoints.Count(e => e.IsPage) >= 30, "The discovery found too few pages.");
        using var anonymous = fixture.Factory.CreateClientAs("anonymous", followRedirects: false);
        using var cadre = fixture.ClientAs(WorkspaceWorld.LiEmail, Roles.Cadre);
        using var office = fixture.ClientAs(WorkspaceWorld.AdminEmail, Roles.Admin, Roles.Supervisor);

        var failures = new List<string>();
        var answered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints)
        {
            var url = fixture.SampleUrl(endpoint);
            foreach (var (who, client) in new[] { ("anonymous", anonymous), ("cadre", cadre), ("office", office) })
            {
                using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
                if ((int)response.StatusCode < 400)
                {
                    answered.Add(endpoint.Route);
                }

                var trackingCode = url.StartsWith("/appeals/track/", StringComparison.OrdinalIgnoreCase)
                    || url.StartsWith("/appeals/receipt/", StringComparison.OrdinalIgnoreCase)
                    || url.StartsWith("/t/", StringComparison.OrdinalIgnoreCase);
                failures.AddRange(Problems(response, trackingCode).Select(p => $"{who} GET {url} ({(int)response.StatusCode}): {p}"));
                if (response.Content.Headers.ContentType?.MediaType == "text/html")
                {
                    failures.AddRange((await InlineCodeAsync(response)).Select(p => $"{who} GET {url}: inline {p}"));
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        // Each page was seen as its content, not only as a refusal: the headers are on the pages themselves. Not the
        // status page (a direct visit is an error by design), nor /metrics, which answers the test server's clients
        // (no address, so outside Metrics:AllowedNetworks) with the 404 page, whose headers are checked above.
        var unseen = endpoints.Select(e => e.Route).Except(answered).Except(["/Error", "/metrics"]).ToList();
        Assert.True(unseen.Count == 0, "Pages no client could see: " + string.Join(", ", unseen));
    }

    [Theory]
    [InlineData("/no-such-page")]
    [InlineData("/css/site.css")]
    [InlineData("/appeals/track/ZZZZZZZZ")]
    public async Task Error_pages_and_static_files_carry_the_headers_too(string url)
    {
        using var client = fixture.Factory.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Empty(Problems(response, trackingCode: url.StartsWith("/appeals/track/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_print_buttons_work_without_inline_script_and_the_pages_carry_no_inline_handler_or_style()
    {
        using var office = fixture.ClientAs(WorkspaceWorld.AdminEmail, Roles.Admin, Roles.Supervisor);
        using var cadre = fixture.ClientAs(WorkspaceWorld.LiEmail, Roles.Cadre);
        var appeal = fixture.RouteSamples[("/workspace/appeals/{id:long}", "id")];

        foreach (var (client, url) in new[] { (office, "/supervision/bulletin"), (cadre, "/workspace/appeals/" + appeal) })
        {
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Empty(await InlineCodeAsync(response));
        }

        var bulletin = await office.GetPageAsync("/supervision/bulletin");
        Assert.NotNull(bulletin.QuerySelector("button[data-print]"));
        Assert.NotNull(bulletin.QuerySelector("script[src^='/js/print.js']"));
    }

    /// <summary>What is missing or wrong among the security headers of <paramref name="response"/>.</summary>
    internal static IEnumerable<string> Problems(HttpResponseMessage response, bool trackingCode)
    {
        var csp = Header(response, "Content-Security-Policy");
        if (csp is null)
        {
            yield return "no Content-Security-Policy";
        }
        else
        {
            var directives = csp.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .ToDictionary(d => d.Split(' ')[0], d => d, StringComparer.Ordinal);
            if (csp.Contains("unsafe-inline", StringComparison.Ordinal) || csp.Contains("unsafe-eval", StringComparison.Ordinal))
            {
                yield return "the CSP allows inline or eval'd code: " + csp;
            }

            if (directives.GetValueOrDefault("script-src") != "script-src 'self'" || directives.GetValueOrDefault("style-src") != "style-src 'self'")
            {
                yield return "the CSP's script-src or style-src is not 'self' alone: " + csp;
            }

            if (directives.GetValueOrDefault("frame-ancestors") != "frame-ancestors 'none'")
            {
                yield return "the CSP lets other sites frame the page: " + csp;
            }
        }

        if (Header(response, "X-Frame-Options") != "DENY")
        {
            yield return "X-Frame-Options is not DENY";
        }

        if (Header(response, "X-Content-Type-Options") != "nosniff")
        {
            yield return "X-Content-Type-Options is not nosniff";
        }

        var referrer = Header(response, "Referrer-Policy");
        string[] allowed = trackingCode ? ["no-referrer"] : ["no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"];
        if (referrer is null || !allowed.Contains(referrer))
        {
            yield return $"Referrer-Policy is '{referrer}', not one of {string.Join(", ", allowed)}";
        }

        var permissions = Header(response, "Permissions-Policy");
        if (permissions is null || !permissions.Contains("camera=()", StringComparison.Ordinal) || !permissions.Contains("geolocation=()", StringComparison.Ordinal))
        {
            yield return $"Permissions-Policy is '{permissions}'";
        }
    }

    /// <summary>What the CSP would refuse in the page: inline event handlers, <c>style</c> attributes and <c>&lt;style&gt;</c>, inline scripts other than JSON data.</summary>
    private static async Task<IEnumerable<string>> InlineCodeAsync(HttpResponseMessage response)
    {
        var page = await Html.ParseAsync(response);
        return page.All.Where(e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.Ordinal) || a.Name == "style"))
            .Concat(page.QuerySelectorAll("style, script:not([src]):not([type='application/json'])"))
            .Select(e => e.OuterHtml.Length > 200 ? e.OuterHtml[..200] : e.OuterHtml)
            .ToList();
    }

    internal static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;
}
