using Bozhou.Hotline.IntegrationTests.Appeals;

namespace Bozhou.Hotline.IntegrationTests.Workspace;

/// <summary>
/// Duplicates (PRODUCT §4): the same caller's matter raised again with the same cadre or topic within 30 days of an open
/// appeal is offered to the handler; marked, it closes pointing to the original, both link to each other, the citizen's
/// page says where to follow, and statistics count the pair once.
/// </summary>
public class DuplicateTests
{
    [Fact]
    public async Task The_same_callers_second_appeal_is_offered_as_a_duplicate_and_once_marked_closes_into_the_original()
    {
        using var factory = new HotlineFactory().WithoutHostedService<SmsOutboxService>();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var now = factory.Clock.GetUtcNow();
        var original = await data.AddAppealAsync(world.LiId, CallOutcome.Answered, at: now.AddHours(-2));
        var later = await data.AddAppealAsync(world.LiId, CallOutcome.Answered);
        var otherCaller = await data.AddAppealAsync(world.LiId, CallOutcome.Answered, phone: "+8613900000000");
        var otherMatter = await data.AddAppealAsync(world.WangId, CallOutcome.Answered, topicId: world.PolicyTopicId);
        var tooOld = await data.AddAppealAsync(world.LiId, CallOutcome.Answered, at: now.AddDays(-31));
        using var cadre = await data.SignInAsync(WorkspaceWorld.LiEmail);
        var originalCode = (await data.AppealAsync(original)).TrackingCode;

        var page = await WorkspacePages.AppealAsync(cadre, later);
        var offered = page.QuerySelectorAll("#possible-duplicates form.duplicate-form").Select(f => f.GetAttribute("data-original")).ToList();
        Assert.Equal([original.ToString(System.Globalization.CultureInfo.InvariantCulture)], offered);
        Assert.Contains(TrackingCode.Format(originalCode), page.QuerySelector("#possible-duplicates .possible-duplicate")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(tooOld.ToString(System.Globalization.CultureInfo.InvariantCulture), offered);
        Assert.Null((await WorkspacePages.AppealAsync(cadre, otherCaller)).QuerySelector("#possible-duplicates"));
        Assert.Null((await WorkspacePages.AppealAsync(cadre, original)).QuerySelector("#possible-duplicates"));
        Assert.NotEqual(0, otherMatter);

        // The day's statistics before marking: both appeals count (with the other caller's).
        Assert.Equal(3, await CallsLoggedAsync(factory, world.LiId));
        using (var marked = await cadre.SubmitAsync(page.QuerySelector<IHtmlFormElement>("#possible-duplicates form.duplicate-form")!))
        {
            Assert.Equal(HttpStatusCode.Redirect, marked.StatusCode);
        }

        var duplicate = await data.AppealAsync(later);
        Assert.Equal((AppealStatus.Closed, (long?)original), (duplicate.Status, duplicate.DuplicateOfAppealId));
        Assert.Equal("Duplicate", duplicate.Events.Single(e => e.Kind == AppealEventKind.Closed).Outcome);
        var first = await data.AppealAsync(original);
        Assert.False(first.IsClosed);
        Assert.Contains(first.Events, e => e.Kind == AppealEventKind.DuplicateLinked && e.Text == duplicate.TrackingCode && e.IsInternal);
        Assert.Equal($"/workspace/appeals/{original}", (await WorkspacePages.AppealAsync(cadre, later)).QuerySelector("#duplicate-of a")!.GetAttribute("href"));
        Assert.Equal($"/workspace/appeals/{later}", (await WorkspacePages.AppealAsync(cadre, original)).QuerySelector("#duplicates a")!.GetAttribute("href"));

        // The citizen checking the duplicate is sent to the original.
        using var citizen = factory.CreateClient();
        using (await citizen.CheckAsync(duplicate.TrackingCode, "0000"))
        {
        }

        var status = await citizen.GetPageAsync("/appeals/track/" + duplicate.TrackingCode);
        Assert.Contains($"请凭查询码 {TrackingCode.Format(originalCode)} 查看", status.QuerySelector("#duplicate-of")!.TextContent, StringComparison.Ordinal);

        // Counted once: the duplicate leaves the day's calls logged.
        Assert.Equal(2, await CallsLoggedAsync(factory, world.LiId));
    }

    private static async Task<int> CallsLoggedAsync(HotlineFactory factory, int cadreId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var clock = await scope.ServiceProvider.GetRequiredService<AppealClockSource>().GetAsync();
        var rows = await scope.ServiceProvider.GetRequiredService<StatsRollup>().ComputeDayAsync(
            ChinaTime.DateOf(factory.Clock.GetUtcNow()), clock, factory.Clock.GetUtcNow());
        return rows.Where(r => r.CadreId == cadreId).Sum(r => r.CallsLogged);
    }
}
