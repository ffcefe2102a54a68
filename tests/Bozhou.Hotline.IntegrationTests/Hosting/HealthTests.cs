namespace Bozhou.Hotline.IntegrationTests.Hosting;

public class HealthTests
{
    [Fact]
    public async Task Liveness_answers_200_without_touching_the_database()
    {
        using var factory = new HotlineFactory();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/healthz/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Readiness_answers_200_when_the_database_answers()
    {
        using var factory = new HotlineFactory();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Readiness_answers_503_when_the_database_cannot_be_opened_while_liveness_stays_200()
    {
        var missing = Path.Combine(Path.GetTempPath(), "bozhou-hotline-tests", Guid.NewGuid().ToString("N"), "absent.db");
        using var factory = new HotlineFactory()
            .WithEmptyDatabase()
            .With("Database:MigrateOnStartup", "false")
            .With("ConnectionStrings:Hotline", $"Data Source={missing};Mode=ReadWrite");
        using var client = factory.CreateClient();

        using var ready = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        using var live = await client.GetAsync(new Uri("/healthz/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }
}
