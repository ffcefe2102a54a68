namespace Bozhou.Hotline.Web.Hosting;

public static class DataProtectionSetup
{
    /// <summary>
    /// The key ring in the database, encrypted with the <c>DataProtection</c> certificate
    /// (<see cref="HotlineDataServices.AddHotlineKeyRing"/>, shared with the bench seeder). In Production the app
    /// refuses to start without a certificate, before it opens the database.
    /// </summary>
    public static WebApplicationBuilder AddHotlineDataProtection(this WebApplicationBuilder builder)
    {
        builder.Services.AddHotlineKeyRing(builder.Configuration, builder.Environment);
        return builder;
    }
}
