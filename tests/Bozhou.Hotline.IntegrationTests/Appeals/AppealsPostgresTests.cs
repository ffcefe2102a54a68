using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bozhou.Hotline.IntegrationTests.Appeals;

/// <summary>The appeal's journey on PostgreSQL: unique index, concurrency token, text and instants as that provider keeps them.</summary>
public class AppealsPostgresTests
{
    [Fact]
    public async Task On_PostgreSQL_an_appeal_is_logged_retried_past_a_code_collision_followed_rated_and_closed_unrated()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var factory = new HotlineFactory().UsePostgres(database.ConnectionString).With("Appeals:UnratedSweepInterval", "30.00:00:00");
        var directory = await factory.SeedDirectoryAsync();
        using var client = factory.Client();
        const string text = "路灯不亮 💡 <b>Street light</b> ΑΒΓ\n第二行";

        var first = await client.LogAppealAsync(factory, directory, ("Input.Description", text));
        var fresh = TrackingCode.Generate();
        using var colliding = factory.WithWebHostBuilder(b => b.ConfigureServices(s =>
        {
            s.RemoveAll<TrackingCodeSource>();
            s.AddSingleton<TrackingCodeSource>(new ScriptedCodes(first, fresh));
        }));
        var second = await colliding.CreateClient(new() { AllowAutoRedirect = false }).LogAppealAsync(factory, directory);

        Assert.Equal(fresh, second);
        var stored = await factory.LoadAppealAsync(first);
        Assert.Equal(text, stored.Description);
        Assert.Equal(factory.Clock.GetUtcNow(), stored.LoggedAt);

        var page = await client.GetPageAsync("/appeals/track/" + first);
        Assert.Equal(text, page.QuerySelector("#description")!.TextContent);
        using var call = await client.SubmitAsync(page.QuerySelector<IHtmlFormElement>("form#call-form")!, Html.Fields(("Call.Outcome", "NotAnswered")));
        Assert.Equal(HttpStatusCode.Redirect, call.StatusCode);
        await factory.ReplyAsync(first);
        var rating = await client.GetPageAsync("/appeals/track/" + first);
        using var rated = await client.SubmitAsync(rating.QuerySelector<IHtmlFormElement>("form#rate-form")!, Html.Fields(("Rating.Resolved", "false"), ("Rating.Score", "2")));
        Assert.Equal(HttpStatusCode.Redirect, rated.StatusCode);
        await factory.ReplyAsync(first, "已更换线路。");
        factory.Clock.Advance(TimeSpan.FromDays(7));

        var closed = await factory.Services.GetRequiredService<UnratedAppealCloser>().CloseDueAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, closed);
        var appeal = await factory.LoadAppealAsync(first);
        Assert.Equal(AppealStatus.Closed, appeal.Status);
        Assert.True(appeal.FlaggedForSupervision);
        Assert.Equal(2, appeal.CallAttempts.Count);
        Assert.Equal(
            [AppealEventKind.Logged, AppealEventKind.CallAttempt, AppealEventKind.Reply, AppealEventKind.Rating, AppealEventKind.Reopened, AppealEventKind.Reply, AppealEventKind.Closed],
            appeal.Events.OrderBy(e => e.Id).Select(e => e.Kind));
    }

    [Fact]
    public async Task On_PostgreSQL_a_NUL_posted_to_the_appeal_form_is_dropped_where_the_database_would_refuse_it()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var factory = new HotlineFactory().UsePostgres(database.ConnectionString);
        var directory = await factory.SeedDirectoryAsync();
        using var client = factory.Client();
        var form = await client.OpenFormAsync();
        var fields = AppealsKit.ValidFields(directory, factory.Clock.GetUtcNow().AddMinutes(-10));
        fields["Input.Description"] = "路灯\0不亮\u202E";
        fields["Input.CallerType"] = "Enterprise";
        fields["Input.EnterpriseName"] = "华佗\0药业\n有限公司";

        using var response = await client.SubmitMultipartAsync(form, fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var appeal = await factory.LoadAppealAsync(response.Headers.Location!.OriginalString["/appeals/receipt/".Length..]);
        Assert.Equal(("路灯不亮", "华佗药业 有限公司"), (appeal.Description, appeal.EnterpriseName));
    }

    private sealed class ScriptedCodes(params string[] codes) : TrackingCodeSource
    {
        private int _next;

        public override string Next() => codes[Math.Min(_next++, codes.Length - 1)];
    }
}
