using Bozhou.Hotline.Core.Operations;
using Bozhou.Hotline.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Bozhou.Hotline.IntegrationTests.Admin;

public class BackgroundJobsPageTests
{
    [Fact]
    public async Task The_administration_home_shows_each_background_jobs_last_pass_and_a_failure_after_it_with_its_error()
    {
        using var factory = new HotlineFactory().WithoutHostedService<StatsRefreshService>().WithoutHostedService<PersonalDataPurger>()
            .WithoutHostedService<Core.Insight.TermIndexService>();
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        var success = new DateTimeOffset(2026, 3, 1, 19, 0, 0, TimeSpan.Zero);
        await data.QueryAsync(async db =>
        {
            db.JobRuns.Add(new JobRun { Name = PersonalDataPurger.JobName, LastStartedUtc = success, LastSuccessUtc = success });
            db.JobRuns.Add(new JobRun
            {
                Name = StatsRefreshService.JobName, LastSuccessUtc = success, LastFailureUtc = success.AddHours(1), LastError = "TimeoutException: the database did not answer",
            });
            return await db.SaveChangesAsync();
        });
        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);

        var page = await admin.GetPageAsync("/admin");

        var purge = page.QuerySelector($"#background-jobs tr[data-job='{PersonalDataPurger.JobName}']")!;
        Assert.Contains("个人信息定期清除", purge.TextContent, StringComparison.Ordinal);
        Assert.Equal("2026-03-02 03:00:00", purge.QuerySelector(".last-success")!.TextContent.Trim());
        var stats = page.QuerySelector($"#background-jobs tr[data-job='{StatsRefreshService.JobName}']")!;
        Assert.Contains("2026-03-02 04:00:00", stats.QuerySelector(".last-failure")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("the database did not answer", stats.QuerySelector(".last-failure")!.TextContent, StringComparison.Ordinal);
        // The SMS outbox, statistics refresh, rising terms' analysis, unrated sweep and purge.
        Assert.Equal(5, page.QuerySelectorAll("#background-jobs tbody tr").Length);
        Assert.Contains("上升诉求分词统计", page.QuerySelector($"#background-jobs tr[data-job='{Core.Insight.TermIndexService.JobName}']")!.TextContent, StringComparison.Ordinal);
    }
}
