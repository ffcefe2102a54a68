using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Bozhou.Hotline.Web.Http;

/// <summary>
/// Which appeals this browser may see without the phone check: the one it just submitted, and those
/// whose code and digits it passed. Kept in one short-lived cookie, encrypted and signed with Data
/// Protection, holding up to <see cref="MaxCodes"/> codes with their expiry; nothing is stored on the
/// server. Anyone else with a code (a shared link, a receipt URL in a history) gets the phone check.
/// </summary>
public sealed class TrackedAppealsCookie(IDataProtectionProvider provider, TimeProvider time, IOptions<AppealsOptions> options)
{
    public const string CookieName = "hotline.appeal";
    public const int MaxCodes = 5;

    private readonly IDataProtector _protector = provider.CreateProtector("Bozhou.Hotline.AppealAccess");

    public bool Has(HttpContext http, string code)
    {
        ArgumentNullException.ThrowIfNull(http);
        return Read(http).TryGetValue(code, out var expires) && expires > time.GetUtcNow();
    }

    public void Grant(HttpContext http, string code)
    {
        ArgumentNullException.ThrowIfNull(http);
        var now = time.GetUtcNow();
        var lifetime = options.Value.AccessLifetime;
        var codes = Read(http).Where(c => c.Value > now && c.Key != code)
            .OrderByDescending(c => c.Value)
            .Take(MaxCodes - 1)
            .Append(new KeyValuePair<string, DateTimeOffset>(code, now + lifetime));
        var payload = string.Join(';', codes.Select(c => c.Key + ":" + c.Value.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        http.Response.Cookies.Append(CookieName, _protector.Protect(payload), new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = "/appeals",
            MaxAge = lifetime,
            IsEssential = true,
        });
    }

    private Dictionary<string, DateTimeOffset> Read(HttpContext http)
    {
        var codes = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        if (!http.Request.Cookies.TryGetValue(CookieName, out var cookie) || string.IsNullOrEmpty(cookie))
        {
            return codes;
        }

        string payload;
        try
        {
            payload = _protector.Unprotect(cookie);
        }
        catch (CryptographicException)
        {
            // Forged, damaged, or from a retired key: as if there were no cookie.
            return codes;
        }

        foreach (var entry in payload.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = entry.Split(':');
            if (parts.Length == 2 && parts[0].Length == TrackingCode.Length
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                codes[parts[0]] = DateTimeOffset.FromUnixTimeSeconds(seconds);
            }
        }

        return codes;
    }
}
