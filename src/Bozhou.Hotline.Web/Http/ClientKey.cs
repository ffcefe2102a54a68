using System.Net;
using System.Net.Sockets;

namespace Bozhou.Hotline.Web.Http;

/// <summary>
/// Who a request comes from, for per-client limits: the IPv4 address, or the /64 network of an IPv6
/// address (one household or phone gets a whole /64 and could otherwise rotate through it). Behind a
/// reverse proxy this is the address the proxy forwards, believed only from the known proxies
/// (<see cref="Http.ProxyOptions"/>), so that each citizen counts alone.
/// </summary>
public static class ClientKey
{
    public static string Of(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var address = http.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
