using Bozhou.Hotline.Core.Caching;
using Bozhou.Hotline.Core.Data;
using Bozhou.Hotline.Core.Directory;
using Bozhou.Hotline.Web.Http;
using Bozhou.Hotline.Web.Pages.Directory;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bozhou.Hotline.Web.Hosting;

public static class DirectorySetup
{
    /// <summary>The public directory: its reads and its output-cache policy.</summary>
    public static WebApplicationBuilder AddDirectory(this WebApplicationBuilder builder)
    {
        // Cached pages differ by the elder-friendly mode as well as by language (the layout links elder.css).
        builder.Services.AddOutputCache(o => o.AddPolicy(DirectoryCache.PolicyName, policy => DirectoryCache.Configure(policy).VaryByValue(ElderMode.CacheVary)));
        builder.Services.AddScoped<DirectoryReader>();

        // The layout reads TempData (the flash message) on every page, and the cookie provider then
        // answers with a Set-Cookie deleting the TempData cookie even when the browser sent none. The
        // output cache rightly never stores a response that sets a cookie, so that header alone would
        // keep every page out of the cache.
        builder.Services.TryAddSingleton<CookieTempDataProvider>();
        builder.Services.Replace(ServiceDescriptor.Singleton<ITempDataProvider, NoNeedlessDeleteTempDataProvider>());
        return builder;
    }

    /// <summary>
    /// Serves the cached directory pages. After routing (the pages name their policy) and after
    /// authentication (signed-in users are never served from or stored in the cache).
    /// </summary>
    public static WebApplication UseDirectoryCache(this WebApplication app)
    {
        DirectoryCache.EvictOnChanges(app.Services.GetRequiredService<KeptValueChanges>(), app.Services.GetRequiredService<IOutputCacheStore>());
        app.UseOutputCache();
        return app;
    }
}
