using Bozhou.Hotline.Web.Pages.Directory;

namespace Bozhou.Hotline.Web.Hosting;

public static class DirectorySetup
{
    /// <summary>The public directory: its reads, its output-cache policy and its demonstration data.</summary>
    public static WebApplicationBuilder AddDirectory(this WebApplicationBuilder builder)
    {
        builder.Services.AddOutputCache(o => o.AddPolicy(DirectoryCache.PolicyName, DirectoryCache.Configure));
        builder.Services.AddScoped<DirectoryReader>();
        builder.Services.AddScoped<IDemoSeed, DirectoryDemoSeed>();
        return builder;
    }

    /// <summary>
    /// Serves the cached directory pages. After routing (the pages name their policy) and after
    /// authentication (signed-in users are never served from or stored in the cache).
    /// </summary>
    public static WebApplication UseDirectoryCache(this WebApplication app)
    {
        app.UseOutputCache();
        return app;
    }
}
