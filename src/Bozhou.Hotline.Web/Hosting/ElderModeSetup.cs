namespace Bozhou.Hotline.Web.Hosting;

public static class ElderModeSetup
{
    /// <summary>The elder-friendly mode's switch, <c>GET /elder/on</c> and <c>/elder/off</c> (<see cref="ElderMode"/>).</summary>
    public static WebApplication MapElderModeSwitch(this WebApplication app)
    {
        app.MapGet("/elder/{state}", ElderMode.Handle);
        return app;
    }
}
