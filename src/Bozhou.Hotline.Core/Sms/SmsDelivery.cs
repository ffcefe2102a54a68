namespace Bozhou.Hotline.Core.Sms;

/// <summary>
/// How the outbox treats each attempt to send an SMS: a success marks it sent; a failure is retried after an
/// exponentially growing delay until the attempts run out, and then the message is marked failed and kept,
/// visible, for staff to act on. Nothing is ever deleted.
/// </summary>
public sealed class SmsDelivery(int maxAttempts, TimeSpan firstDelay, TimeSpan maxDelay)
{
    private const int ErrorMaxLength = 1000;

    public int MaxAttempts { get; } = maxAttempts;

    /// <summary>The wait before retrying after the given number of failed attempts: first, 2×, 4×… up to the cap.</summary>
    public TimeSpan DelayAfter(int failedAttempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);
        var factor = Math.Pow(2, Math.Min(failedAttempts - 1, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(firstDelay.Ticks * factor, maxDelay.Ticks));
        return delay;
    }

    public static bool IsDue(SmsMessage message, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Status == SmsStatus.Pending && message.NextAttemptAt <= now;
    }

    public static void Sent(SmsMessage message, string gatewayMessageId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.Attempts++;
        message.Status = SmsStatus.Sent;
        message.SentAt = now;
        message.GatewayMessageId = gatewayMessageId.Length <= 100 ? gatewayMessageId : gatewayMessageId[..100];
    }

    public void Failed(SmsMessage message, string error, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(error);
        message.Attempts++;
        message.LastError = error.Length <= ErrorMaxLength ? error : error[..ErrorMaxLength];
        if (message.Attempts >= MaxAttempts)
        {
            message.Status = SmsStatus.Failed;
            message.FailedAt = now;
            return;
        }

        message.NextAttemptAt = now + DelayAfter(message.Attempts);
    }

    /// <summary>Staff send a failed message again: a fresh round of attempts; the last error stays for the record.</summary>
    public static void Requeue(SmsMessage message, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Status != SmsStatus.Failed)
        {
            return;
        }

        message.Status = SmsStatus.Pending;
        message.Attempts = 0;
        message.FailedAt = null;
        message.NextAttemptAt = now;
    }

    /// <summary>A new message for the outbox, due at once. The phone arrives protected, as the appeal keeps it.</summary>
    public static SmsMessage Queue(long? appealId, string toPhoneCipher, string toPhoneMasked, string body, DateTimeOffset now) => new()
    {
        AppealId = appealId,
        ToPhoneCipher = toPhoneCipher,
        ToPhoneMasked = toPhoneMasked,
        Body = body,
        Status = SmsStatus.Pending,
        CreatedAt = now,
        NextAttemptAt = now,
    };
}
