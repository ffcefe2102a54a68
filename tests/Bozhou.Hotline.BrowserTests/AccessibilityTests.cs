using System.Text;
using Bozhou.Hotline.Core.Settings;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace Bozhou.Hotline.BrowserTests;

/// <summary>
/// axe-core in Chromium over the public pages (home, directory list, search results, a cadre's card, the appeal form,
/// the tracking status page), in Chinese and English, each in the standard and the elder-friendly mode, on a phone:
/// no serious or critical finding. In the elder-friendly mode the body text is at least 20 px and every button, field,
/// choice and menu link at least 44 px. A screenshot of each page in each mode is kept.
/// </summary>
public class AccessibilityTests(ITestOutputHelper output)
{
    private static readonly (string Name, string Culture, bool Elder)[] Modes =
        [("zh", "zh-CN", false), ("en", "en", false), ("zh-elder", "zh-CN", true), ("en-elder", "en", true)];

    [Fact]
    public async Task The_public_pages_have_no_serious_or_critical_axe_findings_in_either_language_or_in_the_elder_friendly_mode()
    {
        await using var session = await BrowserSession.StartAsync();
        var directory = await session.Factory.SeedDirectoryAsync();
        await using (var scope = session.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
            // What a citizen sees at its fullest: an availability note and every footer line.
            var deputy = await db.Cadres.SingleAsync(c => c.Id == directory.DeputyMayorId);
            deputy.AvailabilityNote = "在开会，16:00后回电";
            deputy.AvailabilityUntil = session.Factory.Clock.GetUtcNow().AddHours(4);
            db.SavedSettings.Add(new SavedSettings
            {
                Footer = new SiteFooter
                {
                    Sponsor = "亳州市人民政府办公室", SponsorEn = "General Office of Bozhou Municipal People's Government",
                    IcpFiling = "皖ICP备05001234号", PublicSecurityFiling = "皖公网安备 34160202000123号", GovernmentSiteId = "3416000001",
                },
            });
            await db.SaveChangesAsync();
        }

        await session.Factory.Services.GetRequiredService<Core.Caching.KeptValueChanges>()
            .ChangedAsync([Core.Caching.KeptTags.Directory, Core.Caching.KeptTags.Settings], TestContext.Current.CancellationToken);
        var code = await LogAppealAsync(await session.NewPageAsync(phone: true), directory.DeputyMayorId);
        var search = Uri.EscapeDataString(TestWorld.People.WangQiang.Post);
        var opener = await session.NewPageAsync(phone: true);
        var statusUrl = new Uri(await OpenStatusAsync(opener, code)).PathAndQuery;
        await opener.Context.CloseAsync();
        var pages = new (string Name, string Url)[]
        {
            ("home", "/"), ("directory", "/directory"), ("search", "/directory?q=" + search),
            ("card", $"/directory/cadres/{directory.DeputyMayorId}"), ("appeal-form", $"/appeals/new?cadre={directory.DeputyMayorId}"),
            ("status", statusUrl),
        };

        var failures = new List<string>();
        foreach (var mode in Modes)
        {
            var page = await session.NewPageAsync(phone: true);
            if (mode.Culture == "en")
            {
                await page.GotoAsync("/culture/en?returnUrl=/");
            }

            if (mode.Elder)
            {
                await page.GotoAsync("/elder/on?returnUrl=/");
            }

            await OpenStatusAsync(page, code);
            foreach (var (name, url) in pages)
            {
                await page.GotoAsync(url);
                Assert.Equal(mode.Culture, await page.GetAttributeAsync("html", "lang"));
                Assert.Equal(mode.Elder, (await page.GetAttributeAsync("html", "class") ?? "").Contains("elder", StringComparison.Ordinal));
                var results = await page.RunAxe();
                foreach (var violation in results.Violations.Where(v => v.Impact is "serious" or "critical"))
                {
                    failures.Add($"{mode.Name} {url}: {violation.Id} ({violation.Impact}) {violation.Help}: "
                        + string.Join(" | ", violation.Nodes.Take(5).Select(n => n.Target + " " + string.Join("; ", n.Any.Concat(n.All).Select(c => c.Message)))));
                }

                output.WriteLine($"{mode.Name} {url}: {results.Passes.Length} rules passed, {results.Violations.Length} with findings "
                    + $"({string.Join(", ", results.Violations.Select(v => $"{v.Id}:{v.Impact}"))})");
                if (mode.Elder)
                {
                    failures.AddRange(await ElderSizesAsync(page, $"{mode.Name} {url}"));
                }

                await BrowserSession.ScreenshotAsync(page, $"a11y-{mode.Name}-{name}");
            }

            await page.Context.CloseAsync();
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>The body's text size and the size of every visible button, field, choice and menu link, against the elder mode's 20 px and 44 px.</summary>
    private static async Task<IReadOnlyList<string>> ElderSizesAsync(IPage page, string where)
    {
        var body = await page.EvaluateAsync<double>("() => parseFloat(getComputedStyle(document.body).fontSize)");
        var small = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('.btn, .form-control, .form-select, .form-check, .nav-link, .navbar-toggler, #elder-switch')]
                .filter(e => e.offsetParent !== null)
                .map(e => [e, e.getBoundingClientRect()])
                .filter(([e, r]) => r.height < 44 || r.width < 44)
                .map(([e, r]) => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}.${[...e.classList].join('.')} ${Math.round(r.width)}x${Math.round(r.height)}`)
            """);
        var found = small.Select(s => $"{where}: target {s} is smaller than 44 px").ToList();
        if (body < 20)
        {
            found.Add($"{where}: body text is {body} px, under 20 px");
        }

        return found;
    }

    /// <summary>Logs a missed call through the form, as a citizen would; returns its tracking code.</summary>
    private static async Task<string> LogAppealAsync(IPage page, int cadreId)
    {
        await page.GotoAsync($"/appeals/new?cadre={cadreId}");
        await page.FillAsync("#phone", "13805581234");
        await page.CheckAsync("#outcome-NotAnswered");
        await page.FillAsync("#name", "陈静");
        await page.SelectOptionAsync("#topic", new SelectOptionValue { Index = 1 });
        await page.FillAsync("#description", "谯城区汤陵路路灯连续一周不亮，夜间行人出行不便，请尽快维修。");
        await page.CheckAsync("#consent");
        await Task.WhenAll(page.WaitForURLAsync("**/appeals/receipt/**"), page.ClickAsync("button[type=submit]"));
        var code = (await page.TextContentAsync("#tracking-code"))!.Trim();
        await page.Context.CloseAsync();
        return code;
    }

    /// <summary>Passes the tracking page's check (code and the phone's last four digits), which opens the status page to this browser; returns its address.</summary>
    private static async Task<string> OpenStatusAsync(IPage page, string code)
    {
        await page.GotoAsync("/appeals/track");
        await page.FillAsync("#code", code);
        await page.FillAsync("#lastFour", "1234");
        await Task.WhenAll(page.WaitForURLAsync("**/appeals/track/*"), page.ClickAsync("#track-check button[type=submit]"));
        return page.Url;
    }
}
