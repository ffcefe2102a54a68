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
        // The same caller on the same topic, handled by another post: never named to this handler (its code opens the
        // citizen's status page with the caller's phone, which the handler sees).
        var anotherPosts = await data.AddAppealAsync(world.WangId, CallOutcome.Answered, at: now.AddHours(-1));
        using var cadre = await data.SignInAsync(WorkspaceWorld.LiEmail);
        var originalCode = (await data.AppealAsync(original)).TrackingCode;

        var page = await WorkspacePages.AppealAsync(cadre, later);
        var offered = page.QuerySelectorAll("#possible-duplicates form.duplicate-form").Select(f => f.GetAttribute("data-original")).ToList();
        Assert.Equal([original.ToString(System.Globalization.CultureInfo.InvariantCulture)], offered);
        Assert.Contains(TrackingCode.Format(originalCode), page.QuerySelector("#possible-duplicates .possible-duplicate")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(tooOld.ToString(System.Globalization.CultureInfo.InvariantCulture), offered);
        Assert.DoesNotContain(anotherPosts.ToString(System.Globalization.CultureInfo.InvariantCulture), offered);
        Assert.DoesNotContain(TrackingCode.Format((await data.AppealAsync(anotherPosts)).TrackingCode), page.QuerySelector("#possible-duplicates")!.TextContent, StringComparison.Ordinal);
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

    [Fact]
    public async Task An_original_marked_a_duplicate_in_turn_hands_its_own_duplicates_on_so_the_citizen_follows_an_open_appeal()
    {
        using var factory = new HotlineFactory().WithoutHostedService<SmsOutboxService>();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var now = factory.Clock.GetUtcNow();
        var oldest = await data.AddAppealAsync(world.LiId, CallOutcome.Answered, at: now.AddHours(-3));
        var middle = await data.AddAppealAsync(world.LiId, CallOutcome.Answered, at: now.AddHours(-2));
        var latest = await data.AddAppealAsync(world.LiId, CallOutcome.Answered);
        using var cadre = await data.SignInAsync(WorkspaceWorld.LiEmail);

        // The latest into the middle one, then the middle one into the oldest: A → B → C.
        await MarkAsync(cadre, latest, middle);
        await MarkAsync(cadre, middle, oldest);

        var oldestCode = (await data.AppealAsync(oldest)).TrackingCode;
        var first = await data.AppealAsync(latest);
        Assert.Equal((long?)oldest, first.DuplicateOfAppealId);
        Assert.Equal($"/workspace/appeals/{oldest}", (await WorkspacePages.AppealAsync(cadre, latest)).QuerySelector("#duplicate-of a")!.GetAttribute("href"));
        var duplicatesOfOldest = (await WorkspacePages.AppealAsync(cadre, oldest)).QuerySelectorAll("#duplicates a").Select(a => a.GetAttribute("href")).ToHashSet();
        Assert.Equal(new HashSet<string?> { $"/workspace/appeals/{middle}", $"/workspace/appeals/{latest}" }, duplicatesOfOldest);

        using var citizen = factory.CreateClient();
        using (await citizen.CheckAsync(first.TrackingCode, "0000"))
        {
        }

        var status = await citizen.GetPageAsync("/appeals/track/" + first.TrackingCode);
        Assert.Contains($"请凭查询码 {TrackingCode.Format(oldestCode)} 查看", status.QuerySelector("#duplicate-of")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dashboards_hot_spots_count_a_duplicate_and_its_original_once()
    {
        using var factory = new HotlineFactory().WithoutHostedService<SmsOutboxService>();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var now = factory.Clock.GetUtcNow();
        var original = await data.AddAppealAsync(world.LiId, CallOutcome.Answered, at: now.AddHours(-2));
        var later = await data.AddAppealAsync(world.LiId, CallOutcome.Answered);
        using var cadre = await data.SignInAsync(WorkspaceWorld.LiEmail);
        using var office = await data.SignInAsync(WorkspaceWorld.SupervisorEmail);
        var today = ChinaTime.DateOf(now).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var dashboard = $"/supervision/dashboard?from={today}&to={today}";
        Assert.Equal(2, await HotSpotTotalAsync(office, dashboard));

        await MarkAsync(cadre, later, original);

        Assert.Equal(1, await HotSpotTotalAsync(office, dashboard));
    }

    private static async Task MarkAsync(HttpClient cadre, long duplicate, long original)
    {
        var page = await WorkspacePages.AppealAsync(cadre, duplicate);
        var form = page.QuerySelector<IHtmlFormElement>($"#possible-duplicates form.duplicate-form[data-original='{original}']")!;
        using var marked = await cadre.SubmitAsync(form);
        Assert.Equal(HttpStatusCode.Redirect, marked.StatusCode);
    }

    private static async Task<int> HotSpotTotalAsync(HttpClient office, string url)
    {
        var page = await office.GetPageAsync(url);
        return page.QuerySelectorAll("#table-hotspots tbody tr")
            .Sum(tr => int.Parse(tr.QuerySelectorAll("td")[2].TextContent, System.Globalization.CultureInfo.InvariantCulture));
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
