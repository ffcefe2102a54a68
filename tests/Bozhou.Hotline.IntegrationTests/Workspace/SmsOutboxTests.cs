namespace Bozhou.Hotline.IntegrationTests.Workspace;

public class SmsOutboxTests
{
    [Fact]
    public async Task The_outbox_is_drained_to_the_HTTP_gateway_as_JSON_with_the_api_key()
    {
        await using var gateway = await SmsTestServer.StartAsync();
        using var factory = HttpGatewayFactory(gateway);
        var (data, id) = await QueueQuickSmsAsync(factory);
        var drainer = factory.Services.GetRequiredService<SmsOutboxDrainer>();

        var sent = await drainer.DrainOnceAsync(CancellationToken.None);

        Assert.Equal(1, sent);
        var request = Assert.Single(gateway.Received);
        Assert.Equal(new ReceivedSms("+8613800000000", await data.QueryAsync(db => db.SmsMessages.Select(m => m.Body).SingleAsync()), "test-key"), request);
        Assert.StartsWith("【亳州干部热线】", request.Body, StringComparison.Ordinal);
        var message = await data.QueryAsync(db => db.SmsMessages.SingleAsync());
        Assert.Equal(SmsStatus.Sent, message.Status);
        Assert.Equal("gw-1", message.GatewayMessageId);
        Assert.Equal(1, message.Attempts);
        Assert.Equal(id, message.AppealId);
        Assert.Equal(0, await drainer.DrainOnceAsync(CancellationToken.None));
        Assert.Single(gateway.Received);
    }

    [Fact]
    public async Task A_failing_gateway_is_retried_with_growing_delays_until_the_message_goes_through()
    {
        await using var gateway = await SmsTestServer.StartAsync(failFirst: 2);
        using var factory = HttpGatewayFactory(gateway);
        var (data, _) = await QueueQuickSmsAsync(factory);
        var drainer = factory.Services.GetRequiredService<SmsOutboxDrainer>();
        var start = factory.Clock.GetUtcNow();

        await drainer.DrainOnceAsync(CancellationToken.None);
        var afterFirst = await data.QueryAsync(db => db.SmsMessages.AsNoTracking().SingleAsync());
        Assert.Equal((SmsStatus.Pending, 1, start.AddSeconds(30)), (afterFirst.Status, afterFirst.Attempts, afterFirst.NextAttemptAt));
        Assert.Contains("503", afterFirst.LastError, StringComparison.Ordinal);

        // Not due yet: nothing is sent.
        await drainer.DrainOnceAsync(CancellationToken.None);
        Assert.Equal(1, gateway.Requests);

        factory.Clock.Advance(TimeSpan.FromSeconds(30));
        await drainer.DrainOnceAsync(CancellationToken.None);
        var afterSecond = await data.QueryAsync(db => db.SmsMessages.AsNoTracking().SingleAsync());
        Assert.Equal((SmsStatus.Pending, 2, start.AddSeconds(90)), (afterSecond.Status, afterSecond.Attempts, afterSecond.NextAttemptAt));

        factory.Clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(1, await drainer.DrainOnceAsync(CancellationToken.None));

        var sent = await data.QueryAsync(db => db.SmsMessages.AsNoTracking().SingleAsync());
        Assert.Equal((SmsStatus.Sent, 3, "gw-3"), (sent.Status, sent.Attempts, sent.GatewayMessageId));
        Assert.Equal(3, gateway.Requests);
        Assert.Single(gateway.Received.Select(r => r.Body).Distinct());
    }

    [Fact]
    public async Task After_the_last_attempt_the_message_is_failed_kept_on_the_outbox_page_and_can_be_sent_again()
    {
        await using var gateway = await SmsTestServer.StartAsync();
        gateway.FailAlways();
        using var factory = HttpGatewayFactory(gateway).With("Sms:MaxAttempts", "3");
        var (data, _) = await QueueQuickSmsAsync(factory);
        var drainer = factory.Services.GetRequiredService<SmsOutboxDrainer>();
        for (var i = 0; i < 5; i++)
        {
            await drainer.DrainOnceAsync(CancellationToken.None);
            factory.Clock.Advance(TimeSpan.FromMinutes(10));
        }

        var failed = await data.QueryAsync(db => db.SmsMessages.AsNoTracking().SingleAsync());
        Assert.Equal((SmsStatus.Failed, 3), (failed.Status, failed.Attempts));
        Assert.Equal(3, gateway.Requests);

        using var staff = await data.SignInAsync(WorkspaceWorld.StaffEmail);
        var page = await staff.GetPageAsync("/workspace/outbox");
        var row = Assert.Single(page.QuerySelectorAll(".outbox-row"));
        Assert.Equal("Failed", row.GetAttribute("data-status"));
        Assert.Contains("503", row.QuerySelector(".last-error")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("138****0000", row.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("13800000000", page.Body!.InnerHtml, StringComparison.Ordinal);

        using var resent = await staff.SubmitAsync(row.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("form")!);
        Assert.Equal(HttpStatusCode.Redirect, resent.StatusCode);
        var requeued = await data.QueryAsync(db => db.SmsMessages.AsNoTracking().SingleAsync());
        Assert.Equal((SmsStatus.Pending, 0), (requeued.Status, requeued.Attempts));
    }

    [Fact]
    public async Task The_default_log_gateway_sends_every_message_without_configuration()
    {
        using var factory = new HotlineFactory().WithoutHostedService<SmsOutboxService>();
        var (data, _) = await QueueQuickSmsAsync(factory);

        await factory.Services.GetRequiredService<SmsOutboxDrainer>().DrainOnceAsync(CancellationToken.None);

        var message = await data.QueryAsync(db => db.SmsMessages.SingleAsync());
        Assert.Equal(SmsStatus.Sent, message.Status);
        Assert.StartsWith("log-", message.GatewayMessageId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_background_service_drains_the_outbox_on_its_own()
    {
        await using var gateway = await SmsTestServer.StartAsync();
        // On the wall clock, with no quiet hours: from 22:00 to 07:00 China time (14:00-23:00 UTC) the quick reply would wait.
        using var factory = DrainingInBackground(gateway).With("Sms:PollSeconds", "1").With("Sms:QuietFromHour", "0").With("Sms:QuietUntilHour", "0");
        factory.UseFakeClock = false;
        var (data, _) = await QueueQuickSmsAsync(factory);

        // The gateway hears the message before the drainer records it as sent: wait for the record.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        var status = SmsStatus.Pending;
        while (status != SmsStatus.Sent && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            status = (await data.QueryAsync(db => db.SmsMessages.AsNoTracking().SingleAsync())).Status;
        }

        Assert.Equal(SmsStatus.Sent, status);
        Assert.Single(gateway.Received);
    }

    /// <summary>The app on the test gateway, its outbox drained by the test (<see cref="SmsOutboxDrainer.DrainOnceAsync"/>), not in the background.</summary>
    private static HotlineFactory HttpGatewayFactory(SmsTestServer gateway) => DrainingInBackground(gateway).WithoutHostedService<SmsOutboxService>();

    /// <summary>The app on the test gateway as it runs in service, the outbox service polling.</summary>
    private static HotlineFactory DrainingInBackground(SmsTestServer gateway) => new HotlineFactory()
        .With("Sms:Gateway", "Http")
        .With("Sms:Url", gateway.Url)
        .With("Sms:ApiKey", "test-key");

    /// <summary>Staff send the "in a meeting" reply through the real form, which puts one message in the outbox.</summary>
    private static async Task<(WorkspaceTestData Data, long AppealId)> QueueQuickSmsAsync(HotlineFactory factory)
    {
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var id = await data.AddAppealAsync(world.LiId, CallOutcome.NotAnswered);
        using var staff = await data.SignInAsync(WorkspaceWorld.StaffEmail);
        using var response = await WorkspacePages.PostAsync(staff, id, "sms-form", ("Sms.Template", "InMeeting"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (data, id);
    }
}
