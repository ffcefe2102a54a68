using System.Net;
using Bozhou.Hotline.Web.Http;

namespace Bozhou.Hotline.IntegrationTests.Http;

public class MetricsOptionsTests
{
    [Theory]
    [InlineData(null, "127.0.0.1", true)]
    [InlineData(null, "127.8.9.10", true)]
    [InlineData(null, "::1", true)]
    [InlineData(null, "::ffff:127.0.0.1", true)]
    [InlineData(null, "10.0.0.1", false)]
    [InlineData("10.0.0.0/8", "10.1.2.3", true)]
    [InlineData("10.0.0.0/8", "127.0.0.1", false)]
    [InlineData("2001:db8::/32", "2001:db8:1::5", true)]
    public void Allowed_networks_are_loopback_by_default_and_replaced_by_the_configured_ones(string? network, string client, bool allowed)
    {
        var options = new MetricsOptions();
        if (network is not null)
        {
            options.AllowedNetworks.Add(network);
        }

        Assert.Equal(allowed, options.Allows(IPAddress.Parse(client)));
        Assert.False(options.Allows(null));
    }
}
