using Bozhou.Hotline.Web.Hosting;

namespace Bozhou.Hotline.IntegrationTests.DirectoryPages;

public class DemoSeedTests
{
    [Fact]
    public async Task The_demo_directory_is_seeded_once_and_a_second_start_adds_nothing()
    {
        using var factory = DemoDirectorySite.NewFactory();
        using var client = factory.CreateClient();

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(TestContext.Current.CancellationToken);
        }

        await factory.WithDbAsync(async db =>
        {
            Assert.Equal(81, await db.Cadres.CountAsync());
            Assert.Equal(5, await db.Jurisdictions.CountAsync());
            Assert.InRange(await db.Topics.CountAsync(), 2, 20);
            Assert.Equal(80, await db.Cadres.CountAsync(c => c.SuperiorId != null));
        });
    }

    [Fact]
    public async Task Without_Seed_Demo_the_directory_stays_empty_and_no_demonstration_banner_shows()
    {
        using var factory = new HotlineFactory();
        using var client = factory.CreateClient();

        var home = await client.GetPageAsync("/");
        var directory = await client.GetPageAsync("/directory");

        Assert.Null(home.QuerySelector("#demo-banner"));
        Assert.Empty(directory.QuerySelectorAll("article.cadre"));
        Assert.NotNull(directory.QuerySelector("#no-results"));
        await factory.WithDbAsync(async db => Assert.Equal(0, await db.Cadres.CountAsync()));
    }
}
