using Bozhou.Hotline.Core.Appeals;
using Microsoft.Extensions.DependencyInjection;

namespace Bozhou.Hotline.IntegrationTests.Appeals;

public class TrackAppealTests
{
    [Fact]
    public async Task The_code_as_a_person_types_it_and_the_last_four_digits_open_the_public_timeline_with_the_phone_masked()
    {
        using var logged = await new HotlineFactory().LogOneAppealAsync();
        var (factory, submitter, code) = logged;
        using var client = factory.Client();
        // Lower case, a space for the hyphen, and the letter O where a zero may be: all read as meant.
        var typed = TrackingCode.Format(code).ToLowerInvariant().Replace('-', ' ').Replace('0', 'o');

        using var check = await client.CheckAsync(typed, AppealsKit.LastFour);
        Assert.Equal(HttpStatusCode.Redirect, check.StatusCode);
        Assert.Equal("/appeals/track/" + code, check.Headers.Location!.OriginalString);
        using var response = await client.GetAsync(check.Headers.Location);
        var html = await response.Content.ReadAsStringAsync();
        var page = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.Equal(TrackingCode.Format(code), page.QuerySelector("#tracking-code")!.TextContent.Trim());
        Assert.Equal(AppealsKit.PhoneMasked, page.QuerySelector("#masked-phone")!.TextContent.Trim());
        TextAssert.ContainsNone(html,
            "13805581234",
            "0558 1234",
            "陈静");
        Assert.Equal("已登记", page.QuerySelector("#status")!.TextContent.Trim());
        var entry = Assert.Single(page.QuerySelectorAll("#timeline li"));
        Assert.Contains("登记诉求（无人接听）", entry.TextContent, StringComparison.Ordinal);
        Assert.Contains("来电人", entry.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("form#call-form"));
        Assert.Null(page.QuerySelector("form#rate-form"));
    }

    [Fact]
    public async Task A_code_with_one_wrong_character_is_reported_as_mistyped_and_does_not_count_as_a_failed_try()
    {
        using var logged = await new HotlineFactory().LogOneAppealAsync();
        var (_, client, code) = logged;
        var wrong = code[..3] + (code[3] == 'X' ? 'Y' : 'X') + code[4..];

        for (var i = 0; i < 7; i++)
        {
            using var response = await client.CheckAsync(wrong, AppealsKit.LastFour);
            var page = await Html.ParseAsync(response);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("查询码有误，可能输错了某个字符", page.QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);
        }

        using var right = await client.CheckAsync(code, AppealsKit.LastFour);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
    }

    [Fact]
    public async Task An_unknown_code_and_wrong_digits_get_the_same_not_found_answer()
    {
        using var logged = await new HotlineFactory().LogOneAppealAsync();
        var (_, client, code) = logged;
        string unknown;
        do
        {
            unknown = TrackingCode.Generate();
        }
        while (unknown == code);

        using var wrongDigits = await client.CheckAsync(code, "4321");
        using var unknownCode = await client.CheckAsync(unknown, AppealsKit.LastFour);

        var first = (await Html.ParseAsync(wrongDigits)).QuerySelector("#form-errors")!.TextContent.Trim();
        var second = (await Html.ParseAsync(unknownCode)).QuerySelector("#form-errors")!.TextContent.Trim();
        Assert.Equal(HttpStatusCode.OK, wrongDigits.StatusCode);
        Assert.Equal(first, second);
        Assert.Contains("未找到", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_failed_checks_in_15_minutes_lock_the_client_out_with_429_and_Retry_After_until_the_window_passes()
    {
        using var logged = await new HotlineFactory().LogOneAppealAsync();
        var (factory, client, code) = logged;

        for (var i = 0; i < 5; i++)
        {
            using var failed = await client.CheckAsync(code, "000" + i);
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
            factory.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        // Now even the right digits are refused, with the time to wait.
        using var locked = await client.CheckAsync(code, AppealsKit.LastFour);
        var page = await Html.ParseAsync(locked);
        Assert.Equal((HttpStatusCode)429, locked.StatusCode);
        Assert.Equal((10 * 60).ToString(System.Globalization.CultureInfo.InvariantCulture), locked.Headers.GetValues("Retry-After").Single());
        Assert.Equal("操作过于频繁", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("请在 600 秒后再试", page.QuerySelector("#retry-after")!.TextContent, StringComparison.Ordinal);

        // Once the first failure is 15 minutes old, one more try is allowed.
        factory.Clock.Advance(TimeSpan.FromMinutes(10));
        using var again = await client.CheckAsync(code, AppealsKit.LastFour);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
    }

    [Fact]
    public async Task Twenty_simultaneous_wrong_checks_get_no_more_answers_than_the_five_failures_allowed()
    {
        using var logged = await new HotlineFactory().LogOneAppealAsync();
        var (_, client, code) = logged;
        var page = await client.GetPageAsync("/appeals/track");
        var form = page.QuerySelector<IHtmlFormElement>("form#track-check")!;

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            using var response = await client.SubmitAsync(form, Html.Fields(("Check.Code", code), ("Check.LastFour", (9000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture))));
            return response.StatusCode;
        }));

        Assert.Equal(5, answers.Count(a => a == HttpStatusCode.OK));
        Assert.Equal(15, answers.Count(a => a == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task A_check_counts_as_a_failure_from_its_start_and_one_that_was_not_gives_its_count_back()
    {
        await using var factory = new HotlineFactory();
        var lockout = factory.Services.GetRequiredService<TrackingLockout>();
        for (var i = 0; i < 5; i++)
        {
            Assert.Null(await lockout.TryBeginAsync("203.0.113.7"));
        }

        Assert.NotNull(await lockout.TryBeginAsync("203.0.113.7"));
        await lockout.NotAFailureAsync("203.0.113.7");
        Assert.Null(await lockout.TryBeginAsync("203.0.113.7"));
        Assert.NotNull(await lockout.TryBeginAsync("203.0.113.7"));
    }

    [Fact]
    public async Task The_timeline_hides_internal_notes_names_staff_by_role_and_shows_whom_a_transfer_went_to()
    {
        using var factory = new HotlineFactory();
        var directory = await factory.SeedDirectoryAsync();
        using var client = factory.Client();
        var code = await client.LogAppealAsync(factory, directory);
        await factory.ActAsync(code, (appeal, clock, now) =>
        {
            appeal.AddNote("来电人情绪激动，注意沟通方式", "赵秘书", "user-1", now);
            appeal.Transfer(directory.DeputyMayorId, "属分管领域", "赵秘书", "user-1", clock, now);
        });

        using var check = await client.CheckAsync(code, AppealsKit.LastFour);
        var page = await client.GetPageAsync(check.Headers.Location!.OriginalString);
        var timeline = page.QuerySelector("#timeline")!.TextContent;

        Assert.DoesNotContain("情绪激动", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("赵秘书", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains($"转交{TestWorld.People.WangQiang.Label}办理", timeline, StringComparison.Ordinal);
        Assert.Contains("工作人员", timeline, StringComparison.Ordinal);
        Assert.Equal(2, page.QuerySelectorAll("#timeline li").Length);
        Assert.Equal("已转办", page.QuerySelector("#status")!.TextContent.Trim());
    }

    [Fact]
    public async Task Calling_again_without_an_answer_adds_an_attempt_and_leaves_the_missed_callback_as_late_as_before()
    {
        using var logged = await new HotlineFactory().LogOneAppealAsync();
        var (factory, client, code) = logged;
        var before = await factory.LoadAppealAsync(code);
        factory.Clock.Advance(TimeSpan.FromDays(2)); // Wednesday 4 March: the first callback was due at the end of Tuesday

        using var check = await client.CheckAsync(code, AppealsKit.LastFour);
        var page = await client.GetPageAsync("/appeals/track/" + code);
        var form = page.QuerySelector<IHtmlFormElement>("form#call-form")!;
        using var posted = await client.SubmitAsync(form, Html.Fields(("Call.Outcome", nameof(CallOutcome.BusyOrOff))));
        var after = await factory.LoadAppealAsync(code);
        var shown = await client.GetPageAsync("/appeals/track/" + code);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal(2, after.CallAttempts.Count);
        Assert.Contains(after.CallAttempts, a => a.Outcome == CallOutcome.BusyOrOff && a.At == factory.Clock.GetUtcNow());
        Assert.Contains(after.Events, e => e.Kind == AppealEventKind.CallAttempt && e.Outcome == nameof(CallOutcome.BusyOrOff));
        // The callback owed since Monday's missed call stays due at the end of Tuesday: the repeat does not excuse it.
        Assert.Equal(before.CallbackDueAt, after.CallbackDueAt);
        Assert.Equal(Core.Calendar.ChinaTime.StartOf(new DateOnly(2026, 3, 4)), after.CallbackDueAt);
        Assert.Contains("已记录您的再次来电", shown.QuerySelector(".alert-success")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("来电人再次来电：占线或关机", shown.QuerySelector("#timeline")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_browser_that_has_not_passed_the_check_cannot_post_a_call_or_a_rating()
    {
        using var logged = await new HotlineFactory().LogOneAppealAsync(replied: true);
        var (factory, owner, code) = logged;
        var ownerPage = await owner.GetPageAsync("/appeals/track/" + code);
        var callForm = ownerPage.QuerySelector<IHtmlFormElement>("form#call-form")!;
        var rateForm = ownerPage.QuerySelector<IHtmlFormElement>("form#rate-form")!;
        using var stranger = factory.Client();
        await stranger.GetPageAsync("/appeals/track"); // an antiforgery cookie of its own
        var token = (await stranger.GetPageAsync("/appeals/track")).QuerySelector<IHtmlInputElement>("input[name='__RequestVerificationToken']")!.Value;

        using var call = await stranger.SubmitAsync(callForm, Html.Fields(("__RequestVerificationToken", token), ("Call.Outcome", "NotAnswered")));
        using var rate = await stranger.SubmitAsync(rateForm, Html.Fields(("__RequestVerificationToken", token), ("Rating.Resolved", "false"), ("Rating.Score", "1")));

        Assert.Equal(HttpStatusCode.Redirect, call.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, rate.StatusCode);
        var appeal = await factory.LoadAppealAsync(code);
        Assert.Single(appeal.CallAttempts);
        Assert.Equal(AppealStatus.Replied, appeal.Status);
    }

    [Fact]
    public async Task The_English_tracking_page_marks_the_enterprises_name_and_the_reply_as_Chinese()
    {
        using var factory = new HotlineFactory();
        var directory = await factory.SeedDirectoryAsync();
        using var client = factory.Client();
        const string Enterprise = "亳州市康源中药饮片有限公司";
        var code = await client.LogAppealAsync(factory, directory,
            ("Input.CallerType", nameof(CallerType.Enterprise)), ("Input.EnterpriseName", Enterprise));
        await factory.ReplyAsync(code);
        using (await client.GetAsync(new Uri("/culture/en?returnUrl=%2F", UriKind.Relative)))
        {
        }

        var page = await client.GetPageAsync("/appeals/track/" + code);

        var main = page.QuerySelector("main")!;
        Assert.Contains(main.QuerySelectorAll("[lang='zh-CN']"), e => e.TextContent.Trim() == Enterprise);
        Assert.Contains("已安排城管部门维修路灯", page.QuerySelector("#reply-text")!.TextContent, StringComparison.Ordinal);
        foreach (var own in main.QuerySelectorAll("[lang='zh-CN']").ToList())
        {
            own.Remove();
        }

        Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", main.TextContent);
    }

    [Fact]
    public async Task A_satisfied_rating_closes_the_appeal()
    {
        using var logged = await new HotlineFactory().LogOneAppealAsync(replied: true);
        var (factory, client, code) = logged;

        var page = await client.GetPageAsync("/appeals/track/" + code);
        Assert.Contains("已安排城管部门维修路灯", page.QuerySelector("#timeline")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("已安排城管部门维修路灯", page.QuerySelector("#reply-text")!.TextContent, StringComparison.Ordinal);
        using var rated = await client.SubmitAsync(page.QuerySelector<IHtmlFormElement>("form#rate-form")!,
            Html.Fields(("Rating.Resolved", "true"), ("Rating.Score", "5"), ("Rating.Comment", "处理及时，感谢！")));
        var appeal = await factory.LoadAppealAsync(code);
        var after = await client.GetPageAsync("/appeals/track/" + code);

        Assert.Equal(HttpStatusCode.Redirect, rated.StatusCode);
        Assert.Equal(AppealStatus.Closed, appeal.Status);
        Assert.Equal(5, appeal.RatingScore);
        Assert.True(appeal.RatedResolved);
        Assert.False(appeal.FlaggedForSupervision);
        Assert.Equal("已办结", after.QuerySelector("#status")!.TextContent.Trim());
        Assert.Contains("评价：已解决，满意度5分", after.QuerySelector("#timeline")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("处理及时，感谢！", after.QuerySelector("#timeline")!.TextContent, StringComparison.Ordinal);
        Assert.Null(after.QuerySelector("form#rate-form"));
        Assert.Null(after.QuerySelector("form#call-form"));
    }

    [Fact]
    public async Task An_unsatisfied_rating_reopens_the_appeal_once_and_flags_it_and_a_second_one_closes_it()
    {
        using var logged = await new HotlineFactory().LogOneAppealAsync(replied: true);
        var (factory, client, code) = logged;

        await RateAsync(client, code, resolved: false, score: 2);
        var reopened = await factory.LoadAppealAsync(code);
        var reopenedPage = await client.GetPageAsync("/appeals/track/" + code);
        await factory.ReplyAsync(code, "经复查，已更换路灯线路。");
        await RateAsync(client, code, resolved: false, score: 1);
        var closed = await factory.LoadAppealAsync(code);

        Assert.Equal(AppealStatus.Reopened, reopened.Status);
        Assert.True(reopened.FlaggedForSupervision);
        Assert.Equal(1, reopened.ReopenCount);
        Assert.Equal("重办中", reopenedPage.QuerySelector("#status")!.TextContent.Trim());
        Assert.Contains("发回重办", reopenedPage.QuerySelector("#timeline")!.TextContent, StringComparison.Ordinal);
        Assert.Null(reopenedPage.QuerySelector("form#rate-form"));
        Assert.Equal(AppealStatus.Closed, closed.Status);
        Assert.Equal(1, closed.ReopenCount);
        Assert.Equal(1, closed.RatingScore);
        Assert.True(closed.FlaggedForSupervision);
    }

    [Fact]
    public async Task A_rating_out_of_range_is_refused_in_the_form_and_changes_nothing()
    {
        using var logged = await new HotlineFactory().LogOneAppealAsync(replied: true);
        var (factory, client, code) = logged;
        var page = await client.GetPageAsync("/appeals/track/" + code);

        using var response = await client.SubmitAsync(page.QuerySelector<IHtmlFormElement>("form#rate-form")!,
            Html.Fields(("Rating.Resolved", "true"), ("Rating.Score", "6")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("请选择1至5分的满意度", (await Html.ParseAsync(response)).QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(AppealStatus.Replied, (await factory.LoadAppealAsync(code)).Status);
    }

    private static async Task RateAsync(HttpClient client, string code, bool resolved, int score)
    {
        var page = await client.GetPageAsync("/appeals/track/" + code);
        using var response = await client.SubmitAsync(page.QuerySelector<IHtmlFormElement>("form#rate-form")!, Html.Fields(
            ("Rating.Resolved", resolved ? "true" : "false"),
            ("Rating.Score", score.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
