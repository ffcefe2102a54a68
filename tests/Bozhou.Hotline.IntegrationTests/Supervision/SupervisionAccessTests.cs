namespace Bozhou.Hotline.IntegrationTests.Supervision;

public class SupervisionAccessTests : IClassFixture<AuthenticatedHotlineFactory>
{
    public static TheoryData<string> Pages => new()
    {
        "/supervision",
        "/supervision?kind=LongOverdueReplies",
        "/supervision/cadres/1",
        "/supervision/spot-checks",
        "/supervision/scorecards?level=cadre&period=2026-03",
        "/supervision/dashboard",
        "/supervision/bulletin?jurisdiction=city&month=2026-03",
        "/supervision/appeals/1",
    };

    public static TheoryData<string> Posts => new()
    {
        "/supervision/export?handler=Queue",
        "/supervision/export?handler=Scorecard",
        "/supervision?handler=Remind",
        "/supervision/spot-checks?handler=Draw",
        "/supervision/spot-checks?handler=Record",
        "/supervision/cadres/1",
        "/supervision/appeals/1?handler=Remind",
        "/supervision/appeals/1?handler=Reveal",
        "/supervision/appeals/1?handler=Escalate",
    };

    private readonly AuthenticatedHotlineFactory _factory;

    public SupervisionAccessTests(AuthenticatedHotlineFactory factory) => _factory = factory;

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Cadres_and_staff_are_forbidden_every_supervision_page(string url)
    {
        foreach (var role in new[] { Roles.Cadre, Roles.Staff })
        {
            using var client = _factory.CreateClientAs("someone", followRedirects: false, role);
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{role} GET {url}: {(int)response.StatusCode}");
        }
    }

    [Theory]
    [MemberData(nameof(Posts))]
    public async Task Cadres_and_staff_are_forbidden_every_supervision_export_and_action(string url)
    {
        foreach (var role in new[] { Roles.Cadre, Roles.Staff })
        {
            using var client = _factory.CreateClientAs("someone", followRedirects: false, role);
            using var body = new FormUrlEncodedContent([new("kind", "MissedCalls"), new("level", "Cadre"), new("period", "2026-03"), new("metric", "AnswerRate")]);
            using var response = await client.PostAsync(new Uri(url, UriKind.Relative), body);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{role} POST {url}: {(int)response.StatusCode}");
        }
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Anonymous_visitors_are_challenged_on_every_supervision_page(string url)
    {
        using var client = _factory.CreateClientAs("anonymous", followRedirects: false);
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));

        // The test scheme answers a challenge with 401; Identity's cookie will redirect to /account/login.
        Assert.True(
            response.StatusCode == HttpStatusCode.Unauthorized
            || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/account/login", StringComparison.OrdinalIgnoreCase)),
            $"anonymous GET {url}: {(int)response.StatusCode}");
    }

    [Fact]
    public async Task Anonymous_visitors_cannot_export()
    {
        using var client = _factory.CreateClientAs("anonymous", followRedirects: false);
        using var body = new FormUrlEncodedContent([new("kind", "MissedCalls"), new("includeFullPhones", "true")]);
        using var response = await client.PostAsync(new Uri("/supervision/export?handler=Queue", UriKind.Relative), body);

        Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Redirect, $"{(int)response.StatusCode}");
    }

    [Theory]
    [InlineData("Supervisor")]
    [InlineData("Admin")]
    public async Task Supervisors_and_admins_reach_the_supervision_pages(string role)
    {
        using var client = _factory.CreateClientAs("督查员", role);
        foreach (var url in new[] { "/supervision", "/supervision/spot-checks", "/supervision/scorecards", "/supervision/dashboard" })
        {
            await client.GetPageAsync(url);
        }
    }
}
