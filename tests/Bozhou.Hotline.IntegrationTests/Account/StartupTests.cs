using Microsoft.AspNetCore.Hosting;

namespace Bozhou.Hotline.IntegrationTests.Account;

public class StartupTests
{
    [Fact]
    public void In_Production_demo_seeding_without_a_password_refuses_to_start_with_a_clear_message()
    {
        using var factory = new ProductionFactory();
        factory.WithEmptyDatabase().With("Seed:Demo", "true").With("Seed:DemoPassword", "");

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Seed:DemoPassword", Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public void The_Http_SMS_gateway_without_an_absolute_url_refuses_to_start()
    {
        using var factory = new HotlineFactory().WithEmptyDatabase().With("Sms:Gateway", "Http").With("Sms:Url", "sms.example/send");

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Sms:Url", Flatten(error), StringComparison.Ordinal);
    }

    private static string Flatten(Exception e) => e.InnerException is null ? e.Message : e.Message + " | " + Flatten(e.InnerException);

    private sealed class ProductionFactory : HotlineFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }
}
