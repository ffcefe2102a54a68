using Bozhou.Hotline.Web.Hosting;
using Microsoft.Extensions.Configuration;
using static Bozhou.Hotline.TestSupport.SupervisionTestData;

namespace Bozhou.Hotline.IntegrationTests.Supervision;

/// <summary>The queue and scorecard queries on PostgreSQL (skipped without HOTLINE_TEST_POSTGRES).</summary>
public class SupervisionPostgresTests
{
    [Fact]
    public async Task Queues_spot_checks_and_scorecards_run_on_PostgreSQL()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var factory = new AuthenticatedHotlineFactory();
        factory.UsePostgres(database.ConnectionString);
        var data = await SeedAsync(factory);
        var missed = await data.LogAsync(data.TransportHead, China(2026, 2, 24, 9));
        var consultation = await data.LogAsync(data.DistrictHead, China(2026, 2, 2, 9), CallOutcome.Answered, topicId: data.TopicConsultation);
        for (var i = 0; i < 10; i++)
        {
            await data.LogAsync(data.Mayor, China(2026, 2, 4, 10).AddMinutes(i), i < 7 ? CallOutcome.Answered : CallOutcome.NotAnswered);
        }

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.Equal(0, await global::Bozhou.Hotline.Web.Commands.HostCommands.RebuildStatsAsync(scope.ServiceProvider, new ConfigurationBuilder().Build()));
        }

        using var client = factory.CreateClientAs("督查员", Roles.Supervisor);
        var missedCalls = await client.GetPageAsync("/supervision?kind=MissedCalls&jurisdiction=city");
        Assert.NotNull(missedCalls.QuerySelector($"tr[data-code='{missed.TrackingCode}']"));
        var longOverdue = await client.GetPageAsync("/supervision?kind=LongOverdueReplies");
        Assert.NotNull(longOverdue.QuerySelector($"tr[data-code='{consultation.TrackingCode}']"));

        var card = await client.GetPageAsync("/supervision/scorecards?level=cadre&period=2026-02");
        var mayor = card.QuerySelector($"#scorecard tr[data-id='{data.Mayor}'] td[data-metric='AnswerRate']")!;
        Assert.Equal("70.0%", mayor.QuerySelector(".rate")!.TextContent.Trim());

        await client.GetPageAsync("/supervision/dashboard?from=2026-02-01&to=2026-03-02");
        await client.GetPageAsync("/supervision/bulletin?jurisdiction=city&month=2026-02");
        var spot = await client.GetPageAsync("/supervision/spot-checks");
        await client.SubmitAsync(spot.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("#draw-form")!, pageUrl: "/supervision/spot-checks");
        Assert.Equal(1, await data.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.SpotCheckRounds)));
    }
}
