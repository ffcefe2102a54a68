using Bozhou.Hotline.Core.Sms;

namespace Bozhou.Hotline.Core.Supervision;


/// <summary>How a reminder (催办) ended.</summary>
public enum ReminderOutcome
{
    /// <summary>Recorded, and its SMS queued.</summary>
    Sent,

    /// <summary>No such appeal.</summary>
    NotFound,

    /// <summary>The appeal is closed: there is nothing left to remind of.</summary>
    Closed,

    /// <summary>The appeal already had a reminder on this China date.</summary>
    AlreadyToday,

    /// <summary>The appeal changed under every try (others were acting on it): nothing was stored; try again.</summary>
    Busy,
}

/// <summary>A reminder's outcome and the appeal it concerned (null when not found).</summary>
public sealed record ReminderResult(ReminderOutcome Outcome, Appeal? Appeal);

/// <summary>What the office writes when it opens an interview case or refers a cadre.</summary>
public sealed record NewInterviewCase(
    int CadreId, EscalationKind Kind, DateOnly HeldOn, string Interviewer, string Notes, string Outcome, IReadOnlyCollection<long> AppealIds);

/// <summary>
/// The escalation ladder of PRODUCT §6: reminder (催办) → interview (约谈) → referral for serious
/// handling (严肃处理). Each step leaves a timeline event on the appeals behind it, in the same
/// transaction as the step itself.
/// </summary>
public sealed class EscalationLadder(HotlineDbContext db, AppealActionRunner runner)
{
    /// <summary>The rule code of a second reminder on the same China date.</summary>
    private const string RemindedToday = "Remind.AlreadyToday";

    /// <summary>
    /// 催办: records the reminder on the appeal's timeline and queues an SMS to the handling side of the cadre (its
    /// accounts' mobiles, else the directory mobile, <see cref="SmsNotifier.MobilesOfAsync"/>) in the outbox; both or neither are saved. Refused when the appeal is closed, or already had a reminder on the same
    /// China date (one a working day, so a repeat or a second click sends no second SMS). Run through
    /// <see cref="AppealActionRunner"/> as the office, so a concurrent change to the appeal is met by reading it again,
    /// up to three times.
    /// </summary>
    /// <exception cref="DbUpdateConcurrencyException">The appeal changed under three tries in a row.</exception>
    public async Task<ReminderResult> RemindAsync(long appealId, string? text, Actor actor, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var outcome = await runner.RunAsync(actor, appealId, null, async c =>
        {
            var appeal = c.Appeal;
            if (appeal.IsClosed)
            {
                throw new AppealRuleException(AppealRuleException.Closed);
            }

            var startOfToday = ChinaTime.StartOf(ChinaTime.DateOf(now));
            if (await db.AppealEvents.AnyAsync(e => e.AppealId == appealId && e.Kind == AppealEventKind.Reminder && e.At >= startOfToday, cancellationToken))
            {
                throw new AppealRuleException(RemindedToday);
            }

            appeal.RecordReminder(string.IsNullOrWhiteSpace(text) ? null : text.Trim(), c.ActorName, c.UserId, now);
            await c.TellHandlingSideAsync(appeal.HandlerCadreId, SmsText.CadreReminder, new SmsValues(Due: appeal.ReplyDueAt), cancellationToken);
        }, cancellationToken);
        return outcome switch
        {
            { Status: AppealActionStatus.Done } => new ReminderResult(ReminderOutcome.Sent, outcome.Appeal),
            { Status: AppealActionStatus.NotFound } => new ReminderResult(ReminderOutcome.NotFound, null),
            { Status: AppealActionStatus.Conflict } => new ReminderResult(ReminderOutcome.Busy, outcome.Appeal),
            { RuleCode: RemindedToday } => new ReminderResult(ReminderOutcome.AlreadyToday, outcome.Appeal),
            _ => new ReminderResult(ReminderOutcome.Closed, outcome.Appeal),
        };
    }

    /// <summary>
    /// Opens an interview case or a referral for a cadre, with an internal timeline event on each linked appeal. A
    /// concurrent change to one of them is met by reading them again, up to three times.
    /// </summary>
    /// <exception cref="DbUpdateConcurrencyException">The appeals changed under three tries in a row.</exception>
    public Task<InterviewCase> OpenCaseAsync(NewInterviewCase input, Actor actor, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        var appealIds = input.AppealIds.Distinct().ToList();
        return ConflictRetry.SaveAgainOnConflictAsync(db, async () =>
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
        });
    }
}
