using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bozhou.Hotline.IntegrationTests.Appeals;

public class NewAppealTests
{
    [Theory]
    [InlineData(CallOutcome.Answered)]
    [InlineData(CallOutcome.NotAnswered)]
    [InlineData(CallOutcome.BusyOrOff)]
    [InlineData(CallOutcome.SmsSent)]
    [InlineData(CallOutcome.SmsReplyReceived)]
    public async Task Logging_a_call_stores_the_appeal_its_first_attempt_and_its_logged_event_for_each_outcome(CallOutcome outcome)
    {
        using var factory = new HotlineFactory();
        var directory = await factory.SeedDirectoryAsync();
        using var client = factory.Client();
        var form = await client.OpenFormAsync(directory.DeputyMayorId);
        var calledAt = factory.Clock.GetUtcNow().AddMinutes(-20);
        var fields = AppealsKit.ValidFields(directory, calledAt);
        fields.Remove("Input.CadreId"); // prefilled from the card
        fields["Input.Outcome"] = outcome.ToString();

        using var response = await client.SubmitAsync(form, fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var code = response.Headers.Location!.OriginalString["/appeals/receipt/".Length..];
        Assert.Equal(TrackingCodeCheck.Valid, TrackingCode.TryParse(code, out _));
        var appeal = await factory.LoadAppealAsync(code);
        Assert.Equal(directory.DeputyMayorId, appeal.CadreId);
        Assert.Equal(directory.DeputyMayorId, appeal.HandlerCadreId);
        Assert.Equal(AppealStatus.Logged, appeal.Status);
        Assert.Equal(factory.Clock.GetUtcNow(), appeal.LoggedAt);
        Assert.Equal(TimeSpan.Zero, appeal.LoggedAt.Offset);
        var attempt = Assert.Single(appeal.CallAttempts);
        Assert.Equal(outcome, attempt.Outcome);
        Assert.Equal(calledAt, attempt.At);
        var logged = Assert.Single(appeal.Events);
        Assert.Equal(AppealEventKind.Logged, logged.Kind);
        Assert.Equal(outcome.ToString(), logged.Outcome);
        Assert.Equal(EventActor.Caller, logged.By);
        Assert.False(logged.IsInternal);
        Assert.Equal(outcome != CallOutcome.Answered, appeal.CallbackDueAt is not null);

        // Personal data: encrypted, hashed, masked; the clear phone appears nowhere in the row.
        Assert.Equal(AppealsKit.PhoneMasked, appeal.CallerPhoneMasked);
        Assert.DoesNotContain("13805581234", appeal.CallerPhoneCipher!, StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{64}$", appeal.CallerPhoneHash!);
        var protector = factory.Services.GetRequiredService<CallerDataProtector>();
        Assert.Equal(AppealsKit.PhoneE164, protector.RevealPhone(appeal));
        Assert.Equal("陈静", protector.RevealName(appeal));
        Assert.Equal(protector.HashPhone(AppealsKit.PhoneE164), appeal.CallerPhoneHash);
    }

    [Fact]
    public async Task The_form_prefills_the_cadre_from_the_card_and_offers_only_cadres_in_post_and_active_topics()
    {
        using var factory = new HotlineFactory();
        var directory = await factory.SeedDirectoryAsync();
        using var client = factory.Client();

        var page = await client.GetPageAsync($"/appeals/new?cadre={directory.DeputyMayorId}");

        var cadre = page.QuerySelector<IHtmlSelectElement>("select#cadre")!;
        Assert.Equal(directory.DeputyMayorId.ToString(System.Globalization.CultureInfo.InvariantCulture), cadre.Value);
        Assert.Contains(cadre.Options, o => o.Text.Contains(TestWorld.People.LiuYang.Name, StringComparison.Ordinal));
        Assert.DoesNotContain(cadre.Options, o => o.Text.Contains(TestWorld.People.ZhengHua.Name, StringComparison.Ordinal));
        Assert.Equal("市直 · 市政府", page.QuerySelector("select#cadre optgroup")!.GetAttribute("label"));
        var topics = page.QuerySelector<IHtmlSelectElement>("select#topic")!.Options.Select(o => o.Text).ToList();
        Assert.Contains("其他", topics);
        Assert.DoesNotContain("已停用类别", topics);
        var calledAt = page.QuerySelector<IHtmlInputElement>("input#calledAt")!;
        Assert.Equal("2026-03-02T10:00", calledAt.Value);
        Assert.NotNull(page.QuerySelector("input[name='__RequestVerificationToken']"));
        Assert.True(page.QuerySelector<IHtmlInputElement>("input#consent")!.IsRequired);
        Assert.Equal("4000", page.QuerySelector("textarea#description")!.GetAttribute("maxlength"));
    }

    [Fact]
    public async Task A_missed_call_on_the_Friday_before_the_Spring_Festival_is_due_on_the_make_up_Saturday_and_replies_after_the_holiday()
    {
        using var factory = new HotlineFactory();
        factory.Clock.AdjustTime(ChinaTime.At(new DateOnly(2026, 2, 13), new TimeOnly(10, 30)));
        var directory = await factory.SeedDirectoryAsync();
        using var client = factory.CreateClient();

        var matter = await client.SubmitAppealAsync(factory, directory);
        var consultation = await client.SubmitAppealAsync(
            factory, directory, ("Input.TopicId", directory.ConsultationTopicId.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        // The receipt (the redirect is followed) says what happens by when, in China time.
        var receipt = await Html.ParseAsync(matter);
        Assert.Equal(HttpStatusCode.OK, matter.StatusCode);
        Assert.Contains("2026年2月14日（星期六）", receipt.QuerySelector("#callback-due")!.TextContent, StringComparison.Ordinal);
        // 3 working days: Saturday 14 (调休), then the holiday 15–23, then Tuesday 24 and Wednesday 25.
        Assert.Contains("2026年2月25日（星期三）", receipt.QuerySelector("#first-contact-due")!.TextContent, StringComparison.Ordinal);
        // 10 working days: 14, 24–28 (the 28th a make-up Saturday), 2–5 March.
        Assert.Contains("2026年3月5日（星期四）", receipt.QuerySelector("#reply-due")!.TextContent, StringComparison.Ordinal);
        var consultationReceipt = await Html.ParseAsync(consultation);
        Assert.Contains("2026年2月25日", consultationReceipt.QuerySelector("#reply-due")!.TextContent, StringComparison.Ordinal);

        var code = receipt.QuerySelector("#tracking-code")!.TextContent.Trim();
        Assert.Matches("^[0-9A-Z]{5}-[0-9A-Z]{5}$", code);
        var appeal = await factory.LoadAppealAsync(code.Replace("-", "", StringComparison.Ordinal));
        Assert.Equal(ChinaTime.StartOf(new DateOnly(2026, 2, 15)), appeal.CallbackDueAt);
        Assert.Equal(ChinaTime.StartOf(new DateOnly(2026, 2, 26)), appeal.FirstContactDueAt);
        Assert.Equal(ChinaTime.StartOf(new DateOnly(2026, 3, 6)), appeal.ReplyDueAt);
    }

    [Fact]
    public async Task The_receipt_reads_in_English_when_English_is_chosen()
    {
        using var factory = new HotlineFactory();
        factory.Clock.AdjustTime(ChinaTime.At(new DateOnly(2026, 2, 13), new TimeOnly(10, 30)));
        var directory = await factory.SeedDirectoryAsync();
        using var client = factory.CreateClient();
        await client.GetAsync(new Uri("/culture/en?returnUrl=/", UriKind.Relative));

        using var response = await client.SubmitAppealAsync(factory, directory);
        var receipt = await Html.ParseAsync(response);

        Assert.Equal("Your call has been logged", receipt.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("by the end of Saturday 14 February 2026", receipt.QuerySelector("#callback-due")!.TextContent.Trim());
        Assert.Contains("Liu Yang · Mayor", receipt.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Reply (request, complaint or suggestion)", receipt.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_receipt_shows_the_masked_phone_and_the_escaped_description_and_only_to_the_browser_that_submitted()
    {
        using var factory = new HotlineFactory();
        var directory = await factory.SeedDirectoryAsync();
        using var client = factory.Client();
        const string payload = "<script>alert('x')</script><img src=x onerror=alert(1)> 路灯 💡 ΑΒΓ";
        var code = await client.LogAppealAsync(factory, directory, ("Input.Description", payload));

        using var receiptResponse = await client.GetAsync(new Uri("/appeals/receipt/" + code, UriKind.Relative));
        var html = await receiptResponse.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, receiptResponse.StatusCode);
        Assert.Contains(AppealsKit.PhoneMasked, html, StringComparison.Ordinal);
        Assert.DoesNotContain("13805581234", html, StringComparison.Ordinal);
        Assert.DoesNotContain("0558 1234", html, StringComparison.Ordinal);
        Assert.Contains(TrackingCode.Format(code), html, StringComparison.Ordinal);
        Assert.True(receiptResponse.Headers.CacheControl!.NoStore);
        Assert.Equal(payload, (await factory.LoadAppealAsync(code)).Description);

        // Another browser with the same link is sent to the phone check.
        using var stranger = factory.Client();
        using var strangerResponse = await stranger.GetAsync(new Uri("/appeals/receipt/" + code, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, strangerResponse.StatusCode);
        Assert.Equal("/appeals/track/" + code, strangerResponse.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task An_invalid_submission_returns_the_form_with_messages_in_the_chosen_language_and_stores_nothing()
    {
        using var factory = new HotlineFactory();
        var directory = await factory.SeedDirectoryAsync();
        using var client = factory.Client();
        var before = await factory.CountRowsAsync();

        using var chinese = await client.SubmitAppealAsync(factory, directory, ("Input.Phone", "12345"), ("Input.ConsentToContact", ""));
        var chinesePage = await Html.ParseAsync(chinese);
        await client.GetAsync(new Uri("/culture/en?returnUrl=/", UriKind.Relative));
        using var english = await client.SubmitAppealAsync(factory, directory, ("Input.Description", ""));
        var englishPage = await Html.ParseAsync(english);

        Assert.Equal(HttpStatusCode.OK, chinese.StatusCode);
        Assert.Contains("请填写有效的中国大陆手机号码", chinesePage.QuerySelector("#phone-error")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("请勾选同意", chinesePage.QuerySelector("#consent-error")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(chinesePage.QuerySelector("#form-errors"));
        Assert.Contains("is-invalid", chinesePage.QuerySelector("#phone")!.ClassName, StringComparison.Ordinal);
        // What the citizen typed is kept.
        Assert.Equal("12345", chinesePage.QuerySelector<IHtmlInputElement>("#phone")!.Value);
        Assert.Equal(HttpStatusCode.OK, english.StatusCode);
        Assert.Equal("Please describe your matter.", englishPage.QuerySelector("#description-error")!.TextContent.Trim());
        Assert.Equal(before, await factory.CountRowsAsync());
    }

    [Fact]
    public async Task A_filled_honeypot_stores_nothing_and_shows_a_generic_thank_you()
    {
        using var factory = new HotlineFactory();
        var directory = await factory.SeedDirectoryAsync();
        using var client = factory.Client();

        using var response = await client.SubmitAppealAsync(factory, directory, ("Input.Website", "http://cheap-pills.example"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/appeals/received", response.Headers.Location!.OriginalString);
        var page = await client.GetPageAsync("/appeals/received");
        Assert.Equal("感谢您的反映", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal((0, 0, 0), await factory.CountRowsAsync());
    }

    [Fact]
    public async Task A_post_without_or_with_a_forged_or_foreign_antiforgery_token_is_refused_with_400_and_stores_nothing()
    {
        using var factory = new HotlineFactory();
        var directory = await factory.SeedDirectoryAsync();
        using var client = factory.Client();
        var form = await client.OpenFormAsync();
        var fields = AppealsKit.ValidFields(directory, factory.Clock.GetUtcNow());

        using var missing = await client.PostAsync(new Uri("/appeals/new", UriKind.Relative), new FormUrlEncodedContent(fields));
        fields["__RequestVerificationToken"] = "CfDJ8forged-token-value";
        using var forged = await client.PostAsync(new Uri("/appeals/new", UriKind.Relative), new FormUrlEncodedContent(fields));
        // A real token, but issued to another browser (its cookie does not match).
        using var other = factory.Client();
        var otherForm = await other.OpenFormAsync();
        fields["__RequestVerificationToken"] = otherForm.QuerySelector<IHtmlInputElement>("input[name='__RequestVerificationToken']")!.Value;
        using var foreign = await client.PostAsync(new Uri("/appeals/new", UriKind.Relative), new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.Equal("请求无效", (await Html.ParseAsync(missing)).QuerySelector("h1")!.TextContent.Trim());
        Assert.NotNull(form);
        Assert.Equal((0, 0, 0), await factory.CountRowsAsync());
    }

    [Fact]
    public async Task Stored_appeals_beyond_the_hourly_limit_get_429_with_Retry_After_and_the_localized_page_while_forms_sent_back_with_errors_cost_nothing()
    {
        using var factory = new HotlineFactory().With("Appeals:SubmissionsPerHour", "2");
        var directory = await factory.SeedDirectoryAsync();
        using var client = factory.Client();

        using var first = await client.SubmitAppealAsync(factory, directory);
        var refused = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var invalid = await client.SubmitAppealAsync(factory, directory, ("Input.Phone", "bad"));
            refused.Add(invalid.StatusCode);
        }

        using var second = await client.SubmitAppealAsync(factory, directory);
        using var third = await client.SubmitAppealAsync(factory, directory);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.All(refused, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal((HttpStatusCode)429, third.StatusCode);
        var retryAfter = int.Parse(third.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 3600);
        var page = await Html.ParseAsync(third);
        Assert.Equal("操作过于频繁", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains($"请在 {retryAfter} 秒后再试", page.QuerySelector("#retry-after")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, (await factory.CountRowsAsync()).Appeals);
        await client.GetPageAsync("/appeals/new");
    }

    [Fact]
    public async Task The_same_form_posted_twice_returns_the_first_receipt_stores_one_appeal_and_costs_one_permit()
    {
        using var factory = new HotlineFactory().With("Appeals:SubmissionsPerHour", "2");
        var directory = await factory.SeedDirectoryAsync();
        using var client = factory.Client();
        var form = await client.OpenFormAsync();
        var fields = AppealsKit.ValidFields(directory, factory.Clock.GetUtcNow().AddMinutes(-10));

        using var first = await client.SubmitAsync(form, fields);
        using var repeat = await client.SubmitAsync(form, fields);
        using var again = await client.SubmitAsync(form, fields);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, repeat.StatusCode);
        Assert.Equal(first.Headers.Location, repeat.Headers.Location);
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Equal(1, (await factory.CountRowsAsync()).Appeals);
        var receipt = await client.GetPageAsync(repeat.Headers.Location!.OriginalString);
        Assert.Contains("此前已提交并保存", receipt.QuerySelector(".alert")!.TextContent, StringComparison.Ordinal);
        // The repeats took no permit: one more new appeal is still allowed this hour.
        using var next = await client.SubmitAppealAsync(factory, directory);
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
    }

    [Fact]
    public async Task Two_copies_of_one_form_posted_at_the_same_moment_store_one_appeal_and_both_get_its_receipt()
    {
        using var factory = new HotlineFactory();
        var directory = await factory.SeedDirectoryAsync();
        using var client = factory.Client();
        var form = await client.OpenFormAsync();
        var fields = AppealsKit.ValidFields(directory, factory.Clock.GetUtcNow().AddMinutes(-10));

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.SubmitAsync(form, fields)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Single(responses.Select(r => r.Headers.Location!.OriginalString).Distinct());
        Assert.Equal(1, (await factory.CountRowsAsync()).Appeals);
        Array.ForEach(responses, r => r.Dispose());
    }

    [Fact]
    public async Task A_tracking_code_that_collides_with_a_stored_one_is_drawn_again()
    {
        using var factory = new HotlineFactory();
        var directory = await factory.SeedDirectoryAsync();
        using var client = factory.Client();
        var taken = await client.LogAppealAsync(factory, directory);
        var fresh = TrackingCode.Generate();
        using var colliding = factory.WithWebHostBuilder(b => b.ConfigureServices(s =>
        {
            s.RemoveAll<TrackingCodeSource>();
            s.AddSingleton<TrackingCodeSource>(new ScriptedCodes(taken, fresh));
        }));
        using var collidingClient = colliding.CreateClient(new() { AllowAutoRedirect = false });

        var code = await collidingClient.LogAppealAsync(factory, directory);

        Assert.Equal(fresh, code);
        Assert.Equal(2, await factory.WithDbAsync(db => db.Appeals.CountAsync()));
        Assert.Equal(2, await factory.WithDbAsync(db => db.CallAttempts.CountAsync()));
    }

    [Fact]
    public async Task Without_a_phone_hash_key_of_32_characters_the_app_refuses_to_start_and_says_why()
    {
        using var factory = new HotlineFactory().With("Privacy:PhoneHashKey", "too-short");

        var error = Record.Exception(() => factory.CreateClient());

        Assert.NotNull(error);
        Assert.Contains("Privacy:PhoneHashKey", error.ToString(), StringComparison.Ordinal);
    }

    private sealed class ScriptedCodes(params string[] codes) : TrackingCodeSource
    {
        private int _next;

        public override string Next() => codes[Math.Min(_next++, codes.Length - 1)];
    }
}
