namespace Bozhou.Hotline.IntegrationTests.Workspace;

/// <summary>
/// The workspace as an installable app, as the server serves it: the manifest with its media type, linked from workspace
/// pages only (in the reader's language), the service worker's script fetched afresh with the scope it needs allowed, and
/// the offline page as a static file in both languages with nothing of any caller in it.
/// </summary>
public class WorkspaceAppTests
{
    [Fact]
    public async Task The_manifest_is_served_as_a_web_app_manifest_and_linked_from_workspace_pages_only()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        using var anonymous = factory.CreateClient();

        using var manifest = await anonymous.GetAsync(new Uri("/workspace/manifest.webmanifest", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, manifest.StatusCode);
        Assert.Equal("application/manifest+json", manifest.Content.Headers.ContentType!.MediaType);
        using var json = System.Text.Json.JsonDocument.Parse(await manifest.Content.ReadAsStringAsync());
        Assert.Equal(("/workspace", "/workspace", "standalone", "zh-CN"),
            (json.RootElement.GetProperty("start_url").GetString(), json.RootElement.GetProperty("scope").GetString(),
             json.RootElement.GetProperty("display").GetString(), json.RootElement.GetProperty("lang").GetString()));

        var home = await anonymous.GetPageAsync("/");
        Assert.Null(home.QuerySelector("link[rel=manifest]"));
        using var cadre = await data.SignInAsync(WorkspaceWorld.LiEmail);
        var inbox = await cadre.GetPageAsync("/workspace");
        Assert.Equal("/workspace/manifest.webmanifest", inbox.QuerySelector("link[rel=manifest]")!.GetAttribute("href"));
        Assert.NotNull(inbox.QuerySelector("script[src^='/js/workspace-app.js']"));
        using (await cadre.GetAsync(new Uri("/culture/en?returnUrl=%2Fworkspace", UriKind.Relative)))
        {
        }

        var english = await cadre.GetPageAsync("/workspace/outbox");
        Assert.Equal("/workspace/manifest.en.webmanifest", english.QuerySelector("link[rel=manifest]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task The_service_worker_script_is_revalidated_each_time_and_may_control_the_inbox_itself()
    {
        using var factory = new HotlineFactory();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri(Bozhou.Hotline.Web.Http.WorkspaceApp.ServiceWorkerPath, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType!.MediaType);
        Assert.True(response.Headers.CacheControl!.NoCache);
        Assert.Equal("/workspace", response.Headers.GetValues("Service-Worker-Allowed").Single());
        // Other static files keep the ordinary caching.
        using var css = await client.GetAsync(new Uri("/css/site.css", UriKind.Relative));
        Assert.False(css.Headers.Contains("Service-Worker-Allowed"));
    }

    [Fact]
    public async Task The_offline_page_reads_in_both_languages_and_names_no_caller()
    {
        using var factory = new HotlineFactory();
        using var client = factory.CreateClient();

        var page = await client.GetPageAsync("/workspace/offline.html");

        Assert.Contains("未连接网络", page.QuerySelector("#offline-zh[lang='zh-CN']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("You are offline", page.QuerySelector("#offline-en[lang='en']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("/js/offline.js", page.QuerySelector("script")!.GetAttribute("src"));
    }
}
