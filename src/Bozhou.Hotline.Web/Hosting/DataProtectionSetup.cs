using Bozhou.Hotline.Core.Data;
using Microsoft.AspNetCore.DataProtection;

namespace Bozhou.Hotline.Web.Hosting;

public static class DataProtectionSetup
{
    /// <summary>Keys live in the database so cookies and protected fields survive restarts and several instances.</summary>
    public static WebApplicationBuilder AddHotlineDataProtection(this WebApplicationBuilder builder)
    {
        builder.Services.AddDataProtection()
            .SetApplicationName("Bozhou.Hotline")
            .PersistKeysToDbContext<HotlineDbContext>();
        return builder;
    }
}
