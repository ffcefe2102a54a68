using Bozhou.Hotline.Web.Hosting;
using Microsoft.Extensions.Configuration;
using static Bozhou.Hotline.TestSupport.SupervisionTestData;

namespace Bozhou.Hotline.BrowserTests;

public class SupervisionDashboardTests
{
    [Fact]
    public async Task The_supervision_dashboard_draws_its_four_charts_from_the_sites_own_Chart_js()
    {
        await using var session = await BrowserSession.StartAsync(new AuthenticatedHotlineFactory());
        var data = await SeedAsync(session.Factory);
        int[] hours = [7, 8, 9, 9, 10, 10, 10, 11, 14, 15, 15, 16, 20, 23, 2];
        for (var day = 0; day < 20; day++)
        {
            var date = new DateOnly(2026, 2, 9).AddDays(day);
            for (var i = 0; i < 2 + (day % 5); i++)
            {
                var hour = hours[(day * 3 + i) % hours.Length];
                var cadre = data.ServingCadres[(day + i) % data.ServingCadres.Count];
                await data.LogAsync(cadre, China(date.Year, date.Month, date.Day, hour, 5 * i), i % 3 == 0 ? CallOutcome.NotAnswered : CallOutcome.Answered,
                    topicId: i % 2 == 0 ? data.TopicTransport : data.TopicConsultation);
            }
        }

        await using (var scope = session.Factory.Services.CreateAsyncScope())
        {
            await global::Bozhou.Hotline.Web.Commands.HostCommands.RebuildStatsAsync(scope.ServiceProvider, new ConfigurationBuilder().Build());
        }

        var page = await session.NewPageAsync();
        await page.Context.AddCookiesAsync([new() { Name = TestAuthHandler.Cookie, Value = Uri.EscapeDataString(TestAuthHandler.Value("sup-1", "督查员", Roles.Supervisor)), Url = session.BaseAddress.ToString() }]);
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);

        var response = await page.GotoAsync("/supervision/dashboard?from=2026-02-09&to=2026-03-02");

        Assert.Equal(200, response!.Status);
        await page.WaitForFunctionAsync("() => typeof Chart !== 'undefined' && document.querySelectorAll('canvas').length === 4 && [...document.querySelectorAll('canvas')].every(c => Chart.getChart(c))");
        var drawn = await page.EvaluateAsync<int>(
            """
            () => [...document.querySelectorAll('canvas')].filter(c => {
                const pixels = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                for (let i = 3; i < pixels.length; i += 4) { if (pixels[i] !== 0) return true; }
                return false;
            }).length
            """);
        Assert.Equal(4, drawn);
        var barCount = await page.EvaluateAsync<int>("() => Chart.getChart(document.getElementById('chart-hours')).data.datasets[0].data.reduce((a, b) => a + b, 0)");
        Assert.Equal(await page.EvaluateAsync<int>("() => [...document.querySelectorAll('#table-hours tbody td')].reduce((a, td) => a + Number(td.textContent), 0)"), barCount);
        Assert.Empty(errors);
        var shot = await BrowserSession.ScreenshotAsync(page, "supervision-dashboard");
        Assert.True(new FileInfo(shot).Length > 20_000);

        // The other pages the office reads, for the eye; the bulletin as it prints, without the navigation.
        await page.GotoAsync("/supervision?kind=MissedCalls");
        await BrowserSession.ScreenshotAsync(page, "supervision-queues");
        await page.GotoAsync("/supervision/scorecards?level=cadre&period=2026-02");
        await BrowserSession.ScreenshotAsync(page, "supervision-scorecards");
        await page.GotoAsync("/supervision/bulletin?jurisdiction=city&month=2026-02");
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        Assert.Equal("none", await page.EvalOnSelectorAsync<string>("header nav", "e => getComputedStyle(e).display"));
        Assert.Equal("none", await page.EvalOnSelectorAsync<string>(".supervision-nav", "e => getComputedStyle(e).display"));
        Assert.True(await page.IsVisibleAsync("#bulletin-cadres"));
        await BrowserSession.ScreenshotAsync(page, "supervision-bulletin-print");
        Assert.Empty(errors);
    }
}
