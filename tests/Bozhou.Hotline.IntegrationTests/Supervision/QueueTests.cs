using static Bozhou.Hotline.TestSupport.SupervisionTestData;

namespace Bozhou.Hotline.IntegrationTests.Supervision;

/// <summary>Each queue's membership exactly at its deadline: one tick before it is not late, at it it is.</summary>
public class QueueTests
{
    // Monday 2 March 2026, 10:00 China time: no holiday in the weeks around it.
    private static readonly DateTimeOffset Monday = China(2026, 3, 2, 10);

    [Fact]
    public async Task A_missed_call_joins_the_queue_at_the_end_of_the_next_working_day_and_leaves_it_when_called_back()
    {
        using var factory = new AuthenticatedHotlineFactory();
        var data = await SeedAsync(factory);
        var appeal = await data.LogAsync(data.TransportHead, Monday, CallOutcome.NotAnswered);
        var due = China(2026, 3, 4, 0); // Tuesday 24:00
        Assert.Equal(due, appeal.CallbackDueAt);
        using var client = factory.CreateClientAs("督查员", Roles.Supervisor);

        await OutOfQueueUntilAsync(factory, client, appeal.TrackingCode, due, QueueKind.MissedCalls);
        var page = await client.GetPageAsync("/supervision?kind=MissedCalls");
        var row = page.QuerySelector($"tr[data-code='{appeal.TrackingCode}']")!;
        Assert.NotNull(row);
        Assert.Equal("1", row.QuerySelector("td.late")!.GetAttribute("data-late"));
        Assert.Equal("138****0000", row.QuerySelector("td.phone")!.TextContent.Trim());
        Assert.Equal("1", page.QuerySelector("[data-count='MissedCalls']")!.TextContent.Trim());

        await data.ChangeAsync(appeal.Id, (a, _) => a.RecordCallback(true, null, "张伟", null, due.AddHours(1)));
        Assert.DoesNotContain(appeal.TrackingCode, await CodesAsync(client, QueueKind.MissedCalls));
    }

    [Fact]
    public async Task An_appeal_with_no_first_contact_joins_the_queue_after_three_working_days()
    {
        using var factory = new AuthenticatedHotlineFactory();
        var data = await SeedAsync(factory);
        var appeal = await data.LogAsync(data.Mayor, Monday, CallOutcome.Answered);
        var due = China(2026, 3, 6, 0); // Thursday 24:00
        Assert.Equal(due, appeal.FirstContactDueAt);
        using var client = factory.CreateClientAs("督查员", Roles.Supervisor);

        await OutOfQueueUntilAsync(factory, client, appeal.TrackingCode, due, QueueKind.NoFirstContact, QueueKind.MissedCalls);
        Assert.Contains(appeal.TrackingCode, await CodesAsync(client, QueueKind.NoFirstContact));
    }

    [Fact]
    public async Task A_transfer_not_accepted_within_one_working_day_joins_the_queue()
    {
        using var factory = new AuthenticatedHotlineFactory();
        var data = await SeedAsync(factory);
        var appeal = await data.LogAsync(data.Mayor, Monday, CallOutcome.Answered,
            then: (a, clock) => a.Transfer(data.TransportHead, "交通事项，转交通运输局办理", "张明", null, clock, Monday.AddHours(1)));
        var due = China(2026, 3, 4, 0);
        Assert.Equal(due, appeal.TransferAcceptDueAt);
        using var client = factory.CreateClientAs("督查员", Roles.Supervisor);

        await OutOfQueueUntilAsync(factory, client, appeal.TrackingCode, due, QueueKind.TransferNotAccepted);
        var page = await client.GetPageAsync("/supervision?kind=TransferNotAccepted");
        // The row names the handler now: the receiver who has not signed for it.
        Assert.Contains("张伟", page.QuerySelector($"tr[data-code='{appeal.TrackingCode}']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reply_is_overdue_past_its_limit_and_long_overdue_past_twice_the_limit()
    {
        using var factory = new AuthenticatedHotlineFactory();
        var data = await SeedAsync(factory);
        // A consultation: 3 working days to reply, long overdue after 6.
        var appeal = await data.LogAsync(data.TransportHead, Monday, CallOutcome.Answered, topicId: data.TopicConsultation,
            then: (a, _) => a.RecordCallback(true, null, "张伟", null, Monday.AddHours(1)));
        var due = China(2026, 3, 6, 0);
        var longDue = China(2026, 3, 11, 0); // the 6th working day after Monday 2 March is Tuesday 10 March
        Assert.Equal(due, appeal.ReplyDueAt);
        using var client = factory.CreateClientAs("督查员", Roles.Supervisor);

        await OutOfQueueUntilAsync(factory, client, appeal.TrackingCode, due, QueueKind.OverdueReplies);
        Assert.Contains(appeal.TrackingCode, await CodesAsync(client, QueueKind.OverdueReplies));
        Assert.DoesNotContain(appeal.TrackingCode, await CodesAsync(client, QueueKind.LongOverdueReplies));

        factory.Clock.SetUtcNow(longDue.AddTicks(-1));
        Assert.Contains(appeal.TrackingCode, await CodesAsync(client, QueueKind.OverdueReplies));
        Assert.DoesNotContain(appeal.TrackingCode, await CodesAsync(client, QueueKind.LongOverdueReplies));

        factory.Clock.SetUtcNow(longDue);
        Assert.DoesNotContain(appeal.TrackingCode, await CodesAsync(client, QueueKind.OverdueReplies));
        var page = await client.GetPageAsync("/supervision?kind=LongOverdueReplies");
        var row = page.QuerySelector($"tr[data-code='{appeal.TrackingCode}']")!;
        // Due at the start of Friday 6 March; at the start of Wednesday 11 March: Fri, Mon, Tue, Wed.
        Assert.Equal("4", row.QuerySelector("td.late")!.GetAttribute("data-late"));
    }

    [Fact]
    public async Task An_unsatisfied_rating_puts_the_appeal_in_the_unsatisfied_queue()
    {
        using var factory = new AuthenticatedHotlineFactory();
        var data = await SeedAsync(factory);
        var satisfied = await data.LogAsync(data.Mayor, Monday, CallOutcome.Answered, then: (a, clock) =>
        {
            a.Reply(ReplyKind.Resolved, "已恢复站牌", null, "张明", null, clock, Monday.AddHours(2));
            a.Rate(true, 5, null, clock, Monday.AddHours(3), "来电人");
        });
        var unsatisfied = await data.LogAsync(data.Mayor, Monday, CallOutcome.Answered, then: (a, clock) =>
        {
            a.Reply(ReplyKind.Explained, "暂无法恢复", null, "张明", null, clock, Monday.AddHours(2));
            a.Rate(false, 1, "敷衍", clock, Monday.AddHours(3), "来电人");
        });
        // Unsatisfied twice: handled again, still unsatisfied, and closed.
        var twice = await data.LogAsync(data.Mayor, Monday.AddMinutes(-30), CallOutcome.Answered, then: (a, clock) =>
        {
            a.Reply(ReplyKind.Explained, "暂无法恢复", null, "张明", null, clock, Monday.AddHours(2));
            a.Rate(false, 2, null, clock, Monday.AddHours(3), "来电人");
            a.Reply(ReplyKind.Explained, "经再次核实，仍无法恢复", null, "张明", null, clock, Monday.AddHours(4));
            a.Rate(false, 1, null, clock, Monday.AddHours(5), "来电人");
        });
        Assert.Equal(AppealStatus.Closed, twice.Status);
        using var client = factory.CreateClientAs("督查员", Roles.Supervisor);

        var codes = await CodesAsync(client, QueueKind.Unsatisfied);

        // The one still owing its new reply first, then the closed one; the satisfied one not at all.
        Assert.Equal([unsatisfied.TrackingCode, twice.TrackingCode], codes);
        Assert.DoesNotContain(satisfied.TrackingCode, codes);

        // A closed one leaves the queue 30 days after closing.
        factory.Clock.SetUtcNow(Monday.AddHours(5).AddDays(30).AddMinutes(1));
        Assert.Equal([unsatisfied.TrackingCode], await CodesAsync(client, QueueKind.Unsatisfied));
    }

    [Fact]
    public async Task Queues_are_sorted_by_how_late_and_filtered_by_jurisdiction_department_cadre_topic_and_period()
    {
        using var factory = new AuthenticatedHotlineFactory();
        var data = await SeedAsync(factory);
        var older = await data.LogAsync(data.TransportHead, China(2026, 2, 24, 9));
        var newer = await data.LogAsync(data.TransportHead, China(2026, 2, 26, 9));
        var district = await data.LogAsync(data.DistrictHead, China(2026, 2, 25, 9), topicId: data.TopicConsultation);
        using var client = factory.CreateClientAs("督查员", Roles.Supervisor);

        Assert.Equal([older.TrackingCode, district.TrackingCode, newer.TrackingCode], await CodesAsync(client, QueueKind.MissedCalls));
        Assert.Equal([older.TrackingCode, newer.TrackingCode], await CodesAsync(client, QueueKind.MissedCalls, "&jurisdiction=city"));
        Assert.Equal([district.TrackingCode], await CodesAsync(client, QueueKind.MissedCalls, $"&department={data.QiaochengGovernment}"));
        Assert.Equal([older.TrackingCode, newer.TrackingCode], await CodesAsync(client, QueueKind.MissedCalls, $"&cadre={data.TransportHead}"));
        Assert.Equal([district.TrackingCode], await CodesAsync(client, QueueKind.MissedCalls, $"&topic={data.TopicConsultation}"));
        Assert.Equal([district.TrackingCode, newer.TrackingCode], await CodesAsync(client, QueueKind.MissedCalls, "&from=2026-02-25&to=2026-02-26"));
        // A mistyped date is dropped, not a server error.
        Assert.Equal(3, (await CodesAsync(client, QueueKind.MissedCalls, "&from=yesterday")).Count);
    }

    [Fact]
    public async Task A_long_queue_is_paged_fifty_rows_at_a_time_with_the_total_counted()
    {
        using var factory = new AuthenticatedHotlineFactory();
        var data = await SeedAsync(factory);
        for (var i = 0; i < 55; i++)
        {
            await data.LogAsync(data.TransportHead, China(2026, 2, 2, 9).AddMinutes(i));
        }

        using var client = factory.CreateClientAs("督查员", Roles.Supervisor);
        var first = await client.GetPageAsync("/supervision?kind=MissedCalls");
        var second = await client.GetPageAsync(first.QuerySelector<IHtmlAnchorElement>("a[rel='next']")!.GetAttribute("href")!);

        Assert.Equal(50, first.QuerySelectorAll("#queue-table tbody tr").Length);
        Assert.Equal(5, second.QuerySelectorAll("#queue-table tbody tr").Length);
        Assert.Equal("55", first.QuerySelector("[data-count='MissedCalls']")!.TextContent.Trim());
    }

    [Fact]
    public async Task Queue_counts_are_reused_for_their_configured_age_while_the_rows_below_are_read_live()
    {
        using var factory = new AuthenticatedHotlineFactory();
        factory.With("Supervision:LiveFiguresMaxAge", "00:00:30");
        var data = await SeedAsync(factory);
        var first = await data.LogAsync(data.TransportHead, Monday, CallOutcome.NotAnswered);
        factory.Clock.SetUtcNow(China(2026, 3, 4, 9)); // Wednesday 09:00, past both callbacks' deadline
        using var client = factory.CreateClientAs("督查员", Roles.Supervisor);

        var page = await client.GetPageAsync("/supervision?kind=MissedCalls");
        Assert.Equal("1", page.QuerySelector("[data-count='MissedCalls']")!.TextContent.Trim());
        Assert.Contains("09:00:00", page.QuerySelector("#counted-at")!.TextContent, StringComparison.Ordinal);

        var second = await data.LogAsync(data.TransportHead, Monday.AddMinutes(5), CallOutcome.NotAnswered);
        factory.Clock.Advance(TimeSpan.FromSeconds(29));
        // Another queue's page shows the kept count on the missed-calls tab...
        page = await client.GetPageAsync("/supervision?kind=NoFirstContact");
        Assert.Equal("1", page.QuerySelector("[data-count='MissedCalls']")!.TextContent.Trim());
        Assert.Contains("09:00:00", page.QuerySelector("#counted-at")!.TextContent, StringComparison.Ordinal);
        // ...while the missed-calls queue itself, whose rows disagree with it, is counted again.
        page = await client.GetPageAsync("/supervision?kind=MissedCalls");
        var codes = page.QuerySelectorAll("#queue-table tbody tr").Select(r => r.GetAttribute("data-code")).ToList();
        Assert.Equal([first.TrackingCode, second.TrackingCode], codes);
        Assert.Equal("2", page.QuerySelector("[data-count='MissedCalls']")!.TextContent.Trim());

        // Another filter is counted on its own.
        page = await client.GetPageAsync($"/supervision?kind=MissedCalls&cadre={data.TransportHead}");
        Assert.Equal("2", page.QuerySelector("[data-count='MissedCalls']")!.TextContent.Trim());

        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        page = await client.GetPageAsync("/supervision?kind=MissedCalls");
        Assert.Equal("2", page.QuerySelector("[data-count='MissedCalls']")!.TextContent.Trim());
        Assert.Contains("09:00:30", page.QuerySelector("#counted-at")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_queue_whose_count_is_kept_never_says_it_is_empty_while_its_rows_exist()
    {
        using var factory = new AuthenticatedHotlineFactory();
        factory.With("Supervision:LiveFiguresMaxAge", "00:00:30");
        var data = await SeedAsync(factory);
        var appeal = await data.LogAsync(data.TransportHead, Monday, CallOutcome.NotAnswered);
        factory.Clock.SetUtcNow(China(2026, 3, 4, 0).AddSeconds(-10)); // ten seconds before the callback falls due
        using var client = factory.CreateClientAs("督查员", Roles.Supervisor);
        var before = await client.GetPageAsync("/supervision?kind=MissedCalls");
        Assert.NotNull(before.QuerySelector("#queue-empty"));
        Assert.Equal("0", before.QuerySelector("[data-count='MissedCalls']")!.TextContent.Trim());

        factory.Clock.Advance(TimeSpan.FromSeconds(15)); // late now; the kept count (0) is 15 s old
        var after = await client.GetPageAsync("/supervision?kind=MissedCalls");

        Assert.Null(after.QuerySelector("#queue-empty"));
        Assert.Equal([appeal.TrackingCode], after.QuerySelectorAll("#queue-table tbody tr").Select(r => r.GetAttribute("data-code")));
        Assert.Equal("1", after.QuerySelector("[data-count='MissedCalls']")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_repeat_call_leaves_a_late_callback_in_the_queue_as_late_as_before()
    {
        using var factory = new AuthenticatedHotlineFactory();
        var data = await SeedAsync(factory);
        // Missed on Tuesday 24 February, due at the end of Wednesday; Wednesday 4 March is its sixth working day late
        // (Thu 26, Fri 27, the make-up Saturday 28 February, Mon 2, Tue 3, Wed 4).
        var appeal = await data.LogAsync(data.TransportHead, China(2026, 2, 24, 9), CallOutcome.NotAnswered);
        factory.Clock.SetUtcNow(China(2026, 3, 4, 10));
        using var client = factory.CreateClientAs("督查员", Roles.Supervisor);
        Assert.Equal("6", await LateAsync(client, appeal.TrackingCode));

        await data.ChangeAsync(appeal.Id, (a, clock) => a.RecordCitizenCall(China(2026, 3, 4, 9), CallOutcome.BusyOrOff, clock, China(2026, 3, 4, 9, 30), "来电人"));

        Assert.Equal("6", await LateAsync(client, appeal.TrackingCode));
        var view = await client.GetPageAsync($"/supervision/appeals/{appeal.Id}");
        // The repeat call has its own callback deadline (Thursday's end), not yet late.
        Assert.Equal(["6", "0"], view.QuerySelectorAll("#deadlines tr[data-deadline='Callback']").Select(r => r.GetAttribute("data-late")));
    }

    [Fact]
    public async Task A_row_shows_its_last_reminder_and_a_second_reminder_the_same_working_day_is_refused()
    {
        using var missed = await SupervisionPages.MissedCallAsync();
        var (factory, data, appeal, client) = missed;
        using (await client.SubmitAsync(await client.RemindFormAsync(appeal.TrackingCode), Html.Fields(("text", "请今日回电")), "/supervision"))
        {
        }

        var page = await client.GetPageAsync("/supervision?kind=MissedCalls");
        var last = page.QuerySelector($"tr[data-code='{appeal.TrackingCode}'] .last-reminder")!;
        Assert.Contains("2026-03-02 10:00", last.TextContent, StringComparison.Ordinal);
        Assert.Contains("督查员甲", last.TextContent, StringComparison.Ordinal);

        factory.Clock.Advance(TimeSpan.FromHours(6)); // 16:00 the same day
        using var again = await client.SubmitAsync(await client.RemindFormAsync(appeal.TrackingCode), Html.Fields(("text", "再次催办")), "/supervision");
        var refused = await Html.ParseAsync(again);

        Assert.Contains("本工作日已对诉求", refused.QuerySelector("main .alert")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await data.QueryAsync(db => db.AppealEvents.CountAsync(e => e.AppealId == appeal.Id && e.Kind == AppealEventKind.Reminder)));
        Assert.Equal(1, await data.QueryAsync(db => db.SmsMessages.CountAsync(m => m.AppealId == appeal.Id)));

        // The next working day, Tuesday, another may go out.
        factory.Clock.SetUtcNow(China(2026, 3, 3, 9));
        using (await client.SubmitAsync(await client.RemindFormAsync(appeal.TrackingCode), Html.Fields(("text", "")), "/supervision"))
        {
        }

        Assert.Equal(2, await data.QueryAsync(db => db.AppealEvents.CountAsync(e => e.AppealId == appeal.Id && e.Kind == AppealEventKind.Reminder)));
    }

    private static async Task<string?> LateAsync(HttpClient client, string code)
    {
        var page = await client.GetPageAsync("/supervision?kind=MissedCalls");
        return page.QuerySelector($"tr[data-code='{code}'] td.late")?.GetAttribute("data-late");
    }

    /// <summary>
    /// One tick before <paramref name="due"/> the appeal is in none of the <paramref name="kinds"/> queues; the clock is
    /// then left at <paramref name="due"/>.
    /// </summary>
    private static async Task OutOfQueueUntilAsync(HotlineFactory factory, HttpClient client, string code, DateTimeOffset due, params QueueKind[] kinds)
    {
        factory.Clock.SetUtcNow(due.AddTicks(-1));
        foreach (var kind in kinds)
        {
            Assert.DoesNotContain(code, await CodesAsync(client, kind));
        }

        factory.Clock.SetUtcNow(due);
    }

    private static async Task<List<string>> CodesAsync(HttpClient client, QueueKind kind, string query = "")
    {
        var page = await client.GetPageAsync($"/supervision?kind={kind}{query}");
        return [.. page.QuerySelectorAll("#queue-table tbody tr").Select(r => r.GetAttribute("data-code")!)];
    }
}
