using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Bozhou.Hotline.Web.Http;

/// <summary>The cookie TempData provider, except that it does not delete a cookie the request did not send.</summary>
public sealed class NoNeedlessDeleteTempDataProvider(CookieTempDataProvider cookies, IOptions<CookieTempDataProviderOptions> options)
    : ITempDataProvider
{
    public IDictionary<string, object> LoadTempData(HttpContext context) => cookies.LoadTempData(context);

    public void SaveTempData(HttpContext context, IDictionary<string, object> values)
    {
        if (values.Count == 0 && !context.Request.Cookies.ContainsKey(options.Value.Cookie.Name ?? CookieTempDataProvider.CookieName))
        {
            return;
        }

        cookies.SaveTempData(context, values);
    }
}
