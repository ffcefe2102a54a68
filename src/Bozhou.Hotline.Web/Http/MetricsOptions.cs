using System.Net;

namespace Bozhou.Hotline.Web.Http;

/// <summary>
/// Who may read <c>/metrics</c>: the client address (after a trusted proxy's <c>X-Forwarded-For</c>, see
/// <see cref="ProxyOptions"/>) must lie in one of <see cref="AllowedNetworks"/>; any other client gets the site's
/// ordinary 404, as for an address that does not exist.
/// </summary>
public sealed class MetricsOptions
{
    /// <summary>The configuration section: <c>Metrics:AllowedNetworks:0=10.0.0.0/24</c>.</summary>
    public const string Section = "Metrics";

    /// <summary>The loopback networks, allowed when no network is configured (Prometheus on the same machine).</summary>
    public static readonly IReadOnlyList<IPNetwork> Loopback = [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")];

    /// <summary>Networks in CIDR notation (<c>10.0.0.0/24</c>, <c>192.0.2.7/32</c>); set, they replace <see cref="Loopback"/>.</summary>
    public IList<string> AllowedNetworks { get; } = [];

    /// <summary>Whether every entry is a network in CIDR notation.</summary>
    public bool IsValid => AllowedNetworks.All(n => IPNetwork.TryParse(n, out _));

    /// <summary>Whether <paramref name="client"/> may read the metrics; an IPv4 address mapped into IPv6 counts as IPv4, no address never.</summary>
    public bool Allows(IPAddress? client)
    {
        if (client is null)
        {
            return false;
        }

        if (client.IsIPv4MappedToIPv6)
        {
            client = client.MapToIPv4();
        }

        var networks = AllowedNetworks.Count == 0
            ? Loopback
            : AllowedNetworks.Select(n => IPNetwork.TryParse(n, out var network) ? (IPNetwork?)network : null).OfType<IPNetwork>();
        return networks.Any(n => n.Contains(client));
    }
}
