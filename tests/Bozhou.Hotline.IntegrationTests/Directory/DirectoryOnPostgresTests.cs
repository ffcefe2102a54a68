namespace Bozhou.Hotline.IntegrationTests.DirectoryPages;

public class DirectoryOnPostgresTests
{
    [Fact]
    public async Task On_PostgreSQL_the_demo_directory_seeds_lists_searches_and_shows_cards()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var factory = DemoDirectorySite.NewFactory().UsePostgres(database.ConnectionString);
        using var client = factory.CreateClient();
        var id = await factory.CadreIdAsync("冯海涛");

        var list = await client.GetPageAsync("/directory");
        var search = await client.GetPageAsync("/directory?q=" + Uri.EscapeDataString("公交"));
        var card = await client.GetPageAsync($"/directory/cadres/{id}");
        var home = await client.GetPageAsync("/");

        Assert.Equal(81, list.QuerySelectorAll("article.cadre").Length);
        Assert.Equal(["冯海涛", "王建华"], search.CadreNames("#results"));
        Assert.Equal(3, card.QuerySelectorAll("#escalation a").Length);
        Assert.Equal(59, home.QuerySelectorAll("#units a[href^='/directory?department=']").Length);
    }
}
