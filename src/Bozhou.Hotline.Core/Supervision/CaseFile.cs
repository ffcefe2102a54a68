using Bozhou.Hotline.Core.Workspace;

namespace Bozhou.Hotline.Core.Supervision;

/// <summary>
/// One deadline of an appeal as the supervision office reads it: what it is, from when it ran (for a callback, the
/// missed call), when it fell due (UTC), when it was met (null: not yet) and how late, in working days, it was met or
/// is now (0: on time, or not yet due).
/// </summary>
public sealed record CaseDeadline(AppealDeadline Kind, DateTimeOffset? From, DateTimeOffset Due, DateTimeOffset? MetAt, int WorkingDaysLate);

/// <summary>
/// Everything the supervision office's case view shows (PRODUCT §6: every case opens in full, staff notes included,
/// the phone masked unless revealed with a reason): the appeal and its whole timeline, each deadline and how late,
/// the ladder's steps taken on it and what the ladder allows next.
/// </summary>
/// <param name="CallerPhone">The full phone when revealed on this answer (audited), else null: the page shows it masked.</param>
/// <param name="InterviewMissing">The step missing before an interview now (<see cref="EscalationLadder.NoReminder"/>, …), null when it may follow.</param>
/// <param name="ReferralMissing">The step missing before a referral now, null when it may follow.</param>
/// <param name="RemindedThisWorkingDay">A reminder went out on this working day already: another is refused.</param>
/// <param name="Links">The original this appeal was closed into as a duplicate, and the appeals closed into it.</param>
/// <param name="At">When the file was read (UTC): what the extension's state is read against.</param>
public sealed record CaseFile(
    Appeal Appeal,
    IReadOnlyList<AppealEvent> Timeline,
    IReadOnlyDictionary<int, CadreOption> Cadres,
    string? CallerPhone,
    IReadOnlyList<CaseDeadline> Deadlines,
    IReadOnlyList<AppealEvent> Reminders,
    IReadOnlyList<InterviewCase> Cases,
    string? InterviewMissing,
    string? ReferralMissing,
    bool RemindedThisWorkingDay,
    DuplicateLinks Links,
    DateTimeOffset At)
{
    /// <summary>The extension (延期) as of <see cref="At"/>: requested, approved, refused or lapsed; null when none was asked for.</summary>
    public ExtensionStatus? Extension => Appeal.ExtensionStatusAt(At);

    public CadreOption? Handler => Cadres.GetValueOrDefault(Appeal.HandlerCadreId);
}

/// <summary>Loads a <see cref="CaseFile"/> for the supervision office; the page's authorization policy decides who is the office.</summary>
public sealed class CaseFiles(HotlineDbContext db, AppealViewQuery views, AppealClockSource clocks, Duplicates duplicates, TimeProvider time)
{
    /// <summary>
    /// The case of appeal <paramref name="id"/>, or null when there is none. With <paramref name="revealReason"/> the
    /// caller's full phone is shown on this answer and the reveal written to the audit trail with the reason.
    /// </summary>
    public async Task<CaseFile?> LoadAsync(long id, Actor reader, string? revealReason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var appeal = await db.Appeals.AsNoTracking()
            .Include(a => a.Topic)
            .Include(a => a.Events)
            .Include(a => a.CallAttempts)
            .AsSplitQuery()
            .FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (appeal is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var clock = await clocks.GetAsync(cancellationToken);
        var phone = revealReason is null
            ? null
            : await views.RevealPhoneAsync(appeal, reader.UserId, reader.Name, $"Caller phone shown on the supervision case view; reason: {revealReason}", cancellationToken);
        var cases = await db.InterviewCases.AsNoTracking().Include(c => c.Appeals)
            .Where(c => c.Appeals.Any(a => a.AppealId == id))
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .ToListAsync(cancellationToken);
        var timeline = appeal.Events.OrderBy(e => e.At).ThenBy(e => e.Id).ToList();
        var named = timeline.SelectMany(e => new[] { e.FromCadreId, e.ToCadreId }).OfType<int>()
            .Append(appeal.CadreId).Append(appeal.HandlerCadreId).Concat(cases.Select(c => c.CadreId));
        var cadres = await views.CadresAsync(named, cancellationToken);
        var reminders = timeline.Where(e => e.Kind == AppealEventKind.Reminder).ToList();
        var workingDay = EscalationLadder.WorkingDayStart(clock.Calendar, now);
        return new CaseFile(
            appeal, timeline, cadres, phone, Deadlines(appeal, timeline, clock, now), reminders, cases,
            EscalationLadder.MissingBeforeInterview(timeline, clock.Calendar, now),
            EscalationLadder.MissingBeforeReferral(cases),
            reminders.Any(r => r.At >= workingDay),
            await duplicates.ForAsync(appeal, cancellationToken),
            now);
    }

    /// <summary>The cadre who handles appeal <paramref name="id"/> now (whom an interview about it concerns); null when there is no such appeal.</summary>
    public Task<int?> HandlerOfAsync(long id, CancellationToken cancellationToken) =>
        db.Appeals.Where(a => a.Id == id).Select(a => (int?)a.HandlerCadreId).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Each deadline the appeal has had, lateness measured from the first deadline missed: every missed call owes its
    /// own callback (met by the first callback or reply after it), then first contact, the pending transfer's
    /// sign-for, and the reply.
    /// </summary>
    public static IReadOnlyList<CaseDeadline> Deadlines(Appeal appeal, IReadOnlyList<AppealEvent> timeline, AppealClock clock, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(appeal);
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(clock);
        var end = appeal.ClosedAt ?? now;
        var list = new List<CaseDeadline>();
        foreach (var call in appeal.CallAttempts.Where(c => c.Outcome.AwaitsCallback()).OrderBy(c => c.At).ThenBy(c => c.Id))
        {
            var due = clock.CallbackDue(call.At);
            var met = timeline.FirstOrDefault(e => e.Kind is AppealEventKind.Callback or AppealEventKind.Reply && e.At >= call.LoggedAt)?.At;
            list.Add(Line(AppealDeadline.Callback, call.At, due, met));
        }

        list.Add(Line(AppealDeadline.FirstContact, appeal.LoggedAt, appeal.FirstContactDueAt, appeal.FirstContactAt));
        if (appeal.TransferAcceptDueAt is { } acceptDue)
        {
            list.Add(Line(AppealDeadline.TransferAccept, null, acceptDue, null));
        }

        var replied = AppealStatuses.AwaitingReply.Contains(appeal.Status) ? null : appeal.RepliedAt;
        list.Add(Line(AppealDeadline.Reply, appeal.LoggedAt, appeal.ReplyDueAt, replied));
        return list;

        CaseDeadline Line(AppealDeadline kind, DateTimeOffset? from, DateTimeOffset due, DateTimeOffset? met) =>
            new(kind, from, due, met, clock.Calendar.WorkingDaysLate(due, met ?? end));
    }
}
