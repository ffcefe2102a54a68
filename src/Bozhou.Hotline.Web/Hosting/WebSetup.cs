using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;
using Serilog;

namespace Bozhou.Hotline.Web.Hosting;

public static class WebSetup
{
    public static WebApplicationBuilder AddWeb(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddRazorPages().AddHotlineViewLocalization();
        builder.Services.AddAntiforgery(o => o.Cookie.Name = "hotline.af");
        // Chinese text goes out as characters, not &#x…; entities: pages stay half the size and readable.
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        return builder;
    }

    public static WebApplication UseWeb(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
            app.UseHsts();
        }

        app.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
        app.UseSerilogRequestLogging();
        app.UseStaticFiles();
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseDirectoryCache();
        app.MapHealth();
        app.MapCultureSwitch();
        app.MapRazorPages();
        return app;
    }
}
