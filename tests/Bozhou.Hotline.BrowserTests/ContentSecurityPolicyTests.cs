namespace Bozhou.Hotline.BrowserTests;

/// <summary>
/// Chromium enforces the site's Content-Security-Policy (no inline script or style) on the public, workspace and
/// supervision pages, and reports no violation: every script, handler and style the pages use is a file of the site.
/// </summary>
public class ContentSecurityPolicyTests
{
    private const string CollectViolations =
        "document.addEventListener('securitypolicyviolation', e => (window.__cspViolations = window.__cspViolations || []).push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + (e.sourceFile || '') + ':' + e.lineNumber + ' ' + (e.target && e.target.outerHTML ? e.target.outerHTML.slice(0, 300) : '')));";

    [Fact]
    public async Task Chromium_walking_the_public_workspace_and_supervision_pages_reports_no_CSP_violation()
    {
        await using var session = await BrowserSession.StartAsync(new AuthenticatedHotlineFactory());
        var data = new WorkspaceTestData(session.Factory);
        var world = await data.SeedAsync();
        var appealId = await data.AddAppealAsync(world.LiId, CallOutcome.NotAnswered, session.Factory.Clock.GetUtcNow().AddHours(-3));
        var code = (await data.AppealAsync(appealId)).TrackingCode;
        var liUserId = await data.QueryAsync(db => db.Users.Where(u => u.Email == WorkspaceWorld.LiEmail).Select(u => u.Id).SingleAsync());
        var page = await session.NewPageAsync();
        await page.AddInitScriptAsync(CollectViolations);
        var console = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || m.Text.Contains("Content-Security-Policy", StringComparison.OrdinalIgnoreCase))
            {
                console.Add(m.Text);
            }
        };
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);

        // The control: the policy is there and a violation would be seen.
        await page.GotoAsync("/");
        await page.EvaluateAsync("() => document.body.setAttribute('style', 'color: red')");
        await page.WaitForFunctionAsync("() => (window.__cspViolations || []).length > 0");
        Assert.Contains(console, m => m.Contains("style", StringComparison.OrdinalIgnoreCase));
        console.Clear();

        var visited = new List<string>();
        async Task WalkAsync(params string[] urls)
        {
            foreach (var url in urls)
            {
                var response = await page.GotoAsync(url, new() { WaitUntil = WaitUntilState.Load });
                Assert.True(response is not null && response.Status < 400, $"GET {url} answered {response?.Status}.");
                var violations = await page.EvaluateAsync<string[]>("() => window.__cspViolations || []");
                Assert.True(violations.Length == 0, $"{url}: " + string.Join("; ", violations));
                visited.Add(url);
            }
        }

        await WalkAsync("/", "/directory", $"/directory/cadres/{world.LiId}", "/appeals/new", "/appeals/track", $"/appeals/track/{code}", $"/appeals/receipt/{code}");

        await page.Context.AddCookiesAsync([new() { Name = TestAuthHandler.Cookie, Value = Uri.EscapeDataString(TestAuthHandler.Value(liUserId, WorkspaceWorld.LiEmail, Roles.Cadre)), Url = session.BaseAddress.ToString() }]);
        await WalkAsync("/workspace", $"/workspace/appeals/{appealId}", "/workspace/availability", "/workspace/offline.html");

        await page.Context.AddCookiesAsync([new() { Name = TestAuthHandler.Cookie, Value = Uri.EscapeDataString(TestAuthHandler.Value("sup-1", "督查员", Roles.Supervisor)), Url = session.BaseAddress.ToString() }]);
        await WalkAsync("/supervision", "/supervision/dashboard", "/supervision/scorecards", "/supervision/spot-checks",
            "/supervision/bulletin", $"/supervision/cadres/{world.LiId}");
        // The dashboard's charts are drawn by the site's scripts from its JSON data block, under the policy.
        await page.GotoAsync("/supervision/dashboard");
        await page.WaitForFunctionAsync("() => typeof Chart !== 'undefined' && [...document.querySelectorAll('canvas')].every(c => Chart.getChart(c))");

        Assert.Empty(await page.EvaluateAsync<string[]>("() => window.__cspViolations || []"));
        Assert.True(console.Count == 0, string.Join('\n', console));
        Assert.Empty(errors);
        Assert.Equal(17, visited.Count);
    }
}
