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
        // Every POST form carries a one-time key; a repeat of a stored POST changes nothing (SubmissionKeyFilter).
        builder.Services.AddRazorPages(o => o.Conventions.ConfigureFilter(new ServiceFilterAttribute(typeof(SubmissionKeyFilter))))
            .AddHotlineViewLocalization().AddDisplayTextBinding();
        builder.Services.AddScoped<SubmissionKeyFilter>();
        // Every date in an address or form is bound one way, within the dates the product supports.
        builder.Services.Configure<MvcOptions>(o => o.ModelBinderProviders.Insert(0, new DateBinder()));
        builder.Services.AddAntiforgery(o => o.Cookie.Name = "hotline.af");
        // Chinese text goes out as characters, not &#x…; entities: pages stay half the size and readable.
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        return builder;
    }

    public static WebApplication UseWeb(this WebApplication app)
    {
        app.UseHttpSecurity();
        // Outside the error pages' re-execution: one log line and one count per request, with its final status.
        app.UseSerilogRequestLogging(RequestLogLine.Configure);
        app.UseMiddleware<RequestMetrics>();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = "/Error",
                // A write that waited its whole time for the SQLite write gate stored nothing and may be tried again.
                StatusCodeSelector = e => e is WriteGateTimeoutException ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError,
            });
            app.UseHsts();
        }

        app.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
        // The workspace's service worker script is asked for afresh on each update check (WorkspaceApp).
        app.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = WorkspaceApp.PrepareResponse });
        app.UseRequestLocalization();
        app.UseRouting();
        app.Use(RequestRoute.CaptureAsync);
        app.UseMiddleware<MetricsAccess>();
        app.UseAuthentication();
        // A one-time password opens nothing but the change-password page and signing out.
        app.UseMiddleware<PasswordChangeGate>();
        app.UseAuthorization();
        app.UseDirectoryCache();
        app.UsePublicStatsCache();
        app.MapHealth();
        app.MapHotlineMetrics();
        app.MapCultureSwitch();
        app.MapElderModeSwitch();
        app.MapOpen311();
        app.MapRazorPages();
        return app;
    }
}
