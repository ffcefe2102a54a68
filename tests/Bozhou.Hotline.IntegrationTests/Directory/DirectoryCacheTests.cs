using Microsoft.AspNetCore.Http;
using System.Data.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Bozhou.Hotline.IntegrationTests.DirectoryPages;

public class DirectoryCacheTests
{
    [Fact]
    public async Task A_cadre_edited_behind_the_apps_back_is_served_from_the_cache_until_evicted_and_shows_at_once_after_eviction()
    {
        using var factory = DemoDirectorySite.NewFactory();
        using var client = factory.CreateClient();
        var id = await factory.CadreIdAsync("冯海涛");
        var urls = new[] { "/directory", "/directory?q=%E5%85%AC%E4%BA%A4", $"/directory/cadres/{id}" };
        foreach (var url in urls)
        {
            await client.GetPageAsync(url);
        }

        var vcardBefore = await client.GetStringAsync(new Uri($"/directory/cadres/{id}/vcard", UriKind.Relative));
        await factory.WithDbAsync(db => db.Cadres.Where(c => c.Name == "冯海涛")
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Position, "市交通运输局局长（主持工作）")));

        // Without eviction every page still shows what it cached: caching is really on.
        foreach (var url in urls)
        {
            var cached = await client.GetPageAsync(url);
            Assert.DoesNotContain("主持工作", cached.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        }

        Assert.Equal(vcardBefore, await client.GetStringAsync(new Uri($"/directory/cadres/{id}/vcard", UriKind.Relative)));

        await factory.EvictDirectoryAsync();

        foreach (var url in urls)
        {
            var fresh = await client.GetPageAsync(url);
            Assert.Contains("市交通运输局局长（主持工作）", fresh.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        }

        Assert.Contains("TITLE:市交通运输局局长（主持工作）", await client.GetStringAsync(new Uri($"/directory/cadres/{id}/vcard", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_home_page_is_cached_too_and_a_department_renamed_behind_the_apps_back_shows_after_eviction()
    {
        using var factory = DemoDirectorySite.NewFactory();
        using var client = factory.CreateClient();
        await client.GetPageAsync("/");
        await factory.WithDbAsync(db => db.Departments.Where(d => d.NameZh == "亳州市交通运输局")
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.NameZh, "亳州市交通运输局（港航）")));

        var cached = await client.GetPageAsync("/");
        await factory.EvictDirectoryAsync();
        var fresh = await client.GetPageAsync("/");

        Assert.DoesNotContain("港航", cached.QuerySelector("#units")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("亳州市交通运输局（港航）", fresh.QuerySelector("#units")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cached_pages_vary_by_the_chosen_language()
    {
        using var factory = DemoDirectorySite.NewFactory();
        using var chinese = factory.CreateClient();
        using var english = await factory.EnglishClientAsync();

        var first = await chinese.GetPageAsync("/directory?q=bus");
        var second = await english.GetPageAsync("/directory?q=bus");
        var third = await chinese.GetPageAsync("/directory?q=bus");

        Assert.Equal("zh-CN", first.DocumentElement.GetAttribute("lang"));
        Assert.Equal("en", second.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Feng Haitao (冯海涛)", second.CadreNames("#results")[0]);
        Assert.Equal("zh-CN", third.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task Each_directory_page_runs_at_most_two_queries_and_none_once_cached()
    {
        // Only the queries a request runs count: the app's background services (outbox, roll-ups, sweeps)
        // query on their own schedule, outside any request.
        var requests = new HttpContextAccessor();
        var counter = new QueryCounter(() => requests.HttpContext is not null);
        using var demo = DemoDirectorySite.NewFactory();
        using var factory = demo.WithWebHostBuilder(b => b.ConfigureServices(s =>
        {
            s.AddSingleton<IHttpContextAccessor>(requests);
            s.ConfigureDbContext<HotlineDbContext>(o => o.AddInterceptors(counter));
        }));
        using var client = factory.CreateClient();
        int id;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            id = await scope.ServiceProvider.GetRequiredService<HotlineDbContext>().Cadres.Where(c => c.Name == "冯海涛").Select(c => c.Id).SingleAsync();
        }

        var output = TestContext.Current.TestOutputHelper;
        foreach (var url in new[] { "/", "/directory", "/directory?q=%E5%85%AC%E4%BA%A4", "/directory?q=education&jurisdiction=city", $"/directory/cadres/{id}", $"/directory/cadres/{id}/vcard" })
        {
            counter.Reset();
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            var size = (await response.Content.ReadAsByteArrayAsync()).Length;
            var queries = counter.Count;
            counter.Reset();
            using var again = await client.GetAsync(new Uri(url, UriKind.Relative));
            output?.WriteLine($"{url}: {queries} queries, {size:N0} bytes; cached: {counter.Count} queries");

            response.EnsureSuccessStatusCode();
            Assert.InRange(queries, 1, 2);
            Assert.Equal(0, counter.Count);
        }
    }

    private sealed class QueryCounter(Func<bool> counts) : DbCommandInterceptor
    {
        private int _count;

        public int Count => _count;

        public void Reset() => Interlocked.Exchange(ref _count, 0);

        private void Tally(Func<bool> when)
        {
            if (when())
            {
                Interlocked.Increment(ref _count);
            }
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Tally(counts);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Tally(counts);
            return base.ReaderExecuting(command, eventData, result);
        }
    }
}
