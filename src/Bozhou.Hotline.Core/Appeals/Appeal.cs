namespace Bozhou.Hotline.Core.Appeals;

/// <summary>
/// One matter raised with one cadre (诉求), with its clocks and its timeline. Every state change is a
/// method here that checks the rule and appends its event; pages never set these fields.
/// </summary>
public class Appeal
{
    public const int DescriptionMaxLength = 4000;

    /// <summary>The longest reason for an extension.</summary>
    public const int ExtensionReasonMaxLength = 1000;

    public long Id { get; private set; }

    /// <summary>Short, unguessable, with a check character (<see cref="Appeals.TrackingCode"/>).</summary>
    [SingleLine]
    public string TrackingCode { get; private set; } = "";

    /// <summary>The cadre who held the post when the appeal was logged; never changes.</summary>
    public int CadreId { get; private set; }

    public Cadre Cadre { get; private set; } = null!;

    /// <summary>The cadre who has the matter now: the logged one, or whom it was transferred to.</summary>
    public int HandlerCadreId { get; private set; }

    public Cadre HandlerCadre { get; private set; } = null!;

    public int TopicId { get; private set; }

    public Topic Topic { get; private set; } = null!;

    /// <summary>The topic's kind when logged, which sets the reply clock.</summary>
    public TopicKind TopicKind { get; private set; }

    public CallerType CallerType { get; private set; }

    [SingleLine]
    public string? EnterpriseName { get; private set; }

    [NotDisplayText]
    public string? CallerNameCipher { get; private set; }

    [NotDisplayText]
    public string? CallerPhoneCipher { get; private set; }

    [NotDisplayText]
    public string? CallerPhoneHash { get; private set; }

    [SingleLine]
    public string? CallerPhoneMasked { get; private set; }

    public string Description { get; private set; } = "";

    public bool Confidential { get; private set; }

    public bool ConsentToContact { get; private set; }

    /// <summary>The caller asked for no SMS: none of the caller's texts is queued (the cadre's side still is).</summary>
    public bool DeclinesSms { get; private set; }

    /// <summary>Where the matter is, in the caller's words (a street, a building); null when not said.</summary>
    public string? PlaceDescription { get; private set; }

    /// <summary>The place's latitude, WGS-84 decimal degrees (−90 to 90); given with <see cref="Longitude"/> or not at all.</summary>
    public double? Latitude { get; private set; }

    /// <summary>The place's longitude, WGS-84 decimal degrees (−180 to 180); given with <see cref="Latitude"/> or not at all.</summary>
    public double? Longitude { get; private set; }

    public AppealStatus Status { get; private set; }

    public DateTimeOffset LoggedAt { get; private set; }

    /// <summary>Due time of the call back owed for a missed call or text; null when none is owed.</summary>
    public DateTimeOffset? CallbackDueAt { get; private set; }

    public DateTimeOffset FirstContactDueAt { get; private set; }

    public DateTimeOffset? FirstContactAt { get; private set; }

    public DateTimeOffset ReplyDueAt { get; private set; }

    public DateTimeOffset? RepliedAt { get; private set; }

    public ReplyKind? ReplyKind { get; private set; }

    public string? ReplyText { get; private set; }

    [SingleLine]
    public string? TicketNumber12345 { get; private set; }

    public int TransferCount { get; private set; }

    /// <summary>Set while a transfer waits for the receiver to accept it.</summary>
    public DateTimeOffset? TransferAcceptDueAt { get; private set; }

    public int ReopenCount { get; private set; }

    /// <summary>Flagged to the supervision office (an unsatisfied rating).</summary>
    public bool FlaggedForSupervision { get; private set; }

    public DateTimeOffset? RatingDueAt { get; private set; }

    public bool? RatedResolved { get; private set; }

    public int? RatingScore { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public DateTimeOffset? PersonalDataPurgedAt { get; private set; }

    /// <summary>The handler's one request for a later reply deadline (延期), if any, and where it stands.</summary>
    public ExtensionStatus? ExtensionStatus { get; private set; }

    public DateTimeOffset? ExtensionRequestedAt { get; private set; }

    /// <summary>The reply deadline asked for: the end (24:00 China time) of the date asked for, as a UTC instant.</summary>
    public DateTimeOffset? ExtensionRequestedDueAt { get; private set; }

    /// <summary>When the office's decision falls due: the end of the working day after the request.</summary>
    public DateTimeOffset? ExtensionDecisionDueAt { get; private set; }

    public string? ExtensionReason { get; private set; }

    public DateTimeOffset? ExtensionDecidedAt { get; private set; }

    /// <summary>The reply deadline before an approved extension moved it.</summary>
    public DateTimeOffset? ReplyDueBeforeExtensionAt { get; private set; }

    /// <summary>The earlier open appeal this one duplicates (same caller, same matter), which the citizen follows instead.</summary>
    public long? DuplicateOfAppealId { get; private set; }

    /// <summary>Concurrency token: two people acting at once cannot overwrite each other.</summary>
    public int Version { get; private set; }

    public List<AppealEvent> Events { get; private set; } = [];

    public List<CallAttempt> CallAttempts { get; private set; } = [];

    public bool IsClosed => Status == AppealStatus.Closed;

    public bool AwaitsTransferAcceptance => TransferAcceptDueAt is not null;

    /// <summary>Logs a call or text to a cadre: the appeal, its first call attempt and its "logged" event.</summary>
    public static Appeal Log(NewAppeal input, ProtectedCaller caller, string trackingCode, AppealClock clock, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(clock);
        var appeal = new Appeal
        {
            TrackingCode = trackingCode,
            CadreId = input.CadreId,
            HandlerCadreId = input.CadreId,
            TopicId = input.TopicId,
            TopicKind = input.TopicKind,
            CallerType = input.CallerType,
            EnterpriseName = input.CallerType == CallerType.Enterprise ? input.EnterpriseName : null,
            CallerNameCipher = caller.NameCipher,
            CallerPhoneCipher = caller.PhoneCipher,
            CallerPhoneHash = caller.PhoneHash,
            CallerPhoneMasked = caller.PhoneMasked,
            Description = input.Description,
            Confidential = input.Confidential,
            ConsentToContact = input.ConsentToContact,
            DeclinesSms = input.DeclinesSms,
            PlaceDescription = input.Place?.Description,
            Latitude = input.Place?.Latitude,
            Longitude = input.Place?.Longitude,
            Status = AppealStatus.Logged,
            LoggedAt = now,
            FirstContactDueAt = clock.FirstContactDue(now),
            ReplyDueAt = clock.ReplyDue(now, input.TopicKind),
        };
        appeal.Append(now, AppealEventKind.Logged, input.CallerActor, outcome: input.Outcome.ToString(), toCadreId: input.CadreId);
        appeal.AddCallAttempt(input.CalledAt, input.Outcome, clock, now, input.CallerActor, logEvent: false);
        return appeal;
    }

    /// <summary>
    /// The citizen called or texted again ("called again, no answer"): the attempt is recorded with its own callback
    /// deadline, but a callback already owed keeps its earlier deadline, so a repeat call never makes a missed callback
    /// less late (lateness runs from the first deadline missed).
    /// </summary>
    public void RecordCitizenCall(DateTimeOffset calledAt, CallOutcome outcome, AppealClock clock, DateTimeOffset now, EventActor actor)
    {
        EnsureOpen();
        AddCallAttempt(calledAt, outcome, clock, now, actor, logEvent: true);
        Touch();
    }

    /// <summary>The cadre or staff called the citizen back, reaching them or not.</summary>
    public void RecordCallback(bool reached, string? note, EventActor actor, string? actorUserId, DateTimeOffset now)
    {
        EnsureOpen();
        CallbackDueAt = null;
        if (reached)
        {
            MarkContacted(now);
        }

        Append(now, AppealEventKind.Callback, actor, actorUserId, text: note, outcome: reached ? "Reached" : "NotReached");
        Touch();
    }

    /// <summary>A one-key SMS reply from a template; the message itself goes through the outbox.</summary>
    public void RecordQuickSms(string text, EventActor actor, string? actorUserId, DateTimeOffset now)
    {
        EnsureOpen();
        Require(text);
        Append(now, AppealEventKind.QuickSms, actor, actorUserId, text: text);
        Touch();
    }

    /// <summary>Passes the matter to the official in charge: at most two levels, accepted within a working day.</summary>
    public void Transfer(int toCadreId, string reason, EventActor actor, string? actorUserId, AppealClock clock, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(clock);
        EnsureOpen();
        Require(reason);
        if (toCadreId == HandlerCadreId)
        {
            throw new AppealRuleException(AppealRuleException.TransferToSelf);
        }

        if (AwaitsTransferAcceptance)
        {
            throw new AppealRuleException(AppealRuleException.TransferPending);
        }

        if (TransferCount >= clock.Settings.MaxTransfers)
        {
            throw new AppealRuleException(AppealRuleException.TransferLimit);
        }

        Append(now, AppealEventKind.Transfer, actor, actorUserId, text: reason, fromCadreId: HandlerCadreId, toCadreId: toCadreId);
        HandlerCadreId = toCadreId;
        TransferCount++;
        TransferAcceptDueAt = clock.TransferAcceptDue(now);
        Status = AppealStatus.Transferred;
        // A reply passed on is no longer the answer to rate: the citizen rates the receiver's reply.
        RatingDueAt = null;
        Touch();
    }

    /// <summary>The receiver signs for a transferred appeal (签收).</summary>
    public void AcceptTransfer(EventActor actor, string? actorUserId, DateTimeOffset now)
    {
        EnsureOpen();
        if (!AwaitsTransferAcceptance)
        {
            throw new AppealRuleException(AppealRuleException.NoTransferPending);
        }

        TransferAcceptDueAt = null;
        Status = ReopenCount > 0 ? AppealStatus.Reopened : FirstContactAt is null ? AppealStatus.Logged : AppealStatus.Contacted;
        Append(now, AppealEventKind.TransferAccepted, actor, actorUserId, toCadreId: HandlerCadreId);
        Touch();
    }

    /// <summary>
    /// The answer the citizen sees: resolved, explained (and why), or referred to 12345 with its ticket.
    /// Replying to a transferred appeal signs for it.
    /// </summary>
    public void Reply(ReplyKind kind, string text, string? ticketNumber, EventActor actor, string? actorUserId, AppealClock clock, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(clock);
        EnsureOpen();
        Require(text);
        if (kind == Appeals.ReplyKind.ReferredTo12345 && string.IsNullOrWhiteSpace(ticketNumber))
        {
            throw new AppealRuleException(AppealRuleException.TicketRequired);
        }

        if (AwaitsTransferAcceptance)
        {
            AcceptTransfer(actor, actorUserId, now);
        }

        MarkContacted(now);
        CallbackDueAt = null;
        RepliedAt = now;
        ReplyKind = kind;
        ReplyText = text;
        TicketNumber12345 = kind == Appeals.ReplyKind.ReferredTo12345 ? ticketNumber!.Trim() : null;
        RatingDueAt = clock.RatingDue(now);
        Status = AppealStatus.Replied;
        Append(now, AppealEventKind.Reply, actor, actorUserId, text: text, outcome: kind.ToString(), ticketNumber: TicketNumber12345);
        Touch();
    }

    /// <summary>
    /// The citizen's rating of the reply (回访). An unsatisfied rating (1 or 2) sends the appeal back once
    /// to be handled again (发回重办) and flags it to the supervision office; otherwise the appeal closes.
    /// </summary>
    public void Rate(bool resolved, int score, string? comment, AppealClock clock, DateTimeOffset now, EventActor actor)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (Status != AppealStatus.Replied)
        {
            throw new AppealRuleException(IsClosed ? AppealRuleException.Closed : AppealRuleException.NotReplied);
        }

        if (score is < 1 or > 5)
        {
            throw new AppealRuleException(AppealRuleException.ScoreRange);
        }

        RatedResolved = resolved;
        RatingScore = score;
        RatingDueAt = null;
        Append(now, AppealEventKind.Rating, actor, text: comment, outcome: resolved ? "Resolved" : "NotResolved", score: score);
        var unsatisfied = score <= 2;
        if (unsatisfied)
        {
            FlaggedForSupervision = true;
        }

        if (unsatisfied && ReopenCount == 0)
        {
            ReopenCount = 1;
            Status = AppealStatus.Reopened;
            ReplyDueAt = clock.ReplyDue(now, TopicKind);
            Append(now, AppealEventKind.Reopened, actor, outcome: "Unsatisfied");
        }
        else
        {
            Close(now, "Rated", actor);
        }

        Touch();
    }

    /// <summary>No rating within the window: the appeal closes unrated. Returns false when nothing is due.</summary>
    public bool CloseUnratedIfDue(DateTimeOffset now, EventActor actor)
    {
        if (Status != AppealStatus.Replied || RatingDueAt is null || now < RatingDueAt)
        {
            return false;
        }

        RatingDueAt = null;
        Close(now, "Unrated", actor);
        Touch();
        return true;
    }

    /// <summary>A staff-internal note, never shown to the citizen.</summary>
    public void AddNote(string text, EventActor actor, string? actorUserId, DateTimeOffset now)
    {
        Require(text);
        Append(now, AppealEventKind.Note, actor, actorUserId, text: text, isInternal: true);
        Touch();
    }

    /// <summary>A supervision reminder (催办) to the handling cadre.</summary>
    public void RecordReminder(string? text, EventActor actor, string? actorUserId, DateTimeOffset now)
    {
        Append(now, AppealEventKind.Reminder, actor, actorUserId, text: text, toCadreId: HandlerCadreId);
        Touch();
    }

    /// <summary>
    /// A step of the escalation ladder beyond the reminder: an interview case (约谈) or a referral for serious
    /// handling (严肃处理) that names this appeal. Internal: it concerns the cadre's conduct, not the caller's matter.
    /// </summary>
    public void RecordEscalation(bool referral, string text, int cadreId, EventActor actor, string? actorUserId, DateTimeOffset now)
    {
        Require(text);
        var kind = referral ? AppealEventKind.Referral : AppealEventKind.Interview;
        Append(now, kind, actor, actorUserId, text: text.Length > 4000 ? text[..4000] : text, isInternal: true, toCadreId: cadreId);
        Touch();
    }

    /// <summary>
    /// The latest reply deadline an extension may ask for (PRODUCT §5: at most one more limit): the end of the day one
    /// full reply limit, in working days, after the current deadline's last day.
    /// </summary>
    public DateTimeOffset LatestExtensionDue(AppealClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var lastDay = ChinaTime.DateOf(ReplyDueAt.AddTicks(-1));
        return ChinaTime.StartOf(clock.Calendar.AddWorkingDays(lastDay, clock.ReplyWorkingDays(TopicKind)).AddDays(1));
    }

    /// <summary>
    /// The extension's state as of <paramref name="now"/> (UTC): a request left undecided past its decision deadline
    /// reads <see cref="Appeals.ExtensionStatus.Lapsed"/> (the deadline stays); null when none was asked for.
    /// </summary>
    public ExtensionStatus? ExtensionStatusAt(DateTimeOffset now) =>
        ExtensionStatus == Appeals.ExtensionStatus.Requested && now >= ExtensionDecisionDueAt ? Appeals.ExtensionStatus.Lapsed : ExtensionStatus;

    /// <summary>
    /// 延期申请: the handler asks, once per appeal, for the reply deadline to move to the end of <paramref name="until"/>
    /// (China date), with a reason. Refused when the appeal is not awaiting its reply, an extension was asked for
    /// before, the deadline has already passed (a reply already late is not made on time afterwards), the date is not
    /// later than the deadline, or later than <see cref="LatestExtensionDue"/>. The office must
    /// decide by the end of the next working day; until it approves, the deadline stays.
    /// </summary>
    public void RequestExtension(DateOnly until, string reason, EventActor actor, string? actorUserId, AppealClock clock, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(clock);
        EnsureOpen();
        Require(reason);
        if (!AppealStatuses.AwaitingReply.Contains(Status))
        {
            throw new AppealRuleException(AppealRuleException.ExtensionNotAwaitingReply);
        }

        if (ExtensionStatus is not null)
        {
            throw new AppealRuleException(AppealRuleException.ExtensionOnce);
        }

        if (now >= ReplyDueAt)
        {
            throw new AppealRuleException(AppealRuleException.ExtensionAfterDue);
        }

        var due = ChinaTime.StartOf(until.AddDays(1));
        if (due <= ReplyDueAt)
        {
            throw new AppealRuleException(AppealRuleException.ExtensionNotLater);
        }

        if (due > LatestExtensionDue(clock))
        {
            throw new AppealRuleException(AppealRuleException.ExtensionTooFar);
        }

        ExtensionStatus = Appeals.ExtensionStatus.Requested;
        ExtensionRequestedAt = now;
        ExtensionRequestedDueAt = due;
        ExtensionDecisionDueAt = clock.Calendar.DeadlineAfter(now, 1);
        ExtensionReason = reason.Trim();
        Append(now, AppealEventKind.ExtensionRequested, actor, actorUserId, text: $"{until:yyyy-MM-dd}：{ExtensionReason}", isInternal: true);
        Touch();
    }

    /// <summary>
    /// The supervision office decides the pending extension: approved, the reply deadline moves to the date asked for
    /// and the citizen's timeline says so; refused, it stays (an internal entry). Refused when none is pending, or when
    /// its decision deadline passed undecided (the deadline then stays as it was), or when the appeal is no longer
    /// awaiting its reply (replied or closed: a deadline moved after the reply would rewrite whether it was on time).
    /// </summary>
    /// <exception cref="AppealRuleException">With the rule broken: <see cref="AppealRuleException.ExtensionNotAwaitingReply"/>,
    /// <see cref="AppealRuleException.ExtensionNotPending"/> or <see cref="AppealRuleException.ExtensionLapsed"/>.</exception>
    public void DecideExtension(bool approve, string? note, EventActor actor, string? actorUserId, DateTimeOffset now)
    {
        EnsureOpen();
        if (!AppealStatuses.AwaitingReply.Contains(Status))
        {
            throw new AppealRuleException(AppealRuleException.ExtensionNotAwaitingReply);
        }

        if (ExtensionStatus != Appeals.ExtensionStatus.Requested)
        {
            throw new AppealRuleException(AppealRuleException.ExtensionNotPending);
        }

        if (now >= ExtensionDecisionDueAt)
        {
            throw new AppealRuleException(AppealRuleException.ExtensionLapsed);
        }

        ExtensionDecidedAt = now;
        var until = ChinaTime.DateOf(ExtensionRequestedDueAt!.Value.AddTicks(-1));
        if (approve)
        {
            ExtensionStatus = Appeals.ExtensionStatus.Approved;
            ReplyDueBeforeExtensionAt = ReplyDueAt;
            ReplyDueAt = ExtensionRequestedDueAt.Value;
            Append(now, AppealEventKind.ExtensionDecided, actor, actorUserId, text: until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), outcome: "Approved");
        }
        else
        {
            ExtensionStatus = Appeals.ExtensionStatus.Refused;
            Append(now, AppealEventKind.ExtensionDecided, actor, actorUserId, text: string.IsNullOrWhiteSpace(note) ? null : note.Trim(), isInternal: true, outcome: "Refused");
        }

        Touch();
    }

    /// <summary>
    /// The handler marks this appeal a duplicate of <paramref name="original"/> (the same caller's same matter): it closes
    /// pointing to the original, which the citizen follows instead, and the original's timeline names it. Refused when
    /// the two are one, or the original is closed (then there is nothing to follow).
    /// </summary>
    public void MarkDuplicateOf(Appeal original, EventActor actor, string? actorUserId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(original);
        EnsureOpen();
        if (original.Id == Id)
        {
            throw new AppealRuleException(AppealRuleException.DuplicateOfItself);
        }

        if (original.IsClosed)
        {
            throw new AppealRuleException(AppealRuleException.DuplicateOriginalClosed);
        }

        DuplicateOfAppealId = original.Id;
        CallbackDueAt = null;
        RatingDueAt = null;
        TransferAcceptDueAt = null;
        Append(now, AppealEventKind.MarkedDuplicate, actor, actorUserId, text: original.TrackingCode);
        Close(now, "Duplicate", actor);
        Touch();
        original.Append(now, AppealEventKind.DuplicateLinked, actor, actorUserId, text: TrackingCode, isInternal: true);
        original.Touch();
    }

    /// <summary>
    /// This duplicate's original was itself marked a duplicate of <paramref name="original"/>: this one now points to
    /// that original too, so that no duplicate points to a closed appeal (the citizen follows the open one). Its
    /// timeline and the citizen's page name the new original; the original's timeline names this one.
    /// </summary>
    public void FollowOriginal(Appeal original, EventActor actor, string? actorUserId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(original);
        if (DuplicateOfAppealId is null || original.Id == Id || original.IsClosed)
        {
            throw new InvalidOperationException("Only a duplicate follows an open original other than itself.");
        }

        DuplicateOfAppealId = original.Id;
        Append(now, AppealEventKind.MarkedDuplicate, actor, actorUserId, text: original.TrackingCode);
        Touch();
        original.Append(now, AppealEventKind.DuplicateLinked, actor, actorUserId, text: TrackingCode, isInternal: true);
        original.Touch();
    }

    /// <summary>
    /// The holiday calendar changed from <paramref name="before"/> to <paramref name="after"/>: each deadline still
    /// running (not met, not passed at <paramref name="now"/>) is counted again from its own starting event with the
    /// limit that applied when it was set, and a staff-internal event lists the deadlines that moved (old and new,
    /// China time). A closed appeal and a passed or met deadline stay as they are.
    /// <para>
    /// The appeal stores each deadline but not its limit, so the limit is read back from the deadline: the working
    /// days, under <paramref name="before"/> (the calendar it was counted with, since every change recounts), from
    /// the start's China date to the deadline's last day. A deadline that this limit and start do not reproduce under
    /// <paramref name="before"/> was not counted with that calendar, and is left alone rather than guessed at.
    /// </para>
    /// </summary>
    /// <returns>The deadlines that moved; empty when none did (and no event is appended).</returns>
    public IReadOnlyList<MovedDeadline> RecountDeadlines(WorkingDayCalendar before, WorkingDayCalendar after, DateTimeOffset now, EventActor actor)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var moved = new List<MovedDeadline>();
        if (IsClosed)
        {
            return moved;
        }

        // The callback owed runs from the earliest missed call since the last call back (a repeat call keeps it).
        var lastCallback = Events.Where(e => e.Kind == AppealEventKind.Callback).Select(e => (DateTimeOffset?)e.At).Max();
        var owedSince = CallAttempts.Where(c => c.Outcome.AwaitsCallback() && (lastCallback is null || c.LoggedAt > lastCallback))
            .OrderBy(c => c.At).ThenBy(c => c.Id).FirstOrDefault();
        if (CallbackDueAt is { } callbackDue && owedSince is not null)
        {
            CallbackDueAt = Recount(AppealDeadline.Callback, owedSince.At, callbackDue);
        }

        if (FirstContactAt is null)
        {
            FirstContactDueAt = Recount(AppealDeadline.FirstContact, LoggedAt, FirstContactDueAt);
        }

        var lastTransfer = Events.Where(e => e.Kind == AppealEventKind.Transfer).MaxBy(e => e.At);
        if (TransferAcceptDueAt is { } acceptDue && lastTransfer is not null)
        {
            TransferAcceptDueAt = Recount(AppealDeadline.TransferAccept, lastTransfer.At, acceptDue);
        }

        if (Status is not AppealStatus.Replied)
        {
            var reopened = ReopenCount > 0 ? Events.Where(e => e.Kind == AppealEventKind.Reopened).MaxBy(e => e.At) : null;
            if (ReopenCount == 0 || reopened is not null)
            {
                ReplyDueAt = Recount(AppealDeadline.Reply, reopened?.At ?? LoggedAt, ReplyDueAt);
            }
        }

        if (moved.Count > 0)
        {
            var text = string.Join('\n', moved.Select(m => m.ToString()));
            Append(now, AppealEventKind.DeadlinesRecounted, actor, text: text, isInternal: true);
            Touch();
        }

        return moved;

        DateTimeOffset Recount(AppealDeadline deadline, DateTimeOffset start, DateTimeOffset due)
        {
            if (due <= now)
            {
                return due;
            }

            var limit = before.WorkingDaysBetween(ChinaTime.DateOf(start), ChinaTime.DateOf(due.AddTicks(-1)));
            if (limit < 1 || before.DeadlineAfter(start, limit) != due)
            {
                return due;
            }

            var recounted = after.DeadlineAfter(start, limit);
            if (recounted != due)
            {
                moved.Add(new MovedDeadline(deadline, due, recounted));
            }

            return recounted;
        }
    }

    /// <summary>Removes the caller's personal data after the retention period; the statistics stay.</summary>
    public void PurgePersonalData(DateTimeOffset now)
    {
        CallerNameCipher = null;
        CallerPhoneCipher = null;
        CallerPhoneHash = null;
        CallerPhoneMasked = null;
        PersonalDataPurgedAt = now;
        Touch();
    }

    private void AddCallAttempt(DateTimeOffset calledAt, CallOutcome outcome, AppealClock clock, DateTimeOffset now, EventActor actor, bool logEvent)
    {
        CallAttempts.Add(new CallAttempt { At = calledAt, Outcome = outcome, LoggedAt = now });
        if (outcome.AwaitsCallback())
        {
            var due = clock.CallbackDue(calledAt);
            CallbackDueAt = CallbackDueAt is { } owed && owed <= due ? owed : due;
        }

        if (logEvent)
        {
            Append(now, AppealEventKind.CallAttempt, actor, outcome: outcome.ToString(), toCadreId: HandlerCadreId);
        }
    }

    private void MarkContacted(DateTimeOffset now)
    {
        FirstContactAt ??= now;
        if (Status is AppealStatus.Logged)
        {
            Status = AppealStatus.Contacted;
        }
    }

    private void Close(DateTimeOffset now, string reason, EventActor actor)
    {
        Status = AppealStatus.Closed;
        ClosedAt = now;
        Append(now, AppealEventKind.Closed, actor, outcome: reason);
    }

    private void EnsureOpen()
    {
        if (IsClosed)
        {
            throw new AppealRuleException(AppealRuleException.Closed);
        }
    }

    private static void Require(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new AppealRuleException(AppealRuleException.TextRequired);
        }
    }

    private void Touch() => Version++;

    private void Append(
        DateTimeOffset at, AppealEventKind kind, EventActor actor, string? actorUserId = null, string? text = null, bool isInternal = false,
        string? outcome = null, int? fromCadreId = null, int? toCadreId = null, string? ticketNumber = null, int? score = null) =>
        Events.Add(new AppealEvent
        {
            At = at,
            Kind = kind,
            ActorKind = actor.Kind,
            Actor = actor.Name,
            ActorFor = actor.ForCadre,
            ActorUserId = actorUserId,
            Text = text,
            IsInternal = isInternal,
            Outcome = outcome,
            FromCadreId = fromCadreId,
            ToCadreId = toCadreId,
            TicketNumber = ticketNumber,
            Score = score,
        });
}

/// <summary>A deadline the holiday calendar moved: its old and new instants (UTC, passing at 00:00 China time).</summary>
public sealed record MovedDeadline(AppealDeadline Deadline, DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>
    /// One line of the timeline, bilingual like the calendar's occasions, each deadline as the end of its last day in
    /// China time: "首次联系 First contact: 2026-03-06 24:00 → 2026-03-07 24:00".
    /// </summary>
    public override string ToString() => $"{Label(Deadline)}: {EndOfDay(From)} → {EndOfDay(To)}";

    private static string Label(AppealDeadline deadline) => deadline switch
    {
        AppealDeadline.Callback => "回电 Call back",
        AppealDeadline.FirstContact => "首次联系 First contact",
        AppealDeadline.TransferAccept => "签收 Accept transfer",
        _ => "答复 Reply",
    };

    private static string EndOfDay(DateTimeOffset due)
    {
        var china = ChinaTime.ToChina(due);
        return china.TimeOfDay == TimeSpan.Zero
            ? china.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " 24:00"
            : china.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }
}

/// <summary>What the citizen entered, validated, without the personal data (that arrives protected).</summary>
public sealed record NewAppeal(
    int CadreId,
    int TopicId,
    TopicKind TopicKind,
    DateTimeOffset CalledAt,
    CallOutcome Outcome,
    CallerType CallerType,
    string? EnterpriseName,
    string Description,
    bool Confidential,
    bool ConsentToContact,
    EventActor CallerActor,
    AppealPlace? Place = null)
{
    /// <summary>The caller ticked "no SMS, please" on the form.</summary>
    public bool DeclinesSms { get; init; }
}
