using Bozhou.Hotline.Core.Appeals;
using Bozhou.Hotline.Core.Data;
using Bozhou.Hotline.Core.Directory;
using Bozhou.Hotline.Core.Phones;
using Bozhou.Hotline.Core.Settings;
using Bozhou.Hotline.Core.Workspace;
using Microsoft.EntityFrameworkCore;

namespace Bozhou.Hotline.Core.Supervision;

/// <summary>Who acts: the signed-in user's id and display name, as the timeline and the records keep them.</summary>
public sealed record Actor(string? UserId, string Name);

/// <summary>What the office writes when it opens an interview case or refers a cadre.</summary>
public sealed record NewInterviewCase(
    int CadreId, EscalationKind Kind, DateOnly HeldOn, string Interviewer, string Notes, string Outcome, IReadOnlyCollection<long> AppealIds);

/// <summary>
/// The escalation ladder of PRODUCT §6: reminder (催办) → interview (约谈) → referral for serious
/// handling (严肃处理). Each step leaves a timeline event on the appeals behind it, in the same
/// transaction as the step itself.
/// </summary>
public sealed class EscalationLadder(HotlineDbContext db, CallerDataProtector phones, SettingsStore settings)
{
    /// <summary>
    /// Records the reminder on the appeal's timeline and queues an SMS to the handling cadre's mobile
    /// in the outbox; both or neither are saved. Returns null when the appeal does not exist.
    /// </summary>
    public Task<Appeal?> RemindAsync(long appealId, string? text, Actor actor, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return WriteAsync(async () =>
        {
            var appeal = await db.Appeals.Include(a => a.HandlerCadre).SingleOrDefaultAsync(a => a.Id == appealId, cancellationToken);
            if (appeal is null)
            {
                return null;
            }

            var sms = (await settings.GetAsync(cancellationToken)).Sms;
            appeal.RecordReminder(string.IsNullOrWhiteSpace(text) ? null : text.Trim(), actor.Name, actor.UserId, now);
            db.SmsMessages.Add(ReminderSms(appeal, appeal.HandlerCadre, sms.ReminderBody(appeal.TrackingCode), now));
            await db.SaveChangesAsync(cancellationToken);
            return appeal;
        }, cancellationToken);
    }

    /// <summary>Opens an interview case or a referral for a cadre, with an internal timeline event on each linked appeal.</summary>
    public Task<InterviewCase> OpenCaseAsync(NewInterviewCase input, Actor actor, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        var appealIds = input.AppealIds.Distinct().ToList();
        return WriteAsync(async () =>
        {
            var existing = await db.Appeals.Where(a => appealIds.Contains(a.Id)).ToListAsync(cancellationToken);
            var interviewCase = new InterviewCase
            {
                CadreId = input.CadreId,
                Kind = input.Kind,
                HeldOn = input.HeldOn,
                Interviewer = input.Interviewer.Trim(),
                Notes = input.Notes.Trim(),
                Outcome = input.Outcome.Trim(),
                CreatedAt = now,
                CreatedBy = actor.Name,
                CreatedByUserId = actor.UserId,
                Appeals = [.. existing.Select(a => new InterviewCaseAppeal { AppealId = a.Id })],
            };
            db.InterviewCases.Add(interviewCase);

            var referral = input.Kind != EscalationKind.Interview;
            var text = referral
                ? $"移交严肃处理 {input.HeldOn:yyyy-MM-dd}：{interviewCase.Interviewer}。{interviewCase.Outcome}"
                : $"约谈 {input.HeldOn:yyyy-MM-dd}，约谈人：{interviewCase.Interviewer}。{interviewCase.Outcome}";
            foreach (var appeal in existing)
            {
                appeal.RecordEscalation(referral, text, input.CadreId, actor.Name, actor.UserId, now);
            }

            await db.SaveChangesAsync(cancellationToken);
            return interviewCase;
        }, cancellationToken);
    }

    /// <summary>
    /// Reads and writes the appeals in one transaction, written again from a fresh read when someone changed one
    /// of them in between. A step of the ladder carries no version the office saw: it concerns the appeal as it
    /// is, so a cadre's action saved at the same moment must not refuse it (nor, unhandled, answer 500). On
    /// SQLite the transaction holds the write gate from the read on, so no other writer comes in between; on
    /// PostgreSQL one may, and the step is read and written again.
    /// </summary>
    private async Task<T> WriteAsync<T>(Func<Task<T>> write, CancellationToken cancellationToken)
    {
        const int attempts = 5;
        for (var attempt = 1; ; attempt++)
        {
            await using var transaction = await SqliteWriteGate.BeginAsync(db, cancellationToken);
            try
            {
                var result = await write();
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            catch (DbUpdateConcurrencyException) when (attempt < attempts)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private SmsMessage ReminderSms(Appeal appeal, Cadre handler, string body, DateTimeOffset now) => new()
    {
        AppealId = appeal.Id,
        ToPhoneCipher = phones.ProtectPhone(handler.Mobile),
        ToPhoneMasked = ChinesePhone.Mask(handler.Mobile),
        Body = body,
        Status = SmsStatus.Pending,
        CreatedAt = now,
        NextAttemptAt = now,
    };
}
