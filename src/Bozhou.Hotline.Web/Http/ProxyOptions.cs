using System.Net;

namespace Bozhou.Hotline.Web.Http;

/// <summary>
/// The reverse proxies (nginx in front of Kestrel) whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are
/// believed: only a request arriving from one of them has its client address and scheme taken from those headers.
/// With neither list set, the loopback addresses are the proxies (nginx on the same machine).
/// </summary>
public sealed class ProxyOptions
{
    /// <summary>The configuration section: <c>Proxy:KnownProxies:0=10.0.0.5</c>, <c>Proxy:KnownNetworks:0=10.0.0.0/24</c>.</summary>
    public const string Section = "Proxy";

    /// <summary>Addresses of single proxies (IPv4 or IPv6).</summary>
    public IList<string> KnownProxies { get; } = [];

    /// <summary>Networks of proxies in CIDR notation (<c>10.0.0.0/24</c>).</summary>
    public IList<string> KnownNetworks { get; } = [];

    /// <summary>How many proxies in a chain are unwound, from the nearest; each must be known.</summary>
    public int ForwardLimit { get; set; } = 1;

    /// <summary>Whether every entry parses and the limit is at least one.</summary>
    public bool IsValid => ForwardLimit > 0
        && KnownProxies.All(p => IPAddress.TryParse(p, out _))
        && KnownNetworks.All(n => IPNetwork.TryParse(n, out _));

    /// <summary>The proxies as addresses (entries that do not parse are refused at start-up by <see cref="IsValid"/>).</summary>
    public IEnumerable<IPAddress> ProxyAddresses() =>
        KnownProxies.Select(p => IPAddress.TryParse(p, out var address) ? address : null).OfType<IPAddress>();

    /// <summary>The proxy networks (entries that do not parse are refused at start-up by <see cref="IsValid"/>).</summary>
    public IEnumerable<IPNetwork> ProxyNetworks() =>
        KnownNetworks.Select(n => IPNetwork.TryParse(n, out var network) ? (IPNetwork?)network : null).OfType<IPNetwork>();
}
