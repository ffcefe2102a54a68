using Bozhou.Hotline.Core.Caching;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Bozhou.Hotline.Core.Data;
using Bozhou.Hotline.Core.Directory;
using Bozhou.Hotline.TestSupport;
using Bozhou.Hotline.Web.Pages.Directory;
using Microsoft.AspNetCore.OutputCaching;

// Not "….IntegrationTests.Directory": a namespace of that name would hide System.IO.Directory from every
// other test namespace in this project.
namespace Bozhou.Hotline.IntegrationTests.DirectoryPages;

/// <summary>The app with the demonstration directory seeded, and what the directory tests do with it.</summary>
public sealed class DemoDirectorySite : IDisposable
{
    public HotlineFactory Factory { get; } = NewFactory();

    public static HotlineFactory NewFactory() =>
        new HotlineFactory().With("Seed:Demo", "true").With("Seed:DemoPassword", "Test-Password-2026");

    public void Dispose() => Factory.Dispose();
}

internal static class DirectoryTestExtensions
{
    /// <summary>The id of the demo cadre holding a post with this name.</summary>
    public static async Task<int> CadreIdAsync(this HotlineFactory factory, string name)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        return await db.Cadres.Where(c => c.Name == name).Select(c => c.Id).SingleAsync();
    }

    /// <summary>Changes directory data as the workspace or admin pages would: save through the DbContext, nothing else.</summary>
    public static async Task EditCadreAsync(this HotlineFactory factory, string name, Action<Cadre> edit)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var cadre = await db.Cadres.SingleAsync(c => c.Name == name);
        edit(cadre);
        await db.SaveChangesAsync();
    }

    public static async Task WithDbAsync(this HotlineFactory factory, Func<HotlineDbContext, Task> work)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<HotlineDbContext>());
    }

    /// <summary>What a saved change to the directory sets off (an edit made in the database behind the app's back does not).</summary>
    public static async Task EvictDirectoryAsync(this HotlineFactory factory) =>
        await factory.Services.GetRequiredService<KeptValueChanges>().ChangedAsync([KeptTags.Directory], TestContext.Current.CancellationToken);

    /// <summary>A client that chose English with the language switch (the culture cookie).</summary>
    public static async Task<HttpClient> EnglishClientAsync(this HotlineFactory factory)
    {
        var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/culture/en?returnUrl=/healthz/live", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return client;
    }

    public static string Text(this IElement element) => element.TextContent.Trim();

    /// <summary>The names on the page's cadre entries, in page order.</summary>
    public static List<string> CadreNames(this IParentNode node, string? scope = "main") =>
        [.. node.QuerySelectorAll(scope is null ? "a.cadre-name" : $"{scope} a.cadre-name").Select(a => a.Text())];

    public static string Href(this IElement element) => ((IHtmlAnchorElement)element).GetAttribute("href") ?? "";
}
