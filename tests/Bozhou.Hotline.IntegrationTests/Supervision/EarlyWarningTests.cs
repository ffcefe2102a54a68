using Bozhou.Hotline.Core.Audit;
using Bozhou.Hotline.Core.Settings;
using Bozhou.Hotline.Core.Sms;
using Bozhou.Hotline.IntegrationTests.Workspace;

namespace Bozhou.Hotline.IntegrationTests.Supervision;

/// <summary>
/// Early warnings (预警): the world's clock stands at Monday 2 March 2026 10:00 China time, so the last closed day is
/// 1 March, the recent window 16 February – 1 March and the baseline 22 December 2025 – 15 February 2026. Li's roll-ups
/// hold 30 answered of 60 attempts in the recent window and 200 of 240 in the baseline: z = −5.46, p ≈ 2.4 × 10⁻⁸.
/// </summary>
public class EarlyWarningTests
{
    private const string OfficeMobile = "+8613900000001";

    /// <summary>When the seeded roll-ups were computed: the evening before the world's clock.</summary>
    private static readonly DateTimeOffset Computed = ChinaTime.StartOf(new DateOnly(2026, 3, 1)).AddHours(20);

    [Fact]
    public async Task A_drop_in_answer_rate_is_listed_with_its_test_texted_once_and_dismissed_with_an_audited_reason()
    {
        var (factory, data, world) = await WorldAsync();
        using var _ = factory;
        await SeedAsync(data, world.LiId);

        Assert.Equal(1, await EvaluateAsync(factory));

        using var office = await data.SignInAsync(WorkspaceWorld.SupervisorEmail);
        var page = await office.GetPageAsync("/supervision/alerts");
        var row = page.QuerySelector("#alerts-open tr[data-rule='AnswerRateDrop']")!;
        Assert.Contains("接通率显著下降", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("近2周 30/60（50.0%）；前8周 200/240（83.3%）", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("近2周 2026-02-16 至 2026-03-01；前8周 2025-12-22 至 2026-02-15", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("z = -5.46", row.QuerySelector(".z")!.TextContent);
        Assert.Equal("p = 2.3781E-8", row.QuerySelector(".p")!.TextContent);
        Assert.Equal(1, page.QuerySelectorAll("#alerts-open tbody tr").Length);
        Assert.Equal("/supervision/alerts", page.QuerySelector(".supervision-nav a.active")!.GetAttribute("href"));

        var texts = await data.QueryAsync(db => db.SmsMessages.Where(m => m.Purpose == SmsPurpose.SupervisionAlert).ToListAsync());
        var text = Assert.Single(texts);
        Assert.Equal("139****0001", text.ToPhoneMasked);
        Assert.Null(text.CadreId);
        Assert.Contains("近2周接通率50.0%，明显低于前8周83.3%", text.Body, StringComparison.Ordinal);

        // Dismissed through the real form, with its antiforgery token.
        var form = row.QuerySelector<IHtmlFormElement>("form.dismiss-form")!;
        using (var dismissed = await office.SubmitAsync(form, Html.Fields(("reason", "已电话核实：该干部本月参加封闭培训")), "/supervision/alerts"))
        {
            Assert.Equal(HttpStatusCode.Redirect, dismissed.StatusCode);
        }

        var after = await office.GetPageAsync("/supervision/alerts");
        Assert.NotNull(after.QuerySelector("#alerts-open-empty"));
        var done = after.QuerySelector("#alerts-dismissed tr[data-rule='AnswerRateDrop']")!;
        Assert.Contains("已电话核实：该干部本月参加封闭培训", done.QuerySelector(".reason")!.TextContent, StringComparison.Ordinal);
        var warning = await data.QueryAsync(db => db.EarlyWarnings.SingleAsync());
        Assert.Equal(factory.Clock.GetUtcNow(), warning.DismissedAt);
        Assert.NotNull(warning.DismissedByUserId);
        var audit = await data.QueryAsync(db => db.AuditEntries.SingleAsync(e => e.Action == AuditAction.AlertDismissed));
        Assert.Equal($"EarlyWarning:{warning.Id}", audit.Subject);
        Assert.Equal(warning.DismissedByUserId, audit.UserId);
        Assert.Contains("已电话核实", audit.Details, StringComparison.Ordinal);

        // The same window again, dismissed or not: nothing new, no second text.
        Assert.Equal(0, await EvaluateAsync(factory));
        Assert.Equal(1, await data.QueryAsync(db => db.EarlyWarnings.CountAsync()));
        Assert.Equal(1, await data.QueryAsync(db => db.SmsMessages.CountAsync(m => m.Purpose == SmsPurpose.SupervisionAlert)));
    }

    [Fact]
    public async Task The_statistics_refresh_pass_raises_the_warning_after_the_roll_ups_once_per_cluster()
    {
        var (factory, data, world) = await WorldAsync();
        using var _ = factory;
        await SeedAsync(data, world.LiId);
        var job = ActivatorUtilities.CreateInstance<StatsRefreshService>(factory.Services);

        Assert.True(await job.TryRunAsync(TestContext.Current.CancellationToken));
        var run = await data.QueryAsync(db => db.JobRuns.SingleAsync(r => r.Name == StatsRefreshService.JobName));
        Assert.Null(run.LastError);

        var warning = await data.QueryAsync(db => db.EarlyWarnings.SingleAsync());
        Assert.Equal((EarlyWarningRule.AnswerRateDrop, world.LiId), (warning.Rule, warning.SubjectId));
        Assert.Equal(ChinaTime.StartOf(new DateOnly(2026, 3, 2)), warning.WindowEnd);
    }

    [Fact]
    public async Task A_dismissal_without_a_reason_changes_nothing()
    {
        var (factory, data, world) = await WorldAsync();
        using var _ = factory;
        await SeedAsync(data, world.LiId);
        await EvaluateAsync(factory);
        using var office = await data.SignInAsync(WorkspaceWorld.SupervisorEmail);
        var form = (await office.GetPageAsync("/supervision/alerts")).QuerySelector<IHtmlFormElement>("#alerts-open form.dismiss-form")!;

        using (await office.SubmitAsync(form, Html.Fields(("reason", "   ")), "/supervision/alerts"))
        {
        }

        Assert.Null((await data.QueryAsync(db => db.EarlyWarnings.SingleAsync())).DismissedAt);
        Assert.False(await data.QueryAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditAction.AlertDismissed)));
    }

    [Fact]
    public async Task Two_dismissals_at_once_store_one_reason_and_one_audit_entry()
    {
        var (factory, data, world) = await WorldAsync();
        using var _ = factory;
        await SeedAsync(data, world.LiId);
        await EvaluateAsync(factory);
        var id = await data.QueryAsync(db => db.EarlyWarnings.Select(w => w.Id).SingleAsync());

        var results = await Task.WhenAll(DismissAsync("督查员甲", "理由甲"), DismissAsync("督查员乙", "理由乙"));

        Assert.Equal([DismissResult.Dismissed, DismissResult.AlreadyDismissed], results.Order());
        var warning = await data.QueryAsync(db => db.EarlyWarnings.SingleAsync());
        var audit = await data.QueryAsync(db => db.AuditEntries.SingleAsync(e => e.Action == AuditAction.AlertDismissed));
        Assert.Equal(warning.DismissedBy, audit.UserName);
        Assert.Contains(warning.DismissReason!, audit.Details, StringComparison.Ordinal);

        async Task<DismissResult> DismissAsync(string who, string reason)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<EarlyWarnings>().DismissAsync(id, reason, new Actor(null, who), factory.Clock.GetUtcNow());
        }
    }

    [Fact]
    public async Task Two_evaluations_at_once_raise_one_warning_and_one_text()
    {
        var (factory, data, world) = await WorldAsync();
        using var _ = factory;
        await SeedAsync(data, world.LiId);

        var raised = await Task.WhenAll(EvaluateAsync(factory), EvaluateAsync(factory), EvaluateAsync(factory));

        Assert.Equal(1, raised.Sum());
        Assert.Equal(1, await data.QueryAsync(db => db.EarlyWarnings.CountAsync()));
        Assert.Equal(1, await data.QueryAsync(db => db.SmsMessages.CountAsync(m => m.Purpose == SmsPurpose.SupervisionAlert)));
    }

    [Fact]
    public async Task Three_unsatisfied_ratings_in_a_row_for_one_department_raise_one_warning()
    {
        var (factory, data, world) = await WorldAsync();
        using var _ = factory;
        var now = factory.Clock.GetUtcNow();
        foreach (var (score, minutes) in new[] { (5, 10), (1, 20), (2, 30), (1, 40), (1, 50) })
        {
            await data.AddAppealAsync(world.LiId, CallOutcome.Answered, at: now.AddDays(-3), then: (a, clock) =>
            {
                a.Reply(ReplyKind.Resolved, "已办结", null, "李明", null, clock, now.AddDays(-2));
                a.Rate(false, score, null, clock, now.AddDays(-1).AddMinutes(minutes), "来电人");
            });
        }

        Assert.Equal(1, await EvaluateAsync(factory));
        Assert.Equal(0, await EvaluateAsync(factory));

        var warning = await data.QueryAsync(db => db.EarlyWarnings.SingleAsync());
        Assert.Equal(EarlyWarningRule.UnsatisfiedRun, warning.Rule);
        Assert.Equal(now.AddDays(-1).AddMinutes(40), warning.WindowEnd);
        Assert.Equal([1, 2, 1], warning.RunRatings.Select(r => r.Score));
        using var office = await data.SignInAsync(WorkspaceWorld.SupervisorEmail);
        var row = (await office.GetPageAsync("/supervision/alerts")).QuerySelector("#alerts-open tr[data-rule='UnsatisfiedRun']")!;
        Assert.Contains("连续三次不满意", row.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_database_refuses_a_second_warning_for_the_same_rule_subject_and_window()
    {
        var (factory, data, world) = await WorldAsync();
        using var _ = factory;
        var end = ChinaTime.StartOf(new DateOnly(2026, 3, 2));
        EarlyWarning Warning() => new() { Rule = EarlyWarningRule.AnswerRateDrop, SubjectId = world.LiId, WindowEnd = end, RaisedAt = end };
        await data.QueryAsync(db => { db.EarlyWarnings.Add(Warning()); return db.SaveChangesAsync(); });

        await Assert.ThrowsAsync<DbUpdateException>(() => data.QueryAsync(db => { db.EarlyWarnings.Add(Warning()); return db.SaveChangesAsync(); }));
        // Another rule, or the next window, is a warning of its own.
        await data.QueryAsync(db =>
        {
            var otherRule = Warning();
            otherRule.Rule = EarlyWarningRule.CallbackRateDrop;
            var nextWindow = Warning();
            nextWindow.WindowEnd = end.AddDays(1);
            db.EarlyWarnings.AddRange(otherRule, nextWindow);
            return db.SaveChangesAsync();
        });
        Assert.Equal(3, await data.QueryAsync(db => db.EarlyWarnings.CountAsync()));
    }

    [Fact]
    public async Task On_PostgreSQL_two_evaluations_at_once_raise_one_warning_listed_with_its_test()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var factory = new HotlineFactory().WithoutHostedService<SmsOutboxService>().WithoutHostedService<StatsRefreshService>();
        factory.UsePostgres(database.ConnectionString);
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        await SeedAsync(data, world.LiId);

        var raised = await Task.WhenAll(EvaluateAsync(factory), EvaluateAsync(factory), EvaluateAsync(factory));

        Assert.Equal(1, raised.Sum());
        Assert.Equal(0, await EvaluateAsync(factory));
        Assert.Equal(1, await data.QueryAsync(db => db.SmsMessages.CountAsync(m => m.Purpose == SmsPurpose.SupervisionAlert)));
        using var office = await data.SignInAsync(WorkspaceWorld.SupervisorEmail);
        var row = (await office.GetPageAsync("/supervision/alerts")).QuerySelector("#alerts-open tr[data-rule='AnswerRateDrop']")!;
        Assert.Equal("p = 2.3781E-8", row.QuerySelector(".p")!.TextContent);
    }

    /// <summary>The workspace world with no background statistics pass: each evaluation here is the test's own.</summary>
    private static async Task<(HotlineFactory Factory, WorkspaceTestData Data, WorkspaceWorld World)> WorldAsync()
    {
        var factory = new HotlineFactory().WithoutHostedService<SmsOutboxService>().WithoutHostedService<StatsRefreshService>();
        var data = new WorkspaceTestData(factory);
        return (factory, data, await data.SeedAsync());
    }

    /// <summary>Li's roll-ups (one day in each window) and the office's mobile in the saved settings.</summary>
    private static async Task SeedAsync(WorkspaceTestData data, int cadreId)
    {
        await data.QueryAsync(async db =>
        {
            db.DailyCadreStats.Add(new DailyCadreStats { Date = new DateOnly(2026, 2, 20), CadreId = cadreId, CallsLogged = 60, CallAttempts = 60, CallsAnswered = 30, ComputedAt = Computed });
            db.DailyCadreStats.Add(new DailyCadreStats { Date = new DateOnly(2026, 1, 20), CadreId = cadreId, CallsLogged = 240, CallAttempts = 240, CallsAnswered = 200, ComputedAt = Computed });
            // Outside both windows: not counted.
            db.DailyCadreStats.Add(new DailyCadreStats { Date = new DateOnly(2025, 12, 21), CadreId = cadreId, CallsLogged = 500, CallAttempts = 500, CallsAnswered = 0, ComputedAt = Computed });
            db.SavedSettings.Add(new SavedSettings { SupervisionMobile = OfficeMobile, SavedAt = DateTimeOffset.UnixEpoch, SavedBy = "test" });
            return await db.SaveChangesAsync();
        });
    }

    private static async Task<int> EvaluateAsync(HotlineFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<EarlyWarnings>().EvaluateAsync(factory.Clock.GetUtcNow());
    }
}
