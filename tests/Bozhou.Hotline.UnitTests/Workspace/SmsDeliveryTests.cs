namespace Bozhou.Hotline.UnitTests.Workspace;

public class SmsDeliveryTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);
    private readonly SmsDelivery _delivery = new(maxAttempts: 5, firstDelay: TimeSpan.FromSeconds(30), maxDelay: TimeSpan.FromMinutes(3));

    [Fact]
    public void Retries_wait_exponentially_longer_up_to_the_cap()
    {
        Assert.Equal(
            [TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120), TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(3)],
            Enumerable.Range(1, 5).Select(_delivery.DelayAfter));
    }

    [Fact]
    public void A_failure_keeps_the_message_pending_with_its_error_and_the_next_attempt_time()
    {
        var message = SmsDelivery.Queue(1, "cipher", "138****0000", "在开会，会后回电", Now);

        _delivery.Failed(message, "gateway answered 503", Now);

        Assert.Equal(SmsStatus.Pending, message.Status);
        Assert.Equal(1, message.Attempts);
        Assert.Equal("gateway answered 503", message.LastError);
        Assert.Equal(Now.AddSeconds(30), message.NextAttemptAt);
        Assert.False(SmsDelivery.IsDue(message, Now.AddSeconds(29)));
        Assert.True(SmsDelivery.IsDue(message, Now.AddSeconds(30)));
    }

    [Fact]
    public void After_the_last_attempt_the_message_is_failed_at_that_time_and_kept_and_staff_can_send_it_again()
    {
        var message = SmsDelivery.Queue(1, "cipher", "138****0000", "请短信告知具体事项", Now);
        for (var i = 0; i < 5; i++)
        {
            Assert.Null(message.FailedAt);
            _delivery.Failed(message, $"error {i + 1}", Now.AddMinutes(i));
        }

        Assert.Equal(SmsStatus.Failed, message.Status);
        Assert.Equal(5, message.Attempts);
        Assert.Equal("error 5", message.LastError);
        Assert.Equal(Now.AddMinutes(4), message.FailedAt);

        SmsDelivery.Requeue(message, Now.AddHours(1));

        Assert.Equal(SmsStatus.Pending, message.Status);
        Assert.Null(message.FailedAt);
        Assert.True(SmsDelivery.IsDue(message, Now.AddHours(1)));
        Assert.Equal("error 5", message.LastError);
    }

    [Fact]
    public void A_sent_message_keeps_the_gateway_id_and_time()
    {
        var message = SmsDelivery.Queue(1, "cipher", "138****0000", "在开会，会后回电", Now);

        SmsDelivery.Sent(message, "gw-42", Now.AddSeconds(1));

        Assert.Equal(SmsStatus.Sent, message.Status);
        Assert.Equal("gw-42", message.GatewayMessageId);
        Assert.Equal(Now.AddSeconds(1), message.SentAt);
        Assert.Equal(1, message.Attempts);
    }
}
