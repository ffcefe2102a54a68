using Bozhou.Hotline.Core.Insight;
using Bozhou.Hotline.IntegrationTests.Workspace;

namespace Bozhou.Hotline.IntegrationTests.Supervision;

/// <summary>
/// The rising terms (上升诉求) from seeded appeals through the real background pass to the pages. The world's clock stands
/// at Monday 2 March 2026 10:00 China time: the recent window is 23 February – 1 March, the previous 26 January – 22 February.
/// Li has 15 everyday appeals (about the bus) in the previous window and 5 in the recent one, and 6 about the water cut
/// (小区停水) in the recent window, one of them confidential; Wang has 3 about the water cut. In the city: x = 9 of 14
/// recent appeals, y = 0 of 15 previous: p = (14/29)⁹ = 0.001424. For Li alone: x = 6 of 11, y = 0 of 15: p = (11/26)⁶ =
/// 0.005735. Li's 40 appeals from 23 November to 1 January are the bulletin's previous three months.
/// </summary>
public class RisingTermsTests
{
    private const string Phrase = "小区 停水";

    private static readonly string[] LiWater =
    [
        "我们小区停水三天了，一直没人来修。",
        "小区停水已经两天，做饭洗衣都成问题。请回电13905581234。",
        "小区停水，物业说是管道爆裂，至今没有修好。",
        "家住幸福小区，小区停水一整天了。",
        "小区停水没有提前通知，老人在家很不方便。",
        "昨晚开始小区停水，早上仍然没有来水。",
    ];

    private static readonly string[] WangWater =
    [
        "单位附近小区停水，居民生活受影响。",
        "小区停水好几天了，请尽快恢复供水。",
        "小区停水，附近超市桶装水都买完了。",
    ];

    [Fact]
    public async Task The_dashboard_lists_the_rising_phrase_and_its_link_lists_exactly_its_appeals_with_phones_masked()
    {
        var (factory, data, world) = await WorldAsync();
        using var _ = factory;
        var seeded = await SeedAsync(data, world);
        Assert.True(await PassAsync(factory));

        using var office = await data.SignInAsync(WorkspaceWorld.SupervisorEmail);
        var page = await office.GetPageAsync("/supervision/dashboard");
        var row = page.QuerySelector($"#rising-terms tr[data-key='{Phrase}']")!;
        Assert.NotNull(row);
        Assert.Equal("9/14 (64.3%)", row.QuerySelector(".recent")!.TextContent);
        Assert.Equal("0/15 (0.0%)", row.QuerySelector(".previous")!.TextContent);
        Assert.Equal("0.0014", row.QuerySelector(".p")!.TextContent);
        Assert.Equal("zh-CN", row.QuerySelector("a.trend-key")!.GetAttribute("lang"));
        // The phrase explains its words: "停水" and "小区" are not listed beside it.
        Assert.Null(page.QuerySelector("#rising-terms tr[data-key='停水']"));
        Assert.Null(page.QuerySelector("#rising-terms tr[data-key='公交']"));

        var list = await office.GetPageAsync(row.QuerySelector("a.trend-key")!.GetAttribute("href")!);
        var ids = list.QuerySelectorAll("#trend-appeals tbody tr").Select(r => long.Parse(r.GetAttribute("data-id")!, CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal([.. seeded.LiWater.Concat(seeded.WangWater).Order()], ids);
        Assert.All(list.QuerySelectorAll("#trend-appeals .phone"), p => Assert.Equal(WorkspaceTestData.CallerPhoneMasked, p.TextContent));
        Assert.DoesNotContain("13800000000", list.Body!.InnerHtml, StringComparison.Ordinal);
        // The confidential appeal: listed by its tracking code, its description not shown.
        var secret = list.QuerySelector($"#trend-appeals tr[data-id='{seeded.LiWater[0]}']")!;
        Assert.DoesNotContain("停水", secret.QuerySelector(".excerpt")!.TextContent, StringComparison.Ordinal);
        var open = list.QuerySelector($"#trend-appeals tr[data-id='{seeded.LiWater[1]}'] .excerpt")!;
        Assert.Equal(["小区", "停水"], open.QuerySelectorAll("mark").Select(m => m.TextContent));
        // A phone the citizen typed into the description is masked as the phone column is.
        Assert.Contains("请回电139****1234", open.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("13905581234", list.Body!.InnerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cadre_sees_the_rise_among_own_appeals_only_and_cannot_open_another_cadres_list()
    {
        var (factory, data, world) = await WorldAsync();
        using var _ = factory;
        var seeded = await SeedAsync(data, world);
        await PassAsync(factory);

        using var li = await data.SignInAsync(WorkspaceWorld.LiEmail);
        var inbox = await li.GetPageAsync("/workspace");
        var link = inbox.QuerySelectorAll("#workspace-rising a.trend-key").Single(a => a.TextContent == Phrase);
        var list = await li.GetPageAsync(link.GetAttribute("href")!);
        var ids = list.QuerySelectorAll("#trend-appeals li").Select(r => long.Parse(r.GetAttribute("data-id")!, CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal([.. seeded.LiWater.Order()], ids);

        var other = await li.GetAsync(link.GetAttribute("href")!.Replace($"cadre={world.LiId}", $"cadre={world.WangId}", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);

        // Wang's three appeals are fewer than the minimum of five: no trend of Wang's own.
        using var wang = await data.SignInAsync(WorkspaceWorld.WangEmail);
        Assert.Empty((await wang.GetPageAsync("/workspace")).QuerySelectorAll("#workspace-rising a.trend-key"));
    }

    [Fact]
    public async Task An_appeal_logged_after_a_pass_is_counted_at_the_next_pass_and_none_twice()
    {
        var (factory, data, world) = await WorldAsync();
        using var _ = factory;
        await SeedAsync(data, world);
        await PassAsync(factory);
        var before = await data.QueryAsync(db => db.AppealTerms.CountAsync());

        var late = await data.AddAppealAsync(world.LiId, at: factory.Clock.GetUtcNow().AddDays(-2), description: "小区停水到现在还没恢复。");
        Assert.False(await data.QueryAsync(db => db.AppealTerms.AnyAsync(t => t.AppealId == late)));
        factory.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.True(await PassAsync(factory));

        var keys = await data.QueryAsync(db => db.AppealTerms.Where(t => t.AppealId == late).Select(t => t.Key).ToListAsync());
        Assert.Contains("", keys);
        Assert.Contains(Phrase, keys);
        var appeals = await data.QueryAsync(db => db.Appeals.CountAsync());
        Assert.Equal(appeals, await data.QueryAsync(db => db.AppealTerms.CountAsync(t => t.Kind == TermKind.Appeal)));

        // Two instances' passes at once: one runs, nothing is added twice.
        factory.Clock.Advance(TimeSpan.FromMinutes(10));
        var after = await data.QueryAsync(db => db.AppealTerms.CountAsync());
        var ran = await Task.WhenAll(PassAsync(factory), PassAsync(factory));
        Assert.Equal(1, ran.Count(r => r));
        Assert.Equal(after, await data.QueryAsync(db => db.AppealTerms.CountAsync()));
        Assert.True(after > before);
    }

    [Fact]
    public async Task Appeals_analysed_below_the_highest_analysed_id_show_on_the_dashboard_after_their_pass()
    {
        var (factory, data, world) = await WorldAsync();
        using var _ = factory;
        var seeded = await SeedAsync(data, world);
        // An everyday appeal after the water-cut ones holds the highest id, as a later call that committed first would.
        await data.AddAppealAsync(world.LiId, at: factory.Clock.GetUtcNow().AddDays(-3));
        await PassAsync(factory);
        // The water-cut appeals committed late: not yet analysed when the dashboard's list is first computed and kept.
        var late = seeded.LiWater.Concat(seeded.WangWater).ToList();
        await data.QueryAsync(db => db.AppealTerms.Where(t => late.Contains(t.AppealId)).ExecuteDeleteAsync());
        using var office = await data.SignInAsync(WorkspaceWorld.SupervisorEmail);
        Assert.Null((await office.GetPageAsync("/supervision/dashboard")).QuerySelector($"#rising-terms tr[data-key='{Phrase}']"));

        factory.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.True(await PassAsync(factory));

        var row = (await office.GetPageAsync("/supervision/dashboard")).QuerySelector($"#rising-terms tr[data-key='{Phrase}']");
        Assert.NotNull(row);
        Assert.Equal("9/15 (60.0%)", row.QuerySelector(".recent")!.TextContent);
    }

    [Fact]
    public async Task The_bulletin_shows_the_months_rising_terms_against_the_three_months_before()
    {
        var (factory, data, world) = await WorldAsync();
        using var _ = factory;
        await SeedAsync(data, world);
        await PassAsync(factory);
        var code = await data.QueryAsync(db => db.Cadres.Where(c => c.Id == world.LiId).Select(c => c.Department.Jurisdiction.Code).SingleAsync());

        using var office = await data.SignInAsync(WorkspaceWorld.SupervisorEmail);
        var page = await office.GetPageAsync($"/supervision/bulletin?jurisdiction={code}&month=2026-02");

        // February: 28 appeals, 9 about the water cut; November to January: 40, none. p = (28/68)⁹ = 0.000340.
        var row = page.QuerySelector($"#bulletin-hot tr[data-key='{Phrase}']")!;
        Assert.NotNull(row);
        Assert.Equal("9/28 (32.1%)", row.QuerySelector(".recent")!.TextContent);
        Assert.Equal("0/40 (0.0%)", row.QuerySelector(".previous")!.TextContent);
        Assert.Equal("3.403E-4", row.QuerySelector(".p")!.TextContent);
        Assert.Contains("2026-02-01", row.QuerySelector("a")!.GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_rebuild_command_analyses_again_what_it_forgot()
    {
        var (factory, data, world) = await WorldAsync();
        using var _ = factory;
        await SeedAsync(data, world);
        await PassAsync(factory);
        var rows = await data.QueryAsync(db => db.AppealTerms.CountAsync());

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.Equal(0, await global::Bozhou.Hotline.Web.Commands.HostCommands.RebuildTrendsAsync(scope.ServiceProvider));
        }

        Assert.Equal(rows, await data.QueryAsync(db => db.AppealTerms.CountAsync()));
    }

    [Fact]
    public async Task The_rebuild_command_refuses_while_a_pass_holds_the_job_and_lets_go_when_done()
    {
        var (factory, data, world) = await WorldAsync();
        using var _ = factory;
        await SeedAsync(data, world);
        await PassAsync(factory);
        var rows = await data.QueryAsync(db => db.AppealTerms.CountAsync());
        var runs = factory.Services.GetRequiredService<global::Bozhou.Hotline.Core.Operations.JobRuns>();
        var now = factory.Clock.GetUtcNow();
        Assert.True((await runs.TryClaimAsync(TermIndexService.JobName, now, TimeSpan.FromMinutes(5), (_, _) => true, TestContext.Current.CancellationToken)).Claimed);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.Equal(1, await global::Bozhou.Hotline.Web.Commands.HostCommands.RebuildTrendsAsync(scope.ServiceProvider));
        }

        Assert.Equal(rows, await data.QueryAsync(db => db.AppealTerms.CountAsync()));
        await runs.ReleaseAsync(TermIndexService.JobName, TestContext.Current.CancellationToken);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.Equal(0, await global::Bozhou.Hotline.Web.Commands.HostCommands.RebuildTrendsAsync(scope.ServiceProvider));
        }

        // Let go when done: the next pass is not kept waiting for the command's hour-long lease.
        var run = await data.QueryAsync(db => db.JobRuns.SingleAsync(r => r.Name == TermIndexService.JobName));
        Assert.Null(run.LeaseUntilUtc);
    }

    [Fact]
    public async Task The_demo_data_shows_heating_not_warm_rising_in_Qiaocheng()
    {
        using var factory = new HotlineFactory().With("Seed:Demo", "true").With("Seed:DemoPassword", "Test-Password-2026")
            .WithoutHostedService<SmsOutboxService>().WithoutHostedService<TermIndexService>();
        using var client = factory.CreateClient();
        Assert.True(await PassAsync(factory));

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var qiaocheng = await db.Jurisdictions.Where(j => j.Code == "qiaocheng").Select(j => j.Id).SingleAsync();
        var today = ChinaTime.DateOf(factory.Clock.GetUtcNow());
        var rising = scope.ServiceProvider.GetRequiredService<RisingTerms>();
        var district = await rising.FindAsync(new TrendScope(TrendScopeKind.Jurisdiction, qiaocheng), TrendWindow.Weekly(today));
        var city = await rising.FindAsync(TrendScope.City, TrendWindow.Weekly(today));

        var heating = Assert.Single(district.Keys, k => k.Key == "供暖 不热");
        Assert.Equal((9, 1), (heating.Test.Recent, heating.Test.Previous));
        Assert.Contains(city.Keys, k => k.Key == "供暖 不热");
    }

    [Fact]
    public async Task Rising_terms_are_found_and_passes_run_once_on_PostgreSQL()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var factory = new HotlineFactory().WithoutHostedService<SmsOutboxService>().WithoutHostedService<StatsRefreshService>().WithoutHostedService<TermIndexService>();
        factory.UsePostgres(database.ConnectionString);
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var seeded = await SeedAsync(data, world);

        var ran = await Task.WhenAll(PassAsync(factory), PassAsync(factory));

        Assert.Equal(1, ran.Count(r => r));
        var appeals = await data.QueryAsync(db => db.Appeals.CountAsync());
        Assert.Equal(appeals, await data.QueryAsync(db => db.AppealTerms.CountAsync(t => t.Kind == TermKind.Appeal)));
        using var office = await data.SignInAsync(WorkspaceWorld.SupervisorEmail);
        var row = (await office.GetPageAsync("/supervision/dashboard")).QuerySelector($"#rising-terms tr[data-key='{Phrase}']")!;
        Assert.Equal("9/14 (64.3%)", row.QuerySelector(".recent")!.TextContent);
        var list = await office.GetPageAsync(row.QuerySelector("a.trend-key")!.GetAttribute("href")!);
        Assert.Equal(seeded.LiWater.Count + seeded.WangWater.Count, list.QuerySelectorAll("#trend-appeals tbody tr").Length);
    }

    [Fact]
    public async Task A_pass_on_one_instance_makes_the_other_forget_its_kept_lists_within_2_seconds_on_PostgreSQL()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var a = new HotlineFactory().WithoutHostedService<SmsOutboxService>().WithoutHostedService<StatsRefreshService>().WithoutHostedService<TermIndexService>();
        a.UsePostgres(database.ConnectionString);
        var data = new WorkspaceTestData(a);
        var world = await data.SeedAsync();
        var seeded = await SeedAsync(data, world);
        await data.AddAppealAsync(world.LiId, at: a.Clock.GetUtcNow().AddDays(-3));
        Assert.True(await PassAsync(a));
        var late = seeded.LiWater.Concat(seeded.WangWater).ToList();
        await data.QueryAsync(db => db.AppealTerms.Where(t => late.Contains(t.AppealId)).ExecuteDeleteAsync());
        using var b = new HotlineFactory().WithoutHostedService<SmsOutboxService>().WithoutHostedService<StatsRefreshService>().WithoutHostedService<TermIndexService>();
        b.UsePostgres(database.ConnectionString);
        using var office = await new WorkspaceTestData(b).SignInAsync(WorkspaceWorld.SupervisorEmail);
        Assert.Null((await office.GetPageAsync("/supervision/dashboard")).QuerySelector($"#rising-terms tr[data-key='{Phrase}']"));

        a.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.True(await PassAsync(a));

        Assert.True(await Data.TwoInstanceKeptValuesTests.WithinTwoSecondsAsync(async () =>
            (await office.GetPageAsync("/supervision/dashboard")).QuerySelector($"#rising-terms tr[data-key='{Phrase}']") is not null));
    }

    /// <summary>The workspace world with no background passes: each pass here is the test's own.</summary>
    private static async Task<(HotlineFactory Factory, WorkspaceTestData Data, WorkspaceWorld World)> WorldAsync()
    {
        var factory = new HotlineFactory().WithoutHostedService<SmsOutboxService>().WithoutHostedService<StatsRefreshService>().WithoutHostedService<TermIndexService>();
        var data = new WorkspaceTestData(factory);
        return (factory, data, await data.SeedAsync());
    }

    private sealed record Seeded(IReadOnlyList<long> LiWater, IReadOnlyList<long> WangWater);

    private static async Task<Seeded> SeedAsync(WorkspaceTestData data, WorkspaceWorld world)
    {
        var today = ChinaTime.DateOf(data.Factory.Clock.GetUtcNow());
        DateTimeOffset At(int daysAgo, int minute) => ChinaTime.At(today.AddDays(-daysAgo), new TimeOnly(9, minute));
        for (var d = 8; d <= 22; d++)
        {
            await data.AddAppealAsync(world.LiId, at: At(d, 0));
        }

        for (var d = 1; d <= 5; d++)
        {
            await data.AddAppealAsync(world.LiId, at: At(d, 1));
        }

        for (var d = 60; d < 100; d++)
        {
            await data.AddAppealAsync(world.LiId, at: At(d, 2));
        }

        var li = new List<long>();
        for (var i = 0; i < LiWater.Length; i++)
        {
            li.Add(await data.AddAppealAsync(world.LiId, at: At(2 + i, 10 + i), description: LiWater[i], confidential: i == 0));
        }

        var wang = new List<long>();
        for (var i = 0; i < WangWater.Length; i++)
        {
            wang.Add(await data.AddAppealAsync(world.WangId, at: At(2 + i, 20 + i), description: WangWater[i]));
        }

        return new Seeded(li, wang);
    }

    /// <summary>One pass of the real background job, as an instance's poll would run it; true when this call ran it.</summary>
    private static async Task<bool> PassAsync(HotlineFactory factory) =>
        await ActivatorUtilities.CreateInstance<TermIndexService>(factory.Services).TryRunAsync(TestContext.Current.CancellationToken);
}
