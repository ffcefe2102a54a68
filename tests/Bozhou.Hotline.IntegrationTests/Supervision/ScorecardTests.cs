using Bozhou.Hotline.Web.Hosting;
using Microsoft.Extensions.Configuration;
using static Bozhou.Hotline.TestSupport.SupervisionTestData;

namespace Bozhou.Hotline.IntegrationTests.Supervision;

/// <summary>Scorecard numbers against fixtures computed by hand, and the roll-ups against the rows.</summary>
public class ScorecardTests
{
    /// <summary>
    /// February 2026, by hand:
    /// 张伟 (transport head): 10 appeals on Mon 2 Feb 10:00, 7 calls answered and 3 not, plus one not
    /// answered at 03:00 on 3 Feb (quiet hours: out of the answer rate) → answer rate 7/10 = 70.0%
    /// (39.7%–89.2%). Eight replied on Thu 5 Feb, in time for the reply (10 working days) and first
    /// contact (3) limits; three never → replies on time 8/11 = 72.7% (43.4%–90.3%). Eight ratings → too few.
    /// 赵敏 (deputy): 7 of 10 answered → 70.0%, the same interval: shares rank 2.
    /// 王芳 (district head): 10 of 10 → 100.0% (72.2%–100.0%), rank 1. 张明 (mayor): 9 calls → too few, no rank.
    /// Departments: transport 14/20 = 70.0% (48.1%–85.5%).
    /// </summary>
    private static async Task<SupervisionTestData> FebruaryAsync(HotlineFactory factory)
    {
        var data = await SeedAsync(factory);
        var monday = China(2026, 2, 2, 10);
        var thursday = China(2026, 2, 5, 10);
        for (var i = 0; i < 10; i++)
        {
            var n = i;
            await data.LogAsync(data.TransportHead, monday.AddMinutes(n), n < 7 ? CallOutcome.Answered : CallOutcome.NotAnswered, then: (a, clock) =>
            {
                if (n == 7)
                {
                    a.RecordCallback(true, null, "张伟", null, monday.AddHours(5));
                }

                if (n < 8)
                {
                    a.Reply(ReplyKind.Resolved, "已处理", null, "张伟", null, clock, thursday);
                    a.Rate(true, n < 6 ? 5 : n == 6 ? 4 : 3, null, clock, thursday.AddHours(2), "来电人");
                }
            });
        }

        await data.LogAsync(data.TransportHead, China(2026, 2, 3, 3), CallOutcome.NotAnswered);
        for (var i = 0; i < 10; i++)
        {
            await data.LogAsync(data.TransportDeputy, China(2026, 2, 3, 10).AddMinutes(i), i < 7 ? CallOutcome.Answered : CallOutcome.NotAnswered);
            await data.LogAsync(data.DistrictHead, China(2026, 2, 4, 10).AddMinutes(i), CallOutcome.Answered);
        }

        for (var i = 0; i < 9; i++)
        {
            await data.LogAsync(data.Mayor, China(2026, 2, 10, 10).AddMinutes(i), CallOutcome.Answered);
        }

        return data;
    }

    private static async Task RebuildAsync(HotlineFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("from", "2026-01-01")]).Build();
        Assert.Equal(0, await global::Bozhou.Hotline.Web.Commands.HostCommands.RebuildStatsAsync(scope.ServiceProvider, configuration));
    }

    [Fact]
    public async Task The_cadre_scorecard_shows_hand_computed_rates_with_Wilson_intervals_ranks_and_too_few()
    {
        using var factory = new AuthenticatedHotlineFactory();
        var data = await FebruaryAsync(factory);
        await RebuildAsync(factory);
        using var client = factory.CreateClientAs("督查员", Roles.Supervisor);

        var page = await client.GetPageAsync("/supervision/scorecards?level=cadre&period=2026-02");

        Assert.Contains("2026-02（2026-02-01 — 2026-02-28）", page.QuerySelector("#score-period")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("数据截至 2026-02-28 24:00", page.QuerySelector("#data-date")!.TextContent.Trim());
        var rows = page.QuerySelectorAll("#scorecard tbody tr").ToList();
        Assert.Equal([data.DistrictHead, data.TransportHead, data.TransportDeputy, data.Mayor], rows.Select(r => int.Parse(r.GetAttribute("data-id")!, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(["1", "2", "2", "—"], rows.Select(r => r.QuerySelector(".rank")!.TextContent.Trim()));

        var head = rows[1];
        Assert.Equal("11", head.QuerySelector(".calls")!.TextContent.Trim());
        Assert.Equal(("70.0%", "39.7%–89.2% · n=10"), Cell(head, ScorecardMetric.AnswerRate));
        Assert.Equal(("72.7%", "43.4%–90.3% · n=11"), Cell(head, ScorecardMetric.RepliesOnTime));
        Assert.Equal(("72.7%", "43.4%–90.3% · n=11"), Cell(head, ScorecardMetric.FirstContactOnTime));
        Assert.Equal("样本不足（8）", head.QuerySelector("td[data-metric='Satisfaction'] .too-few")!.TextContent.Trim());
        Assert.Equal("1", head.QuerySelector("td[data-metric='CallbacksOnTime']")!.GetAttribute("data-successes"));
        Assert.Equal("4", head.QuerySelector("td[data-metric='CallbacksOnTime']")!.GetAttribute("data-cases"));
        Assert.Equal(("100.0%", "72.2%–100.0% · n=10"), Cell(rows[0], ScorecardMetric.AnswerRate));
        Assert.Equal("样本不足（9）", rows[3].QuerySelector("td[data-metric='AnswerRate'] .too-few")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_resolution_rate_counts_each_citizens_latest_answer_with_its_Wilson_interval_and_nine_answers_show_no_rate()
    {
        using var factory = new AuthenticatedHotlineFactory();
        var data = await SeedAsync(factory);
        await data.RatedFebruaryAsync();
        await data.RebuildStatsAsync(new DateOnly(2026, 1, 1));
        using var client = factory.CreateClientAs("督查员", Roles.Supervisor);

        var page = await client.GetPageAsync("/supervision/scorecards?level=cadre&period=2026-02&metric=Resolution");

        Assert.Equal("Resolution", page.QuerySelector("#scorecard")!.GetAttribute("data-ranked-by"));
        var deputy = page.QuerySelector($"#scorecard tbody tr[data-id='{data.TransportDeputy}']")!;
        // 7 of 12 answers "resolved" (the reopened one by its second answer; the unrated one left out): worked in RatedFebruaryAsync.
        Assert.Equal(("58.3%", "32.0%–80.7% · n=12"), Cell(deputy, ScorecardMetric.Resolution));
        Assert.Equal(("58.3%", "32.0%–80.7% · n=12"), Cell(deputy, ScorecardMetric.Satisfaction));
        Assert.Equal("13", deputy.QuerySelector(".calls")!.TextContent.Trim());
        Assert.Equal("1", deputy.QuerySelector(".rank")!.TextContent.Trim());
        var head = page.QuerySelector($"#scorecard tbody tr[data-id='{data.DistrictHead}']")!;
        Assert.Equal("样本不足（9）", head.QuerySelector("td[data-metric='Resolution'] .too-few")!.TextContent.Trim());
        Assert.Null(head.QuerySelector("td[data-metric='Resolution'] .rate"));
        Assert.Equal("—", head.QuerySelector(".rank")!.TextContent.Trim());

        // The three rates stand side by side, and the department and jurisdiction levels add up their cadres.
        Assert.Equal(["FirstContactOnTime", "RepliesOnTime", "Resolution", "Satisfaction"],
            page.QuerySelectorAll("#scorecard thead th a[data-metric]").Select(a => a.GetAttribute("data-metric")!).Skip(2).Take(4));
        var departments = await client.GetPageAsync("/supervision/scorecards?level=department&period=2026-02");
        Assert.Equal(("58.3%", "32.0%–80.7% · n=12"), Cell(departments.QuerySelector($"#scorecard tbody tr[data-id='{data.Transport}']")!, ScorecardMetric.Resolution));
        var jurisdictions = await client.GetPageAsync("/supervision/scorecards?level=jurisdiction&period=2026-02");
        Assert.Equal(("58.3%", "32.0%–80.7% · n=12"), Cell(jurisdictions.QuerySelector($"#scorecard tbody tr[data-id='{data.City}']")!, ScorecardMetric.Resolution));
        Assert.Equal("9", jurisdictions.QuerySelector($"#scorecard tbody tr[data-id='{data.Qiaocheng}'] td[data-metric='Resolution']")!.GetAttribute("data-cases"));

        var bulletin = await client.GetPageAsync("/supervision/bulletin?jurisdiction=city&month=2026-02");
        Assert.Equal(("58.3%", "32.0%–80.7% · n=12"), Cell(bulletin.QuerySelector($"#bulletin-cadres tbody tr[data-id='{data.TransportDeputy}']")!, ScorecardMetric.Resolution));
    }

    [Fact]
    public async Task A_period_typed_in_full_width_is_the_same_period_and_one_in_other_digits_is_a_message_not_a_server_error()
    {
        using var factory = new AuthenticatedHotlineFactory();
        await SeedAsync(factory);
        using var client = factory.CreateClientAs("督查员", Roles.Supervisor);

        var page = await client.GetPageAsync("/supervision/scorecards?level=department&period=" + Uri.EscapeDataString("２０２６－ｑ１"));
        var other = await client.GetPageAsync("/supervision/scorecards?level=department&period=" + Uri.EscapeDataString("٢٠٢٦"));

        Assert.StartsWith("2026-Q1（2026-01-01", page.QuerySelector("#score-period")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector(".alert-warning"));
        Assert.True(Html.BrowserAccepts(page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input#period")!, "２０２６－ｑ１"));
        Assert.NotNull(other.QuerySelector(".alert-warning"));
    }

    [Fact]
    public async Task The_department_scorecard_adds_up_its_cadres_and_can_rank_by_another_metric()
    {
        using var factory = new AuthenticatedHotlineFactory();
        var data = await FebruaryAsync(factory);
        await RebuildAsync(factory);
        using var client = factory.CreateClientAs("督查员", Roles.Supervisor);

        var page = await client.GetPageAsync("/supervision/scorecards?level=department&period=2026-Q1");
        var transport = page.QuerySelector($"#scorecard tbody tr[data-id='{data.Transport}']")!;
        Assert.Equal(("70.0%", "48.1%–85.5% · n=20"), Cell(transport, ScorecardMetric.AnswerRate));
        Assert.Equal("2", transport.QuerySelector(".rank")!.TextContent.Trim());

        var byReplies = await client.GetPageAsync("/supervision/scorecards?level=department&period=2026-Q1&metric=RepliesOnTime");
        Assert.Equal("RepliesOnTime", byReplies.QuerySelector("#scorecard")!.GetAttribute("data-ranked-by"));
        // Only transport has replies due: 8 of the head's 11 and none of the deputy's 10 → 8/21.
        var first = byReplies.QuerySelector("#scorecard tbody tr")!;
        Assert.Equal(data.Transport.ToString(System.Globalization.CultureInfo.InvariantCulture), first.GetAttribute("data-id"));
        Assert.Equal("8", first.QuerySelector("td[data-metric='RepliesOnTime']")!.GetAttribute("data-successes"));
        Assert.Equal("21", first.QuerySelector("td[data-metric='RepliesOnTime']")!.GetAttribute("data-cases"));
    }

    [Fact]
    public async Task The_scorecard_from_roll_ups_equals_the_scorecard_computed_from_the_rows_as_they_change()
    {
        using var factory = new AuthenticatedHotlineFactory();
        var data = await FebruaryAsync(factory);
        // Today (Monday 2 March) and yesterday, so the month has closed days and a live one.
        var today = await data.LogAsync(data.TransportHead, China(2026, 3, 2, 8), CallOutcome.NotAnswered, topicId: data.TopicConsultation);
        await data.LogAsync(data.DistrictHead, China(2026, 3, 1, 21), CallOutcome.Answered);
        await RebuildAsync(factory);

        await AssertRollupsMatchAsync(factory, "2026-02");
        await AssertRollupsMatchAsync(factory, "2026-03");
        await AssertRollupsMatchAsync(factory, "2026");

        // Changes after the rebuild: a reply now, and days later its deadlines passing; the refresh
        // recomputes the touched days and the two agree again.
        var lastRefresh = factory.Clock.GetUtcNow();
        factory.Clock.Advance(TimeSpan.FromHours(1));
        await data.ChangeAsync(today.Id, (a, clock) => a.Reply(ReplyKind.Explained, "政策如此", null, "张伟", null, clock, factory.Clock.GetUtcNow()));
        await RefreshAsync(factory, lastRefresh);
        await AssertRollupsMatchAsync(factory, "2026-03");

        lastRefresh = factory.Clock.GetUtcNow();
        factory.Clock.SetUtcNow(China(2026, 3, 9, 10));
        await RefreshAsync(factory, lastRefresh);
        await AssertRollupsMatchAsync(factory, "2026-03");
        await AssertRollupsMatchAsync(factory, "2026-Q1");
    }

    [Fact]
    public async Task Summed_roll_ups_are_kept_in_memory_until_a_day_is_stored_or_a_minute_passes()
    {
        using var factory = new HotlineFactory();
        var data = await FebruaryAsync(factory);
        await RebuildAsync(factory);
        Assert.True(ReportPeriod.TryParse("2026", out var year));
        async Task<int> LoggedAsync()
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var clock = await scope.ServiceProvider.GetRequiredService<AppealClockSource>().GetAsync();
            var (counts, _) = await scope.ServiceProvider.GetRequiredService<Scorecards>()
                .CadreCountsAsync(year, clock, factory.Clock.GetUtcNow());
            return counts.TryGetValue(data.TransportHead, out var c) ? c.CallsLogged : 0;
        }

        var before = await LoggedAsync();
        Assert.True(before > 0);

        // Another process rewrites a stored row (as rebuild-stats run beside the server would): not seen yet.
        await data.QueryAsync(db => db.DailyCadreStats.Where(s => s.CadreId == data.TransportHead && s.Date == new DateOnly(2026, 2, 2))
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.CallsLogged, s => s.CallsLogged + 100)));
        Assert.Equal(before, await LoggedAsync());

        // A minute later the sums are read again.
        factory.Clock.Advance(RollupSums.MaxAge);
        Assert.Equal(before + 100, await LoggedAsync());

        // A day stored by this app's roll-up clears them at once: the day is recomputed from the appeals.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var clock = await scope.ServiceProvider.GetRequiredService<AppealClockSource>().GetAsync();
            await scope.ServiceProvider.GetRequiredService<StatsRollup>().RecomputeAsync([new DateOnly(2026, 2, 2)], clock, factory.Clock.GetUtcNow());
        }

        Assert.Equal(before, await LoggedAsync());
    }

    [Fact]
    public async Task Todays_scorecard_counts_are_reused_for_their_configured_age_and_the_page_says_when_they_were_taken()
    {
        using var factory = new AuthenticatedHotlineFactory();
        factory.With("Supervision:LiveFiguresMaxAge", "00:01:00");
        var data = await SeedAsync(factory);
        factory.Clock.SetUtcNow(China(2026, 3, 2, 10));
        await data.LogAsync(data.TransportHead, China(2026, 3, 2, 9), CallOutcome.Answered);
        using var client = factory.CreateClientAs("督查员", Roles.Supervisor);
        async Task<(string Calls, string DataDate)> ViewAsync()
        {
            var page = await client.GetPageAsync("/supervision/scorecards?level=cadre&period=2026-03");
            return (page.QuerySelector($"#scorecard tbody tr[data-id='{data.TransportHead}'] .calls")!.TextContent.Trim(),
                page.QuerySelector("#data-date")!.TextContent.Trim());
        }

        Assert.Equal(("1", "数据截至 2026-03-02 10:00"), await ViewAsync());

        await data.LogAsync(data.TransportHead, China(2026, 3, 2, 9, 30), CallOutcome.Answered);
        factory.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(("1", "数据截至 2026-03-02 10:00"), await ViewAsync());

        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(("2", "数据截至 2026-03-02 10:01"), await ViewAsync());
    }

    private static async Task RefreshAsync(HotlineFactory factory, DateTimeOffset since)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var clock = await scope.ServiceProvider.GetRequiredService<AppealClockSource>().GetAsync();
        await scope.ServiceProvider.GetRequiredService<StatsRollup>().RefreshAsync(since, clock, factory.Clock.GetUtcNow());
    }

    private static async Task AssertRollupsMatchAsync(HotlineFactory factory, string periodCode)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var clock = await scope.ServiceProvider.GetRequiredService<AppealClockSource>().GetAsync();
        var scorecards = scope.ServiceProvider.GetRequiredService<Scorecards>();
        Assert.True(ReportPeriod.TryParse(periodCode, out var period));
        var now = factory.Clock.GetUtcNow();
        var (fromRollups, _) = await scorecards.CadreCountsAsync(period, clock, now);
        var direct = await DirectCountsAsync(scope.ServiceProvider.GetRequiredService<StatsRollup>(), period, clock, now);

        Assert.NotEmpty(direct);
        Assert.Equal(direct.Keys.Order(), fromRollups.Keys.Order());
        foreach (var (cadre, d) in direct)
        {
            var r = fromRollups[cadre];
            Assert.Equal(
                (d.CallsLogged, d.CallAttempts, d.CallsAnswered, d.CallbacksDue, d.CallbacksOnTime, d.FirstContactsDue, d.FirstContactsOnTime, d.RepliesDue, d.RepliesOnTime, d.Ratings, d.RatingsSatisfied),
                (r.CallsLogged, r.CallAttempts, r.CallsAnswered, r.CallbacksDue, r.CallbacksOnTime, r.FirstContactsDue, r.FirstContactsOnTime, r.RepliesDue, r.RepliesOnTime, r.Ratings, r.RatingsSatisfied));
            Assert.Equal((d.ResolutionAnswers, d.SaidResolved, d.ExtensionsRequested, d.ExtensionsApproved), (r.ResolutionAnswers, r.SaidResolved, r.ExtensionsRequested, r.ExtensionsApproved));
        }
    }

    /// <summary>The same counts computed from the appeals day by day, as the roll-ups would store them, without reading a stored roll-up.</summary>
    private static async Task<Dictionary<int, DailyCadreStats>> DirectCountsAsync(StatsRollup rollup, ReportPeriod period, AppealClock clock, DateTimeOffset now)
    {
        var totals = new Dictionary<int, DailyCadreStats>();
        var today = ChinaTime.DateOf(now);
        for (var day = period.From; day <= period.To && day <= today; day = day.AddDays(1))
        {
            foreach (var counts in await rollup.ComputeDayAsync(day, clock, now))
            {
                if (!totals.TryGetValue(counts.CadreId, out var total))
                {
                    total = new DailyCadreStats { CadreId = counts.CadreId };
                    totals.Add(counts.CadreId, total);
                }

                total.Add(counts);
            }
        }

        return totals;
    }

    private static (string Rate, string Interval) Cell(IElement row, ScorecardMetric metric)
    {
        var cell = row.QuerySelector($"td[data-metric='{metric}']")!;
        return (cell.QuerySelector(".rate")!.TextContent.Trim(), cell.QuerySelector(".interval")!.TextContent.Trim());
    }
}
