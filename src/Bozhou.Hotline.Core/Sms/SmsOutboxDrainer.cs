using Bozhou.Hotline.Core.Operations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bozhou.Hotline.Core.Sms;

/// <summary>
/// Sends the outbox's due messages through the gateway. Each message is first claimed by moving its next
/// attempt forward with a conditional update, so that two instances on one database never both send it.
/// Before a message goes, the gateway limits of <see cref="SmsLimits"/> apply: in quiet hours (China time) any text but
/// the logging receipt waits until they end; a text identical to one sent to the same phone within the duplicate
/// window, or beyond the phone's daily limit, is not sent but marked (<see cref="SmsStatus.Duplicate"/>,
/// <see cref="SmsStatus.OverDailyLimit"/>) and recorded in the audit trail. Two instances never send to one phone at
/// the same moment (<see cref="SmsPhoneLock"/>), so those two checks always see what the other instance sent.
/// </summary>
public sealed class SmsOutboxDrainer(
    IServiceScopeFactory scopes, CallerDataProtector callerData, IOptions<SmsOptions> options, TimeProvider time,
    HotlineMetrics metrics, ILogger<SmsOutboxDrainer> logger)
{
    private const int BatchSize = 50;

    /// <summary>Longer than one gateway call can take; a claim left by a crashed instance runs out after it.</summary>
    private static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(2);

    /// <summary>Sends every message due now, once each; returns how many were sent.</summary>
    public async Task<int> DrainOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var delivery = new SmsDelivery(settings.MaxAttempts, TimeSpan.FromSeconds(settings.RetryDelaySeconds), TimeSpan.FromSeconds(settings.MaxRetryDelaySeconds));
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var gateway = scope.ServiceProvider.GetRequiredService<ISmsGateway>();
        var now = time.GetUtcNow();
        var due = await db.SmsMessages
            .Where(m => m.Status == SmsStatus.Pending && m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        var sent = 0;
        // Kept open for the pass, closed at its end: the per-phone locks (SmsPhoneLock) belong to this connection's session.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            foreach (var message in due)
            {
                await using var phoneLock = await SmsPhoneLock.TryTakeAsync(db, message.ToPhoneHash, cancellationToken);
                if (phoneLock is null)
                {
                    // Another instance is sending to this phone now; the message waits for the next pass.
                    continue;
                }

                var claimedUntil = now + ClaimFor;
                int claimed;
                await using (await SqliteWriteGate.EnterAsync(db, cancellationToken))
                {
                    claimed = await db.SmsMessages
                        .Where(m => m.Id == message.Id && m.Status == SmsStatus.Pending && m.NextAttemptAt == message.NextAttemptAt)
                        .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, claimedUntil), cancellationToken);
                }

                if (claimed == 0)
                {
                    continue;
                }

                message.NextAttemptAt = claimedUntil;
                if (await WithheldAsync(db, message, now, cancellationToken))
                {
                    await db.SaveChangesAsync(cancellationToken);
                    continue;
                }

                if (await SendAsync(gateway, message, delivery, cancellationToken))
                {
                    sent++;
                }

                await db.SaveChangesAsync(cancellationToken);
            }
        }
        finally
        {
            // Closed in the same scope: the context goes back to the pool, and must not hand an open connection on.
            await db.Database.CloseConnectionAsync();
        }

        return sent;
    }

    /// <summary>
    /// Whether the limits keep <paramref name="message"/> from going now: held until quiet hours end (its next attempt
    /// moved there, no attempt counted), or marked a duplicate or over the daily limit (with an audit entry).
    /// </summary>
    private async Task<bool> WithheldAsync(HotlineDbContext db, SmsMessage message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var limits = new SmsLimits(options.Value);
        if (limits.HeldUntil(message.Purpose, now) is { } release)
        {
            message.NextAttemptAt = release;
            return true;
        }

        if (message.ToPhoneHash is not { } hash)
        {
            return false;
        }

        var sent = db.SmsMessages.AsNoTracking().Where(m => m.ToPhoneHash == hash && m.Status == SmsStatus.Sent && m.Id != message.Id);
        var windowStart = now - limits.DuplicateWindow;
        var body = message.Body;
        string? reason = null;
        if (limits.DuplicateWindow > TimeSpan.Zero && await sent.AnyAsync(m => m.Body == body && m.SentAt >= windowStart, cancellationToken))
        {
            message.Status = SmsStatus.Duplicate;
            reason = string.Create(CultureInfo.InvariantCulture,
                $"Not sent: the same text went to {message.ToPhoneMasked} within {limits.DuplicateWindow.TotalMinutes:0} minutes.");
        }
        else if (await sent.CountAsync(m => m.SentAt >= limits.StartOfDay(now), cancellationToken) >= limits.DailyLimit)
        {
            message.Status = SmsStatus.OverDailyLimit;
            reason = string.Create(CultureInfo.InvariantCulture,
                $"Not sent: {message.ToPhoneMasked} has had its {limits.DailyLimit} texts today (China time).");
        }

        if (reason is null)
        {
            return false;
        }

        message.LastError = reason;
        db.AuditEntries.Add(new AuditEntry
        {
            At = now,
            UserName = AuditActor.System.UserName,
            Action = AuditAction.SmsWithheld,
            Subject = string.Create(CultureInfo.InvariantCulture, $"Sms:{message.Id}"),
            Details = reason,
        });
        logger.LogInformation("SMS {Id} withheld: {Reason}", message.Id, reason);
        return true;
    }

    private void CountFailure(SmsMessage message)
    {
        metrics.SmsAttemptsFailed.Inc();
        if (message.Status == SmsStatus.Failed)
        {
            metrics.SmsFailed.Inc();
        }
    }

    private async Task<bool> SendAsync(ISmsGateway gateway, SmsMessage message, SmsDelivery delivery, CancellationToken cancellationToken)
    {
        var phone = callerData.Reveal(message.ToPhoneCipher);
        if (phone is null)
        {
            delivery.Failed(message, "The recipient's number cannot be read (purged or key lost).", time.GetUtcNow());
            CountFailure(message);
            return false;
        }

        try
        {
            // Whatever the gateway throws, the message stays in the outbox and is tried again.
            var id = await gateway.SendAsync(phone, message.Body, cancellationToken);
            SmsDelivery.Sent(message, id, time.GetUtcNow());
            metrics.SmsSent.Inc();
            return true;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("SMS {Id} to {Phone} not sent (attempt {Attempt}): {Error}", message.Id, message.ToPhoneMasked, message.Attempts + 1, e.Message);
            delivery.Failed(message, e.Message, time.GetUtcNow());
            CountFailure(message);
            return false;
        }
    }
}

/// <summary>Drains the outbox every <see cref="SmsOptions.PollSeconds"/> while the app runs; each pass is recorded (<see cref="JobRuns"/>).</summary>
public sealed class SmsOutboxService(
    SmsOutboxDrainer drainer, JobRuns jobs, IOptions<SmsOptions> options, TimeProvider time, ILogger<SmsOutboxService> logger)
    : BackgroundService
{
    /// <summary>The job's name in <c>JobRuns</c> and <c>/healthz</c>.</summary>
    public const string JobName = "sms-outbox";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(options.Value.PollSeconds);
        if (options.Value.StartDelaySeconds > 0)
        {
            // Wall-clock time, not the product's clock: this only lets the server answer its first pages first.
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(options.Value.StartDelaySeconds), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await jobs.RunAsync(JobName, drainer.DrainOnceAsync, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The database busy or briefly away: the messages wait in the outbox for the next round.
                logger.LogWarning(e, "The SMS outbox could not be drained; retrying in {Seconds} s", interval.TotalSeconds);
            }

            try
            {
                await Task.Delay(interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
