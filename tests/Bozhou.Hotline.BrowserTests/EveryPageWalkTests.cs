using System.Globalization;
using System.Text.Json;

namespace Bozhou.Hotline.BrowserTests;

/// <summary>
/// Walks every page each kind of user reaches by following the site's own links (the citizen, a cadre, staff acting for
/// a cadre, the supervision office, an administrator), in English and in Chinese, on a 390 px phone, and checks on
/// each page: no Chinese in the English interface and no English words in the Chinese one (outside the places marked
/// <c>lang="zh-CN"</c> / <c>lang="en"</c>: people's names, citizens' and staff's own text, holiday occasions, SMS bodies
/// sent in Chinese); nothing wider than the screen; on citizen and workspace pages every link, button and input at least
/// 44 × 44 px (WCAG 2.5.8's inline exception for links inside a sentence); and at 1280 px no menu item broken over lines.
/// One browser; one context per role and language. All findings are listed together when the test fails.
/// </summary>
public partial class EveryPageWalkTests
{
    private const int MinTarget = 44;
    private const int MaxPagesPerWalk = 45;

    /// <summary>What each role opens first; the walk follows the links from there.</summary>
    private static readonly (string Role, string? Email, string[] Start)[] Roles =
    [
        ("citizen", null, ["/", "/directory", "/appeals/new", "/appeals/track"]),
        // The workspace's offline page is a static file no link leads to (its service worker shows it without network).
        ("cadre", WorkspaceWorld.LiEmail, ["/workspace", "/workspace/offline.html"]),
        ("staff", WorkspaceWorld.StaffEmail, ["/workspace"]),
        // The list behind a rising term is linked only when a term rises; the walk's few appeals make none, so it starts there too.
        ("supervision", WorkspaceWorld.SupervisorEmail, ["/supervision", "/supervision/trends?key=%E5%81%9C%E6%B0%B4&scope=city&from=2026-02-23&to=2026-03-01"]),
        ("admin", WorkspaceWorld.AdminEmail, ["/admin"]),
    ];

    /// <summary>
    /// Addresses not walked: actions and downloads (sign-out, the language and elder-mode switches, vCards, CSV, the short
    /// SMS link) and machine interfaces.
    /// </summary>
    private static readonly string[] Skipped =
        ["/account/logout", "/culture/", "/t/", "/open311", "/openapi", "/healthz", "/metrics", "/elder/", "/vcard", "export", "download", ".csv"];

    [Fact]
    public async Task Every_page_of_every_role_reads_in_one_language_fits_a_phone_and_has_targets_large_enough_to_tap()
    {
        var factory = new HotlineFactory().WithoutHostedService<SmsOutboxService>();
        await using var session = await BrowserSession.StartAsync(factory);
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        await SeedAppealsAsync(factory, data, world);

        var findings = new List<string>();
        var walked = 0;
        foreach (var (role, email, start) in Roles)
        {
            foreach (var english in new[] { true, false })
            {
                var language = english ? "en" : "zh";
                var context = await session.Browser.NewContextAsync(new()
                {
                    ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true, Locale = english ? "en-GB" : "zh-CN",
                    BaseURL = session.BaseAddress.ToString(),
                });
                await context.AddCookiesAsync([new() { Name = ".AspNetCore.Culture", Value = english ? "c%3Den%7Cuic%3Den" : "c%3Dzh-CN%7Cuic%3Dzh-CN", Url = session.BaseAddress.ToString() }]);
                var page = await context.NewPageAsync();
                var starts = start.ToList();
                if (email is null)
                {
                    starts.Add(await LogAppealAsync(page, world));
                }
                else
                {
                    await SignInAsync(page, email);
                }

                walked += await WalkAsync(page, $"{role}/{language}", english, starts, findings);
                await BrowserSession.ScreenshotAsync(page, $"walk-{role}-{language}-phone");

                await page.SetViewportSizeAsync(1280, 900);
                await page.GotoAsync(starts[0]);
                foreach (var broken in await page.EvaluateAsync<string[]>(BrokenMenuItemsScript))
                {
                    findings.Add($"{role}/{language} {starts[0]} at 1280 px: menu item broken over lines: {broken}");
                }

                await BrowserSession.ScreenshotAsync(page, $"walk-{role}-{language}-desktop");
                await context.CloseAsync();
            }
        }

        Assert.True(walked > 60, $"Only {walked} pages were walked.");
        Assert.True(findings.Count == 0, $"{findings.Count} findings on {walked} pages:\n" + string.Join('\n', findings));
    }

    private static async Task<int> WalkAsync(IPage page, string walk, bool english, IEnumerable<string> starts, List<string> findings)
    {
        var queue = new Queue<string>(starts);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var shapes = new Dictionary<string, int>(StringComparer.Ordinal);
        var count = 0;
        while (queue.Count > 0 && count < MaxPagesPerWalk)
        {
            var address = queue.Dequeue();
            // One page of each shape (ids and numbers taken out), at most three of each path.
            var shape = Digits().Replace(address, "#");
            var path = shape.Split('?')[0];
            if (!seen.Add(shape) || shapes.GetValueOrDefault(path) >= 3)
            {
                continue;
            }

            shapes[path] = shapes.GetValueOrDefault(path) + 1;
            var response = await page.GotoAsync(address);
            count++;
            if (response is null || response.Status >= 400)
            {
                findings.Add($"{walk} {address}: status {response?.Status}");
                continue;
            }

            var url = new Uri(page.Url).PathAndQuery;
            var citizenOrWorkspace = !url.StartsWith("/supervision", StringComparison.Ordinal) && !url.StartsWith("/admin", StringComparison.Ordinal);
            var result = await page.EvaluateAsync<JsonElement>(CheckScript, new { english, targets = citizenOrWorkspace, min = MinTarget });
            foreach (var finding in result.GetProperty("findings").EnumerateArray())
            {
                findings.Add($"{walk} {url}: {finding.GetString()}");
            }

            foreach (var link in result.GetProperty("links").EnumerateArray().Select(l => l.GetString()!))
            {
                if (!Skipped.Any(s => link.Contains(s, StringComparison.OrdinalIgnoreCase)))
                {
                    queue.Enqueue(link);
                }
            }
        }

        return count;
    }

    private static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/account/login");
        await page.FillAsync("#Input_Email", email);
        await page.FillAsync("#Input_Password", WorkspaceTestData.Password);
        await Task.WhenAll(page.WaitForURLAsync(u => !u.Contains("/account/login", StringComparison.Ordinal)), page.ClickAsync("#login-form button[type=submit]"));
    }

    /// <summary>The citizen logs a missed call through the form and walks on from the receipt (and its tracking page).</summary>
    private static async Task<string> LogAppealAsync(IPage page, WorkspaceWorld world)
    {
        await page.GotoAsync($"/appeals/new?cadre={world.LiId}");
        // The company-name field is for an enterprise caller only.
        Assert.False(await page.IsVisibleAsync("#enterpriseName"));
        await page.CheckAsync("#callerType-Enterprise");
        Assert.True(await page.IsVisibleAsync("#enterpriseName"));
        await page.CheckAsync("#callerType-Individual");
        Assert.False(await page.IsVisibleAsync("#enterpriseName"));
        await page.CheckAsync("#outcome-NotAnswered");
        await page.FillAsync("#phone", "138 0558 1234");
        await page.SelectOptionAsync("#topic", world.TransportTopicId.ToString(CultureInfo.InvariantCulture));
        await page.FillAsync("#description", "城区12路公交晚上8点以后班次太少，希望增加晚间班次。");
        await page.CheckAsync("#consent");
        await Task.WhenAll(page.WaitForURLAsync("**/appeals/receipt/**"), page.ClickAsync("button[type=submit]"));
        return new Uri(page.Url).PathAndQuery;
    }

    /// <summary>A world with something in every list: a missed call, an answered and replied appeal, a transfer, an overdue one reminded by the office, a closed one.</summary>
    private static async Task SeedAppealsAsync(HotlineFactory factory, WorkspaceTestData data, WorkspaceWorld world)
    {
        var now = factory.Clock.GetUtcNow();
        await data.AddAppealAsync(world.LiId, CallOutcome.NotAnswered, now.AddHours(-3));
        await data.AddAppealAsync(world.LiId, CallOutcome.Answered, now.AddDays(-2), world.PolicyTopicId, description: "咨询城乡居民医保缴费标准。",
            then: (a, clock) =>
            {
                a.RecordCallback(true, "已回电说明。", EventActor.Staff("张秘书", TestWorld.People.LiMing.Name), null, now.AddDays(-2).AddHours(1));
                a.Reply(ReplyKind.Resolved, "缴费标准为每人每年380元，可在皖事通缴纳。", null, EventActor.Staff("张秘书", TestWorld.People.LiMing.Name), null, clock, now.AddDays(-1));
            });
        await data.AddAppealAsync(world.LiId, CallOutcome.Answered, now.AddDays(-1),
            then: (a, clock) => a.Transfer(world.ZhangId, "属交通部门职责。", EventActor.Cadre(TestWorld.People.LiMing.Label), null, clock, now.AddHours(-20)));
        await data.AddAppealAsync(world.LiId, CallOutcome.NotAnswered, now.AddDays(-20),
            then: (a, _) => a.RecordReminder("请尽快办理。", EventActor.Office("督查室"), null, now.AddDays(-2)));
        await data.AddAppealAsync(world.LiId, CallOutcome.Answered, now.AddDays(-15), world.PolicyTopicId,
            then: (a, clock) =>
            {
                a.Reply(ReplyKind.Resolved, "已答复。", null, EventActor.Cadre(TestWorld.People.LiMing.Label), null, clock, now.AddDays(-14));
                a.Rate(true, 5, "满意。", clock, now.AddDays(-13), EventActor.Caller);
            });
    }

    [System.Text.RegularExpressions.GeneratedRegex("[0-9]+")]
    private static partial System.Text.RegularExpressions.Regex Digits();

    /// <summary>
    /// Run in the page: the language, overflow and target checks, and the same-site links to walk on. Text under an element
    /// marked lang="zh-CN" is allowed Chinese on an English page; under lang="en", allowed English on a Chinese page.
    /// </summary>
    private const string CheckScript =
        """
        ({ english, targets, min }) => {
          const findings = [];
          const cjk = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]/;
          // Technical tokens allowed in Chinese text.
          const allowed = new Set(['SMS', 'API', 'CSV', 'ID', 'IDs', 'URL', 'HTTP', 'HTTPS', 'JSON', 'vCard', 'OpenAPI', 'GeoReport', 'Open311',
            'ICP', 'PDF', 'Excel', 'xlsx', 'UTF', 'GBK', 'GB', 'BOM', 'Chart', 'js', 'IP', 'IPv6', 'PostgreSQL', 'SQLite', 'WAL', 'CIDR',
            'Wilson', /* the calendar file's columns and values */ 'date', 'kind', 'occasion', 'holiday', 'workday',
            /* the cadre list's columns */ 'jurisdiction', 'department', 'name', 'position', 'duties', 'mobile', 'office_phone', 'order', 'superior']);
          const langOf = el => (el.closest('[lang]')?.getAttribute('lang') ?? '').toLowerCase();
          const clip = s => s.replace(/\s+/g, ' ').trim().slice(0, 80);
          const englishWords = text => text
            .replace(/\{[a-z]+\}/g, ' ')                         // SMS placeholders: {code}
            .replace(/\b[a-z_]+(?:[,-][a-z_]+)+\b/g, ' ')         // file headers and commands: date,kind,occasion; rebuild-stats
            .replace(/[\w.+-]+@[\w.-]+/g, ' ')                  // e-mail addresses
            .replace(/https?:\/\/[^\s；，。）]*|\/[\w\/.?=&%-]+/g, ' ') // addresses
            .replace(/\b[0-9A-Z]{5}-?[0-9A-Z]{5}\b/g, ' ')       // tracking codes
            .replace(/\b(?=[A-Za-z0-9]*\d)[A-Za-z0-9_-]+\b/g, ' ') // ids with digits (Open311, 12345)
            .match(/[A-Za-z][A-Za-z'’]+/g)?.filter(w => !allowed.has(w)) ?? [];
          const check = (el, text, where) => {
            if (!text || !text.trim()) return;
            const lang = langOf(el);
            if (english && !lang.startsWith('zh') && cjk.test(text)) findings.push(`Chinese in English ${where}: "${clip(text)}"`);
            if (!english && !lang.startsWith('en')) {
              const words = englishWords(text);
              if (words.length) findings.push(`English in Chinese ${where} (${words.slice(0, 3).join(', ')}): "${clip(text)}"`);
            }
          };
          check(document.documentElement, document.title, 'title');
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          while (walker.nextNode()) {
            const el = walker.currentNode.parentElement;
            if (!el || el.closest('script, style, template')) continue;
            check(el, walker.currentNode.textContent, `<${el.tagName.toLowerCase()}>`);
          }
          for (const el of document.querySelectorAll('[placeholder], [title], [aria-label], [alt], optgroup[label], input[type=submit][value], input[type=button][value]')) {
            for (const name of ['placeholder', 'title', 'aria-label', 'alt', 'label', 'value']) {
              if (el.hasAttribute(name) && (name !== 'value' || el.matches('input[type=submit], input[type=button]')) && (name !== 'label' || el.matches('optgroup'))) check(el, el.getAttribute(name), `${name}=`);
            }
          }
          // Messages the framework writes for client-side validation are in its own English, whatever the page's language.
          for (const el of document.querySelectorAll('*')) {
            for (const a of el.attributes) if (a.name === 'data-val' || a.name.startsWith('data-val-')) findings.push(`framework validation attribute ${a.name}="${clip(a.value)}"`);
          }

          const root = document.documentElement;
          const overflow = root.scrollWidth - root.clientWidth;
          if (overflow > 0) {
            const wide = [...document.body.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > root.clientWidth + 1)
              .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > root.clientWidth + 1)).slice(0, 3)
              .map(e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}.${[...e.classList].join('.')}`);
            findings.push(`overflows by ${overflow} px (${wide.join(', ')})`);
          }

          if (targets) {
            const visible = el => { const s = getComputedStyle(el); const r = el.getBoundingClientRect();
              return s.visibility !== 'hidden' && s.display !== 'none' && r.width > 1 && r.height > 1; };
            for (const el of document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary')) {
              if (!visible(el) && !(el.matches('input[type=radio], input[type=checkbox]'))) continue;
              let r = el.getBoundingClientRect();
              if (r.right <= 0 || r.bottom <= 0 || r.left >= root.scrollWidth) continue; // off screen: a honeypot field, not a target
              if (el.matches('input[type=radio], input[type=checkbox]')) {
                // The label is the target a finger hits: the input with its label.
                const label = el.labels?.[0];
                if (label) { const l = label.getBoundingClientRect();
                  r = { width: Math.max(r.right, l.right) - Math.min(r.left, l.left), height: Math.max(r.bottom, l.bottom) - Math.min(r.top, l.top) }; }
                if (r.width <= 1 && r.height <= 1) continue;
              }
              if (el.tagName === 'A' && getComputedStyle(el).display === 'inline') {
                const block = el.closest('p, li, dd, small, .form-text, label');
                if (block && block.textContent.trim().length > el.textContent.trim().length) continue; // a link inside a sentence
              }
              if (r.width < min - 0.5 || r.height < min - 0.5) {
                findings.push(`target ${Math.round(r.width)}×${Math.round(r.height)} px: <${el.tagName.toLowerCase()}${el.id ? ' id=' + el.id : ''}${el.name ? ' name=' + el.name : ''}> "${clip(el.textContent || el.value || el.getAttribute('aria-label') || '')}"`);
              }
            }
          }

          const links = [...document.querySelectorAll('a[href]')].map(a => a.href)
            .filter(h => h.startsWith(location.origin)).map(h => { const u = new URL(h); return u.pathname + u.search; });
          return { findings, links: [...new Set(links)] };
        }
        """;

    /// <summary>The menu's items whose text runs over more than one line (a word broken in half).</summary>
    private const string BrokenMenuItemsScript =
        """
        () => [...document.querySelectorAll('.navbar .nav-link, .navbar-brand')].filter(el => el.getBoundingClientRect().width > 0).filter(el => {
          const range = document.createRange(); range.selectNodeContents(el);
          const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
          return tops.size > 1;
        }).map(el => el.textContent.trim())
        """;
}
