using System.Net;
using Bozhou.Hotline.IntegrationTests.Appeals;
using Bozhou.Hotline.TestSupport;

namespace Bozhou.Hotline.IntegrationTests.Data;

/// <summary>
/// Two instances of the app on one PostgreSQL database count a client's attempts together (PRODUCT §7): a client
/// alternating between them gets exactly the limit, not the limit on each.
/// </summary>
public sealed class TwoInstanceLimitsTests : IAsyncDisposable
{
    private const int Limit = 3;

    private PostgresDatabase? _database;
    private HotlineFactory? _a;
    private HotlineFactory? _b;

    private async Task<(HotlineFactory A, HotlineFactory B)> StartTwoAsync(string setting)
    {
        _database = await PostgresDatabase.CreateAsync();
        _a = new HotlineFactory().UsePostgres(_database.ConnectionString).With(setting, Limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _ = _a.Services;
        _b = new HotlineFactory().UsePostgres(_database.ConnectionString).With(setting, Limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _ = _b.Services;
        return (_a, _b);
    }

    [Fact]
    public async Task A_client_alternating_between_two_instances_stores_exactly_the_hourly_allowance_of_appeals()
    {
        var (a, b) = await StartTwoAsync("Appeals:SubmissionsPerHour");
        var directory = await a.SeedDirectoryAsync();
        using var toA = a.Client();
        using var toB = b.Client();

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 2 * Limit; i++)
        {
            using var response = await (i % 2 == 0 ? toA : toB).SubmitAppealAsync(a, directory);
            answers.Add(response.StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Redirect, Limit), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, Limit)], answers);
        Assert.Equal(Limit, (await a.CountRowsAsync()).Appeals);
    }

    [Fact]
    public async Task A_client_alternating_between_two_instances_gets_exactly_the_sign_in_limit_per_minute()
    {
        var (a, b) = await StartTwoAsync("Accounts:SignInAttemptsPerMinute");
        using var toA = a.Client();
        using var toB = b.Client();

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 2 * Limit; i++)
        {
            using var response = await WorkspaceTestData.SubmitLoginAsync(i % 2 == 0 ? toA : toB, "nobody@test.local", "wrong-password-123");
            answers.Add(response.StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, Limit), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, Limit)], answers);
    }

    [Fact]
    public async Task Failed_tracking_checks_on_two_instances_count_towards_one_lockout()
    {
        var (a, b) = await StartTwoAsync("Appeals:TrackFailuresAllowed");
        using var toA = a.Client();
        using var toB = b.Client();

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 2 * Limit; i++)
        {
            using var response = await (i % 2 == 0 ? toA : toB).CheckAsync(Core.Appeals.TrackingCode.Generate(), "9999");
            answers.Add(response.StatusCode);
        }

        // Each wrong check is answered with the form again; once three are counted, on either instance, the next is refused.
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, Limit), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, Limit)], answers);
    }

    [Fact]
    public async Task Simultaneous_wrong_tracking_checks_on_two_instances_get_no_more_answers_than_the_lockout_allows()
    {
        var (a, b) = await StartTwoAsync("Appeals:TrackFailuresAllowed");
        using var toA = a.Client();
        using var toB = b.Client();
        var formA = (await toA.GetPageAsync("/appeals/track")).QuerySelector<IHtmlFormElement>("form#track-check")!;
        var formB = (await toB.GetPageAsync("/appeals/track")).QuerySelector<IHtmlFormElement>("form#track-check")!;

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(async i =>
        {
            var fields = Html.Fields(("Check.Code", Core.Appeals.TrackingCode.Generate()), ("Check.LastFour", "9999"));
            using var response = await (i % 2 == 0 ? toA.SubmitAsync(formA, fields) : toB.SubmitAsync(formB, fields));
            return response.StatusCode;
        }));

        Assert.Equal(Limit, answers.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(12 - Limit, answers.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task Thirty_simultaneous_sign_in_posts_on_two_instances_get_exactly_the_limit_past()
    {
        var (a, b) = await StartTwoAsync("Accounts:SignInAttemptsPerMinute");

        // One browser each (their own antiforgery cookies), all from the same address, half on each instance.
        var answers = await Task.WhenAll(Enumerable.Range(0, 30).Select(async i =>
        {
            using var client = (i % 2 == 0 ? a : b).Client();
            using var response = await WorkspaceTestData.SubmitLoginAsync(client, "nobody@test.local", "wrong-password-123");
            return response.StatusCode;
        }));

        Assert.Equal(
            [(HttpStatusCode.OK, Limit), (HttpStatusCode.TooManyRequests, 30 - Limit)],
            answers.GroupBy(s => s).Select(g => (g.Key, g.Count())).OrderBy(g => g.Key).ToList());
    }

    public async ValueTask DisposeAsync()
    {
        _b?.Dispose();
        _a?.Dispose();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
