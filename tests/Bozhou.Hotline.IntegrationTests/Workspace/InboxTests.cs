namespace Bozhou.Hotline.IntegrationTests.Workspace;

public class InboxTests
{
    [Fact]
    public async Task A_cadre_sees_their_open_appeals_nearest_deadline_first_with_badges_and_counts()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var now = factory.Clock.GetUtcNow();
        var replied = await data.AddAppealAsync(world.LiId, CallOutcome.Answered, now.AddDays(-2),
            then: (a, clock) => a.Reply(ReplyKind.Resolved, "已解决。", null, "李明", null, clock, now.AddDays(-1)));
        // Logged before the Spring Festival holiday: its 10 working days have run out.
        var overdue = await data.AddAppealAsync(world.LiId, CallOutcome.Answered, now.AddDays(-35),
            then: (a, _) => a.RecordCallback(true, null, "李明", null, now.AddDays(-34)));
        var missed = await data.AddAppealAsync(world.LiId, CallOutcome.NotAnswered, now.AddMinutes(-30));
        var closed = await data.AddAppealAsync(world.LiId, CallOutcome.Answered, now.AddDays(-30), then: (a, clock) =>
        {
            a.Reply(ReplyKind.Explained, "无法解决，原因如下。", null, "李明", null, clock, now.AddDays(-29));
            a.CloseUnratedIfDue(now.AddDays(-20), "系统");
        });
        var someoneElses = await data.AddAppealAsync(world.WangId);
        using var client = await data.SignInAsync(WorkspaceWorld.LiEmail);

        var page = await client.GetPageAsync("/workspace");

        Assert.Equal([overdue, missed, replied], WorkspacePages.InboxIds(page));
        Assert.Equal(["Overdue"], WorkspacePages.Badges(page, overdue));
        Assert.Equal(["MissedCall"], WorkspacePages.Badges(page, missed));
        Assert.Empty(WorkspacePages.Badges(page, replied));
        Assert.DoesNotContain(someoneElses, WorkspacePages.InboxIds(page));
        Assert.Contains("全部未办结 3", page.QuerySelector("#status-filter")!.TextContent.Split('\n').Select(s => s.Trim()).Aggregate((x, y) => x + " " + y), StringComparison.Ordinal);
        Assert.Equal("1", page.QuerySelector("#badge-filter a[href='/workspace?badge=MissedCall'] .badge")!.TextContent.Trim());

        var closedPage = await client.GetPageAsync("/workspace?status=Closed");
        Assert.Equal([closed], WorkspacePages.InboxIds(closedPage));
        var missedOnly = await client.GetPageAsync("/workspace?badge=MissedCall");
        Assert.Equal([missed], WorkspacePages.InboxIds(missedOnly));
        var repliedOnly = await client.GetPageAsync("/workspace?status=Replied");
        Assert.Equal([replied], WorkspacePages.InboxIds(repliedOnly));
    }

    [Fact]
    public async Task A_reopened_appeal_carries_one_sent_back_badge_not_the_status_beside_it_again()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var now = factory.Clock.GetUtcNow();
        var reopened = await data.AddAppealAsync(world.LiId, CallOutcome.Answered, now.AddDays(-3), then: (a, clock) =>
        {
            a.Reply(ReplyKind.Resolved, "已处理。", null, EventActor.Cadre("李明"), null, clock, now.AddDays(-2));
            a.Rate(false, 1, "没有解决。", clock, now.AddDays(-1), EventActor.Caller);
        });
        using var li = await data.SignInAsync(WorkspaceWorld.LiEmail);

        var row = (await li.GetPageAsync("/workspace")).QuerySelector($".inbox-row[data-appeal-id='{reopened}']")!;

        Assert.Equal(AppealStatus.Reopened, (await data.AppealAsync(reopened)).Status);
        Assert.Equal(1, row.TextContent.Split("发回重办").Length - 1);
        Assert.Null(row.QuerySelector(".inbox-status"));
    }

    [Fact]
    public async Task Staff_see_the_appeals_of_the_cadres_delegated_to_them_and_no_others()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var lis = await data.AddAppealAsync(world.LiId);
        var wangs = await data.AddAppealAsync(world.WangId);
        using var staff = await data.SignInAsync(WorkspaceWorld.StaffEmail);

        var page = await staff.GetPageAsync("/workspace");

        Assert.Equal([lis], WorkspacePages.InboxIds(page));
        using var other = await staff.GetAsync(new Uri($"/workspace/appeals/{wangs}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task The_inbox_masks_every_number_and_the_appeal_page_reveals_it_as_a_tel_link_logging_each_view()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var id = await data.AddAppealAsync(world.LiId);
        using var staff = await data.SignInAsync(WorkspaceWorld.StaffEmail);

        var inbox = await staff.GetPageAsync("/workspace");
        Assert.Equal(WorkspaceTestData.CallerPhoneMasked, inbox.QuerySelector(".caller-masked")!.TextContent.Trim());
        Assert.DoesNotContain("13800000000", inbox.Body!.InnerHtml, StringComparison.Ordinal);
        Assert.Equal(0, await data.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditAction.RevealPersonalData)));

        var page = await WorkspacePages.AppealAsync(staff, id);
        await WorkspacePages.AppealAsync(staff, id);

        Assert.Equal("tel:+8613800000000", page.QuerySelector("#caller-phone")!.GetAttribute("href"));
        Assert.Equal("王女士", page.QuerySelector("#caller-name")!.TextContent.Trim());
        var reveals = await data.QueryAsync(db => db.AuditEntries.Where(a => a.Action == AuditAction.RevealPersonalData).ToListAsync());
        Assert.Equal(2, reveals.Count);
        Assert.All(reveals, r =>
        {
            Assert.Equal($"Appeal:{id}", r.Subject);
            Assert.Equal("张秘书", r.UserName);
            Assert.NotNull(r.UserId);
            Assert.Equal(factory.Clock.GetUtcNow(), r.At);
        });
    }

    [Fact]
    public async Task Hot_spots_count_the_last_30_days_by_topic_against_the_30_before()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var now = factory.Clock.GetUtcNow();
        foreach (var daysAgo in new[] { 1, 5, 29 })
        {
            await data.AddAppealAsync(world.LiId, CallOutcome.Answered, now.AddDays(-daysAgo), world.TransportTopicId);
        }

        await data.AddAppealAsync(world.LiId, CallOutcome.Answered, now.AddDays(-40), world.TransportTopicId);
        await data.AddAppealAsync(world.LiId, CallOutcome.Answered, now.AddDays(-45), world.PolicyTopicId);
        await data.AddAppealAsync(world.WangId, CallOutcome.Answered, now.AddDays(-2), world.OtherTopicId);
        using var client = await data.SignInAsync(WorkspaceWorld.LiEmail);

        var page = await client.GetPageAsync("/workspace");

        var rows = page.QuerySelectorAll("#hotspots tbody tr")
            .Select(r => string.Join("|", r.QuerySelectorAll("td").Select(c => c.TextContent.Trim())))
            .ToList();
        Assert.Equal(["交通出行|3|↑2", "政策咨询|0|↓1"], rows);
    }

    [Fact]
    public async Task The_workspace_and_its_appeal_page_read_in_English_when_the_user_chooses_it()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var id = await data.AddAppealAsync(world.LiId);
        using var staff = await data.SignInAsync(WorkspaceWorld.StaffEmail);
        using (await staff.GetAsync(new Uri("/culture/en?returnUrl=/workspace", UriKind.Relative))) { }

        var inbox = await staff.GetPageAsync("/workspace");
        var page = await WorkspacePages.AppealAsync(staff, id);

        Assert.Equal("Workspace", inbox.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("Missed call to return", inbox.QuerySelector(".inbox-badge")!.TextContent.Trim());
        Assert.Equal("Record a call back", page.QuerySelector("#callback-heading")!.TextContent.Trim());
        Assert.Contains("In a meeting, I will call you back", page.QuerySelector("#sms-form")!.TextContent, StringComparison.Ordinal);
    }
}
