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

/// <summary>
/// What the office writes when it opens an interview case or refers a cadre. <paramref name="OverrideReason"/>: the written
/// reason for taking the step out of the ladder's order (null or blank when it follows the ladder).
/// </summary>
public sealed record NewInterviewCase(
    int CadreId, EscalationKind Kind, DateOnly HeldOn, string Interviewer, string Notes, string Outcome, IReadOnlyCollection<long> AppealIds,
    string? OverrideReason = null);

/// <summary>
/// How opening an interview or a referral ended: the case stored, or the ladder's missing step (a resource key,
/// <see cref="EscalationLadder.NoReminder"/> and the others) and the tracking code of the appeal that lacks it.
/// </summary>
/// <param name="Repeated">The case was already stored by an identical request (a double submit, or two tabs): nothing new was written.</param>
public sealed record EscalationResult(InterviewCase? Case, string? MissingStep = null, string? TrackingCode = null, bool Repeated = false)
{
    public bool IsDone => Case is not null;
}

/// <summary>
/// The escalation ladder of PRODUCT §6: reminder (催办) → interview (约谈) → referral for serious
/// handling (严肃处理). Each step leaves a timeline event on the appeals behind it, in the same
/// transaction as the step itself.
/// </summary>
public sealed class EscalationLadder(HotlineDbContext db, AppealActionRunner runner)
{
    /// <summary>How long after a case is stored an identical request is taken as its repeat (10 minutes).</summary>
    public static readonly TimeSpan RepeatWindow = TimeSpan.FromMinutes(10);

    /// <summary>The rule code of a second reminder on the same working day.</summary>
    private const string RemindedToday = "Remind.AlreadyToday";

    /// <summary>How long the handler has to answer a reminder (催办) before an interview may follow: 1 working day.</summary>
    public const int ReminderAnswerWorkingDays = 1;

    /// <summary>Missing step: an interview needs a reminder on the appeal first.</summary>
    public const string NoReminder = "Ladder.NoReminder";

    /// <summary>Missing step: the reminder was answered, or its deadline has not passed yet.</summary>
    public const string ReminderNotUnanswered = "Ladder.ReminderNotUnanswered";

    /// <summary>Missing step: a referral needs an interview (约谈) about the appeal first.</summary>
    public const string NoInterview = "Ladder.NoInterview";

    /// <summary>Missing step: the interview's outcome is not recorded yet.</summary>
    public const string NoInterviewOutcome = "Ladder.NoInterviewOutcome";

    /// <summary>The handler's own steps, any of which after a reminder answers it.</summary>
    private static readonly AppealEventKind[] Answers =
        [AppealEventKind.Callback, AppealEventKind.QuickSms, AppealEventKind.Transfer, AppealEventKind.TransferAccepted, AppealEventKind.Reply];

    /// <summary>
    /// The start (UTC) of the working day <paramref name="now"/> belongs to for the one-reminder-a-working-day rule: a
    /// rest day belongs to the working day after it, so reminders on Saturday, Sunday and Monday count as Monday's.
    /// </summary>
    public static DateTimeOffset WorkingDayStart(WorkingDayCalendar calendar, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var day = calendar.AddWorkingDays(ChinaTime.DateOf(now), 0);
        var previous = day.AddDays(-1);
        while (!calendar.IsWorkingDay(previous))
        {
            previous = previous.AddDays(-1);
        }

        return ChinaTime.StartOf(previous.AddDays(1));
    }

    /// <summary>
    /// The step missing before an interview (约谈) about an appeal with <paramref name="timeline"/>, or null when none is:
    /// a reminder (催办) that the handler did not answer (call back, SMS, transfer, sign-for, reply) within
    /// <see cref="ReminderAnswerWorkingDays"/> working day, and whose deadline has passed at <paramref name="now"/>.
    /// </summary>
    public static string? MissingBeforeInterview(IEnumerable<AppealEvent> timeline, WorkingDayCalendar calendar, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(calendar);
        var events = timeline.ToList();
        var reminders = events.Where(e => e.Kind == AppealEventKind.Reminder).ToList();
        if (reminders.Count == 0)
        {
            return NoReminder;
        }

        var unanswered = reminders.Any(r =>
        {
            var due = calendar.DeadlineAfter(r.At, ReminderAnswerWorkingDays);
            return due <= now && !events.Any(e => Answers.Contains(e.Kind) && e.At >= r.At && e.At < due);
        });
        return unanswered ? null : ReminderNotUnanswered;
    }

    /// <summary>
    /// The step missing before a referral for serious handling (严肃处理), or null when none is: an interview about the
    /// appeal whose outcome is recorded.
    /// </summary>
    public static string? MissingBeforeReferral(IEnumerable<InterviewCase> casesOnAppeal)
    {
        ArgumentNullException.ThrowIfNull(casesOnAppeal);
        var interviews = casesOnAppeal.Where(c => c.Kind == EscalationKind.Interview).ToList();
        if (interviews.Count == 0)
        {
            return NoInterview;
        }

        return interviews.Any(c => !string.IsNullOrWhiteSpace(c.Outcome)) ? null : NoInterviewOutcome;
    }

    /// <summary>
    /// 催办: records the reminder on the appeal's timeline and queues an SMS to the handling side of the cadre (its
    /// accounts' mobiles, else the directory mobile, <see cref="SmsNotifier.MobilesOfAsync"/>) in the outbox; both or
    /// neither are saved. Refused when the appeal is closed, or already had a reminder on the same working day
    /// (<see cref="WorkingDayStart"/>: one a working day, so a repeat or a second click sends no second SMS). Run through
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

            var startOfToday = WorkingDayStart(c.Clock.Calendar, now);
            if (await db.AppealEvents.AnyAsync(e => e.AppealId == appealId && e.Kind == AppealEventKind.Reminder && e.At >= startOfToday, cancellationToken))
            {
                throw new AppealRuleException(RemindedToday);
            }

            appeal.RecordReminder(string.IsNullOrWhiteSpace(text) ? null : text.Trim(), c.TimelineActor, c.UserId, now);
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
    /// Opens an interview case or a referral for a cadre, with an internal timeline event on each linked appeal, in one
    /// save. The ladder runs in order (PRODUCT §6): an interview only about appeals whose reminder went unanswered past
    /// its deadline (<see cref="MissingBeforeInterview"/>), a referral only about appeals with an interview whose outcome
    /// is recorded (<see cref="MissingBeforeReferral"/>). Out of order, the step is refused with the first missing step
    /// found, unless <see cref="NewInterviewCase.OverrideReason"/> gives a written reason: then it is stored on the case,
    /// written on each timeline event and to the audit trail. A concurrent change to one of the appeals is met by reading
    /// them again, up to three times. A case identical to one stored in the last <see cref="RepeatWindow"/> (same cadre,
    /// step, date, interviewer and appeals) is that case again, not a second one: a double submit, a resend or a second
    /// tab stores one case. Two such requests at once both change the same appeals, so the later one's save meets the
    /// earlier's version, reads again and finds the case.
    /// </summary>
    /// <exception cref="DbUpdateConcurrencyException">The appeals changed under three tries in a row.</exception>
    public async Task<EscalationResult> OpenCaseAsync(
        NewInterviewCase input, Actor actor, AppealClock clock, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(clock);
        var appealIds = input.AppealIds.Distinct().ToList();
        var overrideReason = string.IsNullOrWhiteSpace(input.OverrideReason) ? null : input.OverrideReason.Trim();
        if (overrideReason is null)
        {
            var missing = await MissingStepAsync(input.Kind, appealIds, clock, now, cancellationToken);
            if (missing is not null)
            {
                return missing;
            }
        }

        var interviewer = input.Interviewer.Trim();
        var repeated = false;
        var created = await ConflictRetry.SaveAgainOnConflictAsync(db, async () =>
        {
            var existing = await db.Appeals.Where(a => appealIds.Contains(a.Id)).ToListAsync(cancellationToken);
            var since = now - RepeatWindow;
            var same = (await db.InterviewCases.AsNoTracking().Include(c => c.Appeals)
                    .Where(c => c.CadreId == input.CadreId && c.Kind == input.Kind && c.HeldOn == input.HeldOn && c.Interviewer == interviewer && c.CreatedAt >= since)
                    .ToListAsync(cancellationToken))
                .FirstOrDefault(c => c.Appeals.Select(a => a.AppealId).ToHashSet().SetEquals(existing.Select(a => a.Id)));
            if (same is not null)
            {
                repeated = true;
                return same;
            }

            var interviewCase = new InterviewCase
            {
                CadreId = input.CadreId,
                Kind = input.Kind,
                HeldOn = input.HeldOn,
                Interviewer = interviewer,
                Notes = input.Notes.Trim(),
                Outcome = input.Outcome.Trim(),
                OverrideReason = overrideReason,
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
            if (overrideReason is not null)
            {
                text += $"\n越级处理，理由：{overrideReason}";
                db.AuditEntries.Add(new AuditEntry
                {
                    At = now,
                    UserId = actor.UserId,
                    UserName = actor.Name,
                    Action = AuditAction.LadderOverride,
                    Subject = $"Cadre:{input.CadreId}",
                    Details = Clip($"{input.Kind} out of the ladder's order for appeals {string.Join(",", existing.Select(a => a.Id))}; reason: {overrideReason}", 2000),
                });
            }

            foreach (var appeal in existing)
            {
                appeal.RecordEscalation(referral, text, input.CadreId, actor.OnTimeline, actor.UserId, now);
            }

            await db.SaveChangesAsync(cancellationToken);
            return interviewCase;
        });
        return new EscalationResult(created, Repeated: repeated);
    }

    /// <summary>
    /// Records the outcome of an interview held without one, with an internal timeline event on each appeal behind it, in
    /// one save. Returns false when there is no such interview or its outcome is already recorded (an outcome is not
    /// rewritten).
    /// </summary>
    /// <exception cref="DbUpdateConcurrencyException">The appeals changed under three tries in a row.</exception>
    public Task<bool> RecordOutcomeAsync(long caseId, string outcome, Actor actor, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outcome);
        ArgumentNullException.ThrowIfNull(actor);
        return ConflictRetry.SaveAgainOnConflictAsync(db, async () =>
        {
            var interview = await db.InterviewCases.Include(c => c.Appeals).FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken);
            if (interview is null || interview.Kind != EscalationKind.Interview || !string.IsNullOrWhiteSpace(interview.Outcome))
            {
                return false;
            }

            interview.Outcome = outcome.Trim();
            var ids = interview.Appeals.Select(a => a.AppealId).ToList();
            foreach (var appeal in await db.Appeals.Where(a => ids.Contains(a.Id)).ToListAsync(cancellationToken))
            {
                appeal.RecordEscalation(false, $"约谈结果 {interview.HeldOn:yyyy-MM-dd}：{interview.Outcome}", interview.CadreId, actor.OnTimeline, actor.UserId, now);
            }

            await db.SaveChangesAsync(cancellationToken);
            return true;
        });
    }

    /// <summary>The first appeal (by id) that lacks the step before <paramref name="kind"/>, or null when none does.</summary>
    private async Task<EscalationResult?> MissingStepAsync(
        EscalationKind kind, List<long> appealIds, AppealClock clock, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var appeals = await db.Appeals.AsNoTracking().Include(a => a.Events).Where(a => appealIds.Contains(a.Id))
            .OrderBy(a => a.Id).ToListAsync(cancellationToken);
        var cases = kind == EscalationKind.Interview
            ? []
            : await db.InterviewCases.AsNoTracking().Include(c => c.Appeals)
                .Where(c => c.Appeals.Any(a => appealIds.Contains(a.AppealId))).ToListAsync(cancellationToken);
        foreach (var appeal in appeals)
        {
            var missing = kind == EscalationKind.Interview
                ? MissingBeforeInterview(appeal.Events, clock.Calendar, now)
                : MissingBeforeReferral(cases.Where(c => c.Appeals.Any(a => a.AppealId == appeal.Id)));
            if (missing is not null)
            {
                return new EscalationResult(null, missing, appeal.TrackingCode);
            }
        }

        return null;
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max];
}
