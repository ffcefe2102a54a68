using System.Text;
using Bozhou.Hotline.IntegrationTests.Workspace;
using static Bozhou.Hotline.TestSupport.SupervisionTestData;

namespace Bozhou.Hotline.IntegrationTests.Stats;

/// <summary>
/// The public responsiveness page /stats: off until an administrator switches it on, the three rates by hand-worked
/// numbers (SupervisionTestData.RatedFebruaryAsync, where the Wilson interval of 7 of 12 is worked out), the 10-case
/// floor, the CSV, both languages, no caller data, and its output cache evicted when a day's roll-up is stored.
/// The factory's clock stands at Monday 2 March 2026, so "the last full month" is February 2026.
/// </summary>
public class PublicStatsTests
{
    private static async Task<(HotlineFactory Factory, SupervisionTestData Data)> FebruaryAsync(string? postgres = null)
    {
        // No background refresh: each of its passes stores today's and yesterday's roll-ups, which would empty the cache
        // at moments the cache test does not choose.
        var factory = new HotlineFactory().WithoutHostedService<StatsRefreshService>();
        if (postgres is not null)
        {
            factory.UsePostgres(postgres);
        }

        var data = await SeedAsync(factory);
        await data.RatedFebruaryAsync();
        await data.RebuildStatsAsync(new DateOnly(2026, 1, 1));
        await data.PublishStatsAsync();
        return (factory, data);
    }

    [Fact]
    public async Task The_page_is_not_found_until_an_administrator_switches_it_on_in_the_audited_settings_and_not_found_again_once_off()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        using var visitor = factory.CreateClient();
        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);

        using (var off = await visitor.GetAsync(new Uri("/stats", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, off.StatusCode);
        }

        Assert.Null((await visitor.GetPageAsync("/")).QuerySelector("#footer-stats"));

        using (var csvOff = await visitor.GetAsync(new Uri("/stats?handler=csv", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, csvOff.StatusCode);
        }

        var settings = await admin.GetPageAsync("/admin/settings");
        Assert.False(settings.QuerySelector<IHtmlInputElement>("#Input_PublicStatsEnabled")!.IsChecked);
        using (var saved = await admin.SubmitAsync(settings.QuerySelector<IHtmlFormElement>("#settings-form")!, Html.Fields(("Input.PublicStatsEnabled", "true")), "/admin/settings"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var page = await visitor.GetPageAsync("/stats");
        Assert.Equal("干部热线办理情况公开", page.QuerySelector("h1")!.TextContent.Trim());
        // Every page's footer links to it while it is published (the home page's cached copy forgotten with the settings).
        Assert.Equal("/stats", (await visitor.GetPageAsync("/")).QuerySelector("#footer-stats a")!.GetAttribute("href"));
        Assert.True((await admin.GetPageAsync("/admin/settings")).QuerySelector<IHtmlInputElement>("#Input_PublicStatsEnabled")!.IsChecked);

        // Off again: the cached page is forgotten with the settings and the address is not found at once.
        using (await admin.SubmitAsync((await admin.GetPageAsync("/admin/settings")).QuerySelector<IHtmlFormElement>("#settings-form")!,
            Html.Fields(("Input.PublicStatsEnabled", "false")), "/admin/settings"))
        {
        }

        using (var offAgain = await visitor.GetAsync(new Uri("/stats", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, offAgain.StatusCode);
        }

        Assert.Null((await visitor.GetPageAsync("/")).QuerySelector("#footer-stats"));

        var audit = await data.QueryAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Subject == "Settings").OrderBy(e => e.Id).ToListAsync());
        Assert.Equal(2, audit.Count);
        Assert.Contains("\"PublicStats:Enabled\":false", audit[0].Before, StringComparison.Ordinal);
        Assert.Contains("\"PublicStats:Enabled\":true", audit[0].After, StringComparison.Ordinal);
        Assert.Equal("{\"PublicStats:Enabled\":false}", audit[1].After);
    }

    [Fact]
    public async Task Each_cadre_shows_the_three_rates_with_hand_worked_Wilson_intervals_and_nine_cases_show_no_rate()
    {
        var (factory, data) = await FebruaryAsync();
        using var _ = factory;
        using var visitor = factory.CreateClient();

        var city = await visitor.GetPageAsync("/stats?level=cadre&period=month&jurisdiction=city");

        Assert.Equal("按干部办理情况（2026年2月）", city.QuerySelector("#stats-caption")!.TextContent.Trim());
        Assert.Contains("2026-02-01 至 2026-02-28", city.QuerySelector("#stats-period")!.TextContent, StringComparison.Ordinal);
        var deputy = city.QuerySelector($"#stats-table tbody tr[data-id='{data.TransportDeputy}']")!;
        Assert.Equal("赵敏", deputy.QuerySelector(".name")!.TextContent.Trim());
        Assert.Equal("13", deputy.QuerySelector(".calls")!.TextContent.Trim());
        // 7 of 12: 58.3%, Wilson 31.95%–80.67% (worked in RatedFebruaryAsync).
        Assert.Equal(("58.3%", "95% 区间 32.0%–80.7%（7/12）"), Cell(deputy, ScorecardMetric.Resolution));
        Assert.Equal(("58.3%", "95% 区间 32.0%–80.7%（7/12）"), Cell(deputy, ScorecardMetric.Satisfaction));
        // Every appeal was answered at once and replied to within three working days: 13 of 13, Wilson 77.2%–100.0%.
        Assert.Equal(("100.0%", "95% 区间 77.2%–100.0%（13/13）"), Cell(deputy, ScorecardMetric.FirstContactOnTime));
        Assert.Equal(("100.0%", "95% 区间 77.2%–100.0%（13/13）"), Cell(deputy, ScorecardMetric.AnswerRate));
        Assert.Equal(
            ["AnswerRate", "CallbacksOnTime", "FirstContactOnTime", "Resolution", "Satisfaction"],
            city.QuerySelectorAll("#stats-table thead th[data-metric]").Select(th => th.GetAttribute("data-metric")!));
        Assert.Null(city.QuerySelector($"#stats-table tbody tr[data-id='{data.DistrictHead}']"));

        var qiaocheng = await visitor.GetPageAsync("/stats?level=cadre&period=month&jurisdiction=qiaocheng");
        var head = qiaocheng.QuerySelector($"#stats-table tbody tr[data-id='{data.DistrictHead}'] td[data-metric='Resolution']")!;
        Assert.Equal("样本不足（9 件）", head.QuerySelector(".too-few")!.TextContent.Trim());
        Assert.Null(head.QuerySelector(".rate"));
        // Below the floor the successes are not published either (9 of 9 would give the rate away).
        Assert.Equal(("9", ""), (head.GetAttribute("data-cases"), head.GetAttribute("data-successes")));
        Assert.DoesNotContain("9/9", head.TextContent, StringComparison.Ordinal);

        // Departments and jurisdictions add up their cadres.
        var departments = await visitor.GetPageAsync("/stats?level=department&period=month");
        Assert.Equal(("58.3%", "95% 区间 32.0%–80.7%（7/12）"), Cell(departments.QuerySelector($"#stats-table tbody tr[data-id='{data.Transport}']")!, ScorecardMetric.Resolution));
        var jurisdictions = await visitor.GetPageAsync("/stats");
        Assert.Equal("jurisdiction", jurisdictions.QuerySelector("#stats-table")!.GetAttribute("data-level"));
        Assert.Equal(["市直", "谯城区"], jurisdictions.QuerySelectorAll("#stats-table tbody .name").Select(n => n.TextContent.Trim()));
        Assert.Equal(("58.3%", "95% 区间 32.0%–80.7%（7/12）"), Cell(jurisdictions.QuerySelector($"#stats-table tbody tr[data-id='{data.City}']")!, ScorecardMetric.Resolution));

        // The last full quarter (2025-Q4) and year (2025) hold none of February's appeals.
        var quarter = await visitor.GetPageAsync("/stats?level=jurisdiction&period=quarter");
        Assert.Equal("2025-Q4", quarter.QuerySelector("#stats-table")!.GetAttribute("data-period"));
        Assert.All(quarter.QuerySelectorAll("#stats-table tbody .calls"), c => Assert.Equal("0", c.TextContent.Trim()));
        Assert.Equal("2025", (await visitor.GetPageAsync("/stats?period=year")).QuerySelector("#stats-table")!.GetAttribute("data-period"));

        // No caller data: the appeals' masked phones, descriptions and replies appear nowhere.
        foreach (var page in new[] { city, qiaocheng, departments, jurisdictions })
        {
            var text = page.DocumentElement.OuterHtml;
            Assert.DoesNotContain("138****", text, StringComparison.Ordinal);
            Assert.DoesNotContain("公交站牌", text, StringComparison.Ordinal);
            Assert.DoesNotContain("已处理", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task In_English_the_page_names_cadres_and_units_in_English_with_no_Chinese_in_the_table()
    {
        var (factory, data) = await FebruaryAsync();
        using var _ = factory;
        using var visitor = factory.CreateClient();
        using (await visitor.GetAsync(new Uri("/culture/en?returnUrl=/", UriKind.Relative)))
        {
        }

        var page = await visitor.GetPageAsync("/stats?level=cadre&period=month&jurisdiction=city");

        Assert.Equal("Cadres: February 2026", page.QuerySelector("#stats-caption")!.TextContent.Trim());
        var deputy = page.QuerySelector($"#stats-table tbody tr[data-id='{data.TransportDeputy}']")!;
        Assert.Equal("Zhao Min", deputy.QuerySelector(".name")!.TextContent.Trim());
        Assert.Equal("Transport Bureau, Deputy Director", deputy.QuerySelector(".detail")!.TextContent.Trim());
        Assert.Equal(("58.3%", "95% interval 32.0%–80.7% (7 of 12)"), Cell(deputy, ScorecardMetric.Resolution));
        Assert.Equal("Resolution rate", page.QuerySelector("#stats-table thead th[data-metric='Resolution']")!.TextContent.Trim());
        Assert.Equal("Too few cases (0)", deputy.QuerySelector("td[data-metric='CallbacksOnTime'] .too-few")!.TextContent.Trim());
        Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", page.QuerySelector("#stats-table")!.TextContent);
        Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", page.QuerySelector("#stats-method")!.TextContent);
        Assert.Equal("How it is counted", page.QuerySelector("#how-counted")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_CSV_is_UTF8_with_a_byte_order_mark_with_each_rate_its_interval_and_cases_and_no_rate_below_ten()
    {
        var (factory, _) = await FebruaryAsync();
        using var __ = factory;
        using var visitor = factory.CreateClient();
        var page = await visitor.GetPageAsync("/stats?level=cadre&period=month&jurisdiction=city");
        var link = page.QuerySelector<IHtmlAnchorElement>("#stats-csv")!.GetAttribute("href")!;
        Assert.Equal("/stats?level=cadre&period=month&jurisdiction=city&handler=csv", link);

        using var response = await visitor.GetAsync(new Uri(link, UriKind.Relative));
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        Assert.Equal(["统计对象", "名称", "所属单位及职务", "登记来电", "接通率", "接通率区间下限", "接通率区间上限", "接通率分子", "接通率样本数"], header[..9]);
        var deputy = lines.Single(l => l.Contains(",赵敏,", StringComparison.Ordinal)).Split(',');
        var resolution = Array.IndexOf(header, "解决率");
        Assert.Equal(["58.3%", "32.0%", "80.7%", "7", "12"], deputy[resolution..(resolution + 5)]);
        Assert.Equal(["干部", "赵敏", "市交通运输局 副局长", "13"], deputy[..4]);
        Assert.Equal(["2026年2月", "2026-02-01", "2026-02-28"], deputy[^4..^1]);
        var callbacks = Array.IndexOf(header, "按时回拨率");
        Assert.Equal(["样本不足", "", "", "", "0"], deputy[callbacks..(callbacks + 5)]);
        Assert.Equal(3, lines.Length - 1); // the city's three cadres in post in February (张明, 张伟, 赵敏), no one else
        Assert.DoesNotContain("138****", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);

        var qiaocheng = Encoding.UTF8.GetString(await visitor.GetByteArrayAsync(new Uri("/stats?level=cadre&period=month&jurisdiction=qiaocheng&handler=csv", UriKind.Relative)));
        var head = qiaocheng.Split("\r\n").Single(l => l.Contains(",王芳,", StringComparison.Ordinal)).Split(',');
        Assert.Equal(["样本不足", "", "", "", "9"], head[resolution..(resolution + 5)]);
    }

    [Fact]
    public async Task The_page_is_served_from_the_cache_until_a_days_roll_up_is_stored_and_counted_again_at_once_after()
    {
        var (factory, data) = await FebruaryAsync();
        using var _ = factory;
        using var visitor = factory.CreateClient();
        const string Url = "/stats?level=cadre&period=month&jurisdiction=city";
        async Task<(string, string)> ResolutionAsync() =>
            Cell((await visitor.GetPageAsync(Url)).QuerySelector($"#stats-table tbody tr[data-id='{data.TransportDeputy}']")!, ScorecardMetric.Resolution);

        Assert.Equal(("58.3%", "95% 区间 32.0%–80.7%（7/12）"), await ResolutionAsync());

        // The thirteenth appeal is rated "resolved", and the stored row is changed behind the app's back (no roll-up
        // stored, nothing told); two minutes on, the summed roll-ups kept in memory have expired: only the page's own cache
        // can still answer 7 of 12.
        await data.ChangeAsync(data.Unrated, (a, clock) => a.Rate(true, 5, null, clock, China(2026, 3, 2, 9), "来电人"));
        await data.QueryAsync(db => db.DailyCadreStats.Where(s => s.CadreId == data.TransportDeputy && s.Date == new DateOnly(2026, 2, 2))
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.ResolutionAnswers, 99)));
        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(("58.3%", "95% 区间 32.0%–80.7%（7/12）"), await ResolutionAsync());

        // Storing the day's roll-up (what the refresh does after the rating's timeline event) evicts the page: 8 of 13,
        // 61.5%, Wilson: centre (8/13 + z²/26)/(1 + z²/13) = 0.7631/1.2955 = 0.5890, half-width
        // 1.96·√(0.2367/13 + z²/676)/1.2955 = 0.2342, so 35.5%–82.3%.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var clock = await scope.ServiceProvider.GetRequiredService<AppealClockSource>().GetAsync();
            await scope.ServiceProvider.GetRequiredService<StatsRollup>().RecomputeAsync([new DateOnly(2026, 2, 2)], clock, factory.Clock.GetUtcNow());
        }

        Assert.Equal(("61.5%", "95% 区间 35.5%–82.3%（8/13）"), await ResolutionAsync());
    }

    [Fact]
    public async Task A_cached_page_is_served_only_to_visitors_in_the_same_elder_friendly_mode()
    {
        var (factory, _) = await FebruaryAsync();
        using var _ = factory;
        using var elder = factory.CreateClient(new() { AllowAutoRedirect = false });
        using var standard = factory.CreateClient(new() { AllowAutoRedirect = false });
        using (await elder.GetAsync(new Uri("/elder/on?returnUrl=%2Fstats", UriKind.Relative), TestContext.Current.CancellationToken))
        {
        }

        static bool IsElder(IDocument page) => page.DocumentElement.ClassList.Contains("elder")
            && page.QuerySelectorAll("link[rel=stylesheet]").Any(l => l.GetAttribute("href")!.StartsWith("/css/elder.css", StringComparison.Ordinal));

        // The elder visitor comes first, so a cache that ignored the mode would hand the standard visitor the elder page.
        var elderPage = await elder.GetPageAsync("/stats");
        var standardPage = await standard.GetPageAsync("/stats");
        var elderAgain = await elder.GetPageAsync("/stats");

        Assert.True(IsElder(elderPage));
        Assert.False(IsElder(standardPage));
        Assert.Equal("长者模式", standardPage.QuerySelector("#elder-switch")!.TextContent.Trim());
        Assert.True(IsElder(elderAgain));
    }

    [Fact]
    public async Task A_value_that_is_not_one_of_the_choices_is_redirected_to_the_address_it_stands_for()
    {
        var (factory, _) = await FebruaryAsync();
        using var __ = factory;
        using var visitor = factory.CreateClient(new() { AllowAutoRedirect = false });

        foreach (var (asked, answered) in new[]
                 {
                     ("/stats?level=Cadre", "/stats?level=jurisdiction&period=month"),
                     ("/stats?level=cadre&period=decade", "/stats?level=cadre&period=month&jurisdiction=city"),
                     ("/stats?level=department&jurisdiction=nowhere&handler=csv", "/stats?level=department&period=month&handler=csv"),
                 })
        {
            using var response = await visitor.GetAsync(new Uri(asked, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(answered, response.Headers.Location!.OriginalString);
        }
    }

    [Fact]
    public async Task A_repeated_parameter_or_another_handler_is_redirected_so_that_no_request_makes_a_new_cache_entry()
    {
        var (factory, _) = await FebruaryAsync();
        using var _ = factory;
        using var visitor = factory.CreateClient(new() { AllowAutoRedirect = false });

        foreach (var (asked, answered) in new[]
                 {
                     ("/stats?handler=x1", "/stats?level=jurisdiction&period=month"),
                     ("/stats?level=department&handler=CSV", "/stats?level=department&period=month&handler=csv"),
                     ("/stats?level=cadre&level=cadre", "/stats?level=cadre&period=month&jurisdiction=city"),
                     ("/stats?period=year&period=year&handler=csv", "/stats?level=jurisdiction&period=year&handler=csv"),
                     ("/stats?handler=csv&handler=csv", "/stats?level=jurisdiction&period=month&handler=csv"),
                 })
        {
            using var response = await visitor.GetAsync(new Uri(asked, UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(answered, response.Headers.Location!.OriginalString);
        }

        using var page = await visitor.GetAsync(new Uri("/stats?level=department&period=month", UriKind.Relative), TestContext.Current.CancellationToken);
        using var csv = await visitor.GetAsync(new Uri("/stats?level=department&period=month&handler=csv", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
    }

    [Fact]
    public async Task The_page_and_its_CSV_count_the_same_on_PostgreSQL()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var (factory, data) = await FebruaryAsync(database.ConnectionString);
        using var _ = factory;
        using var visitor = factory.CreateClient();

        var page = await visitor.GetPageAsync("/stats?level=cadre&period=month&jurisdiction=city");
        var csv = await visitor.GetStringAsync(new Uri("/stats?level=cadre&period=month&jurisdiction=city&handler=csv", UriKind.Relative));

        Assert.Equal(("58.3%", "95% 区间 32.0%–80.7%（7/12）"), Cell(page.QuerySelector($"#stats-table tbody tr[data-id='{data.TransportDeputy}']")!, ScorecardMetric.Resolution));
        Assert.Contains(",58.3%,32.0%,80.7%,7,12,", csv, StringComparison.Ordinal);
    }

    private static (string Rate, string Interval) Cell(IElement row, ScorecardMetric metric)
    {
        var cell = row.QuerySelector($"td[data-metric='{metric}']")!;
        return (cell.QuerySelector(".rate")!.TextContent.Trim(), cell.QuerySelector(".interval")!.TextContent.Trim());
    }
}
