using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;

namespace Bozhou.Hotline.IntegrationTests.Admin;

/// <summary>
/// Every page under /admin, found from the app's own endpoints (so that a page added later is covered
/// without touching this file), answers only administrators; the audit trail also the supervision office.
/// </summary>
public class AccessTests
{
    /// <summary>The roles besides Admin that may read a page; every other /admin page is for administrators only.</summary>
    private static readonly Dictionary<string, string[]> AlsoReadBy = new(StringComparer.Ordinal) { ["/admin/audit"] = [Roles.Supervisor] };

    private static readonly string[] NonAdmins = [WorkspaceWorld.LiEmail, WorkspaceWorld.StaffEmail, WorkspaceWorld.SupervisorEmail];

    [Fact]
    public async Task Every_page_under_admin_requires_the_admin_role_and_the_audit_trail_also_the_supervisor_role()
    {
        using var factory = new HotlineFactory();
        var pages = await AdminPageEndpoints.DiscoverAsync(factory.Services);
        var policies = factory.Services.GetRequiredService<IAuthorizationPolicyProvider>();

        Assert.Contains(pages, p => p.Route == "/admin/cadres/edit/{id:int?}");
        Assert.Contains(pages, p => p.Route == "/admin/audit");
        foreach (var page in pages)
        {
            Assert.Null(page.Endpoint.Metadata.GetMetadata<IAllowAnonymous>());
            var policy = await AuthorizationPolicy.CombineAsync(
                policies, page.Endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(), page.Endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>());
            var roleRules = policy?.Requirements.OfType<RolesAuthorizationRequirement>().ToList() ?? [];
            Assert.True(roleRules.Count > 0, $"{page.Route} has no role requirement.");
            var admitted = Roles.All.Where(r => roleRules.All(rule => rule.AllowedRoles.Contains(r))).Order(StringComparer.Ordinal);
            Assert.Equal([Roles.Admin, .. AlsoReadBy.GetValueOrDefault(page.Route, [])], admitted.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task Every_admin_page_answers_403_to_cadre_staff_and_supervisor_and_sends_anonymous_to_login()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var samples = await AdminSamples.CreateAsync(data, world);
        var pages = await AdminPageEndpoints.DiscoverAsync(factory.Services);
        using var anonymous = factory.CreateClient(new() { AllowAutoRedirect = false });
        foreach (var email in NonAdmins)
        {
            using var client = await data.SignInAsync(email);
            var role = email == WorkspaceWorld.SupervisorEmail ? Roles.Supervisor : "";
            foreach (var url in pages.Select(p => samples.Url(p.Route)))
            {
                using var get = await client.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
                var expected = AlsoReadBy.GetValueOrDefault(url, []).Contains(role) ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
                Assert.True(get.StatusCode == expected, $"{email} GET {url} answered {(int)get.StatusCode} {get.Headers.Location}");
            }
        }

        foreach (var url in pages.Select(p => samples.Url(p.Route)))
        {
            using var get = await anonymous.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Redirect, get.StatusCode);
            Assert.Contains("/account/login", get.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);
        foreach (var url in pages.Select(p => samples.Url(p.Route)))
        {
            await admin.GetPageAsync(url);
        }

        // The administrator's home is /admin (the workspace sends them there); the navigation is the same on every page.
        Assert.NotNull((await admin.GetPageAsync("/admin")).QuerySelector("#nav-admin"));
    }

    [Fact]
    public async Task Every_admin_post_handler_answers_403_to_cadre_staff_and_supervisor_with_a_valid_form_token_and_writes_nothing()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var samples = await AdminSamples.CreateAsync(data, world);
        var posts = (await AdminPageEndpoints.DiscoverAsync(factory.Services)).SelectMany(p => p.PostHandlers.Select(h => (p.Route, Handler: h))).ToList();
        Assert.All(samples.KnownPostHandlers, known => Assert.Contains(known, posts));
        var clients = new List<(string Who, HttpClient Client, string Token)>();
        foreach (var email in NonAdmins)
        {
            var client = await data.SignInAsync(email);
            clients.Add((email, client, await FormTokenAsync(client, "/account/change-password")));
        }

        var anonymous = factory.CreateClient(new() { AllowAutoRedirect = false });
        var anonymousToken = await FormTokenAsync(anonymous, "/account/login");
        var before = await samples.SnapshotAsync();

        foreach (var (route, handler) in posts)
        {
            var url = samples.Url(route) + (handler is null ? "" : (samples.Url(route).Contains('?', StringComparison.Ordinal) ? "&" : "?") + "handler=" + handler);
            foreach (var (who, client, token) in clients)
            {
                using var post = await client.PostAsync(new Uri(url, UriKind.Relative), samples.Body(route, handler, token), TestContext.Current.CancellationToken);
                Assert.True(post.StatusCode == HttpStatusCode.Forbidden, $"{who} POST {url} answered {(int)post.StatusCode} {post.Headers.Location}");
            }

            using var anonymousPost = await anonymous.PostAsync(new Uri(url, UriKind.Relative), samples.Body(route, handler, anonymousToken), TestContext.Current.CancellationToken);
            Assert.True(anonymousPost.StatusCode == HttpStatusCode.Redirect, $"anonymous POST {url} answered {(int)anonymousPost.StatusCode}");
            Assert.Contains("/account/login", anonymousPost.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        Assert.Equal(before, await samples.SnapshotAsync());

        // The same kind of token and body do reach the handler for an administrator: the 403s above are the role's.
        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);
        using var ended = await admin.PostAsync(
            new Uri($"/admin/cadres/end/{world.WangId}", UriKind.Relative),
            samples.Body("/admin/cadres/end/{id:int}", null, await FormTokenAsync(admin, "/account/change-password")),
            TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.NotEqual(before, await samples.SnapshotAsync());
        clients.ForEach(c => c.Client.Dispose());
        anonymous.Dispose();
    }

    private static async Task<string> FormTokenAsync(HttpClient client, string page) =>
        (await client.GetPageAsync(page)).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
}

/// <summary>A Razor page served under /admin, its route as written in <c>@page</c>, and its POST handlers (null: the unnamed one).</summary>
internal sealed record AdminPageEndpoint(string Route, RouteEndpoint Endpoint, IReadOnlyList<string?> PostHandlers);

internal static class AdminPageEndpoints
{
    /// <summary>Every page whose route starts with /admin, from the app's endpoint data source, with its handlers loaded.</summary>
    public static async Task<IReadOnlyList<AdminPageEndpoint>> DiscoverAsync(IServiceProvider services)
    {
        var loader = services.GetRequiredService<PageLoader>();
        var pages = new List<AdminPageEndpoint>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var route = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not { } descriptor
                || !(route == "/admin" || route.StartsWith("/admin/", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var compiled = await loader.LoadAsync(descriptor, endpoint.Metadata);
            var posts = compiled.HandlerMethods.Where(h => string.Equals(h.HttpMethod, HttpMethods.Post, StringComparison.OrdinalIgnoreCase)).Select(h => h.Name).Distinct().ToList();
            pages.Add(new AdminPageEndpoint(route, endpoint, posts));
        }

        return pages;
    }
}

/// <summary>Concrete URLs and plausible bodies for the admin pages, so that a request that got through would write something.</summary>
internal sealed class AdminSamples
{
    private readonly WorkspaceTestData _data;
    private readonly Dictionary<string, string> _urls;
    private readonly Dictionary<(string Route, string? Handler), (string, string)[]> _bodies;

    private AdminSamples(WorkspaceTestData data, Dictionary<string, string> urls, Dictionary<(string, string?), (string, string)[]> bodies)
    {
        _data = data;
        _urls = urls;
        _bodies = bodies;
    }

    public static async Task<AdminSamples> CreateAsync(WorkspaceTestData data, WorkspaceWorld world)
    {
        static string S(int id) => id.ToString(CultureInfo.InvariantCulture);
        var cityId = await data.QueryAsync(db => db.Jurisdictions.Select(j => j.Id).FirstAsync());
        var departmentId = await data.QueryAsync(db => db.Departments.Select(d => d.Id).FirstAsync());
        var staffId = await data.QueryAsync(db => db.Users.Where(u => u.Email == WorkspaceWorld.StaffEmail).Select(u => u.Id).SingleAsync());
        var urls = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["/admin/cadres/edit/{id:int?}"] = $"/admin/cadres/edit/{world.ZhangId}",
            ["/admin/cadres/end/{id:int}"] = $"/admin/cadres/end/{world.WangId}",
            ["/admin/accounts/{id}"] = $"/admin/accounts/{staffId}",
        };
        var bodies = new Dictionary<(string, string?), (string, string)[]>
        {
            [("/admin/cadres/edit/{id:int?}", null)] = [("Input.DepartmentId", S(departmentId)), ("Input.Name", "孙丽"), ("Input.Position", "副局长"), ("Input.Mobile", "13905581234"), ("Input.SuperiorId", S(world.LiId))],
            [("/admin/cadres/edit/{id:int?}", "End")] = [],
            [("/admin/cadres/end/{id:int}", null)] = [],
            [("/admin/cadres/edit/{id:int?}", "ChangePost")] = [("Move.DepartmentId", S(departmentId)), ("Move.Position", "副市长"), ("Move.SubordinatesFollow", "true")],
            [("/admin/departments", "Save")] = [("Input.JurisdictionId", S(cityId)), ("Input.NameZh", "市数据资源局"), ("Input.NameEn", "Data Resources Bureau"), ("Input.Order", "9")],
            [("/admin/departments", "End")] = [("id", S(departmentId))],
            [("/admin/jurisdictions", "Save")] = [("Input.Code", "bozhou-hi-tech"), ("Input.NameZh", "亳州高新区"), ("Input.NameEn", "Bozhou Hi-Tech Zone"), ("Input.Order", "9")],
            [("/admin/topics", "Save")] = [("Input.Code", "water"), ("Input.NameZh", "供水供电"), ("Input.NameEn", "Water and power"), ("Input.Kind", "Matter"), ("Input.Order", "5"), ("Input.IsActive", "true")],
            [("/admin/calendar", "Add")] = [("Day.Date", "2026-10-09"), ("Day.Kind", "Holiday"), ("Day.Occasion", "国庆节")],
            [("/admin/calendar", "Remove")] = [("date", "2026-10-01")],
            [("/admin/calendar", "Import")] = [("year", "2027"), ("Schedule", "date,kind,occasion\n2027-01-01,Holiday,元旦\n")],
            [("/admin/import", "Preview")] = [("pasted", "jurisdiction,department,name,position,duties,mobile,office_phone,order\ncity,市政府,孙丽,副市长,分管交通,13905581234,,5\n")],
            [("/admin/import", "Apply")] = [("Protected", "x")],
            [("/admin/accounts", null)] = [("Input.Email", "new@test.local"), ("Input.DisplayName", "新账号"), ("Input.Role", Roles.Admin)],
            [("/admin/accounts/{id}", "Reset")] = [],
            [("/admin/accounts/{id}", "Disable")] = [],
            [("/admin/accounts/{id}", "Enable")] = [],
            [("/admin/accounts/{id}", "Link")] = [("CadreId", S(world.WangId))],
            [("/admin/accounts/{id}", "Delegate")] = [("CadreId", S(world.WangId))],
            [("/admin/accounts/{id}", "Undelegate")] = [("cadreId", S(world.LiId))],
        };
        return new AdminSamples(data, urls, bodies);
    }

    /// <summary>The POST handlers known when this was written; discovery must find at least these.</summary>
    public IEnumerable<(string Route, string? Handler)> KnownPostHandlers => _bodies.Keys;

    /// <summary>The URL to request for a route: its sample, or the route itself without optional parameters.</summary>
    public string Url(string route)
    {
        if (_urls.TryGetValue(route, out var url))
        {
            return url;
        }

        Assert.False(route.Contains('{', StringComparison.Ordinal) && !route.EndsWith("?}", StringComparison.Ordinal),
            $"{route} needs a sample URL in {nameof(AdminSamples)}.");
        return route.Split('{')[0].TrimEnd('/');
    }

    public FormUrlEncodedContent Body(string route, string? handler, string token) =>
        new([new("__RequestVerificationToken", token), .. _bodies.GetValueOrDefault((route, handler), []).Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))]);

    /// <summary>What an admin request would change: row counts, ended posts and departments, disabled or reset accounts, audit entries.</summary>
    public Task<string> SnapshotAsync() => _data.QueryAsync(async db => string.Join(" ", new object[]
    {
        await db.AuditEntries.CountAsync(),
        await db.Cadres.CountAsync(), await db.Cadres.CountAsync(c => c.PostEnd != null), await db.Cadres.CountAsync(c => c.SuperiorId != null),
        await db.Departments.CountAsync(), await db.Departments.CountAsync(d => d.EndedOn != null), await db.Jurisdictions.CountAsync(),
        await db.Topics.CountAsync(), await db.CalendarDays.CountAsync(), await db.CadreDelegations.CountAsync(),
        await db.Users.CountAsync(), await db.Users.CountAsync(u => u.DisabledAt != null || u.MustChangePassword),
        string.Join(",", await db.Users.OrderBy(u => u.Id).Select(u => u.CadreId).ToListAsync()),
    }));
}
