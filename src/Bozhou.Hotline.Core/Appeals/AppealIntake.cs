using Bozhou.Hotline.Core.Operations;
using Bozhou.Hotline.Core.Sms;
namespace Bozhou.Hotline.Core.Appeals;

/// <summary>
/// Logs a citizen's call: protects the caller's data, gives the appeal a fresh tracking code and
/// writes the appeal, its first call attempt and its "logged" event in one transaction. The one place an appeal is
/// created, so the one place <see cref="HotlineMetrics.AppealsLogged"/> counts. In the same transaction the caller's
/// receipt (code, how to follow it) goes in the outbox, unless the caller declined SMS, and, for a missed call, a text to
/// the handling side to call back by the deadline.
/// </summary>
public sealed class AppealIntake(
    HotlineDbContext db, CallerDataProtector protector, TrackingCodeSource codes, SmsNotifier sms, HotlineMetrics metrics, ILogger<AppealIntake> logger)
{
    /// <summary>45 random bits make a collision astronomically unlikely; a few retries make it harmless.</summary>
    public const int MaxCodeAttempts = 5;

    public async Task<Appeal> LogAsync(
        NewAppeal input, string? callerName, string callerPhoneE164, AppealClock clock, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var caller = protector.Protect(callerName, callerPhoneE164);
        for (var attempt = 1; ; attempt++)
        {
            var code = codes.Next();
            var appeal = Appeal.Log(input, caller, code, clock, now);
            try
            {
                await using (var transaction = await SqliteWriteGate.BeginAsync(db, cancellationToken))
                {
                    db.Appeals.Add(appeal);
                    await db.SaveChangesAsync(cancellationToken);
                    // The texts carry the appeal's id, which the first save gave it.
                    await sms.ToCallerAsync(db, appeal, SmsText.CallerLogged, new SmsValues(Due: appeal.ReplyDueAt), now, cancellationToken);
                    if (appeal.CallbackDueAt is { } callbackDue)
                    {
                        await sms.ToCadreAsync(db, appeal.HandlerCadreId, appeal.Id, SmsText.CadreMissedCall, new SmsValues(appeal.TrackingCode, Due: callbackDue), now, cancellationToken);
                    }

                    await db.SaveChangesAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                }

                metrics.AppealsLogged.Inc();
                return appeal;
            }
            catch (DbUpdateException)
            {
                // The failed transaction wrote nothing; forget the rows so the next try starts clean.
                db.ChangeTracker.Clear();
                if (attempt >= MaxCodeAttempts || !await db.Appeals.AnyAsync(a => a.TrackingCode == code, cancellationToken))
                {
                    throw;
                }

                logger.LogWarning("Tracking code collision on attempt {Attempt}; drawing another code", attempt);
            }
        }
    }
}
