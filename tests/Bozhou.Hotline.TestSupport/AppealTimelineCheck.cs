namespace Bozhou.Hotline.TestSupport;

/// <summary>
/// Replays an appeal's timeline in the order it was written and says where the stored appeal disagrees with
/// it: no event without its change, no change without its event. Each event is checked against the rule of
/// the method that writes it (<see cref="Appeal"/>), the state fields are derived from the events alone, and
/// <see cref="Appeal.Version"/> must count the state changes the events stand for. Given the clock, the
/// deadlines are derived too (the working-day ones only until a calendar change recounted them); given the
/// appeal's SMS, the outbox must hold one message per quick SMS (to the caller, with its text) and one per
/// reminder (to the cadre).
/// </summary>
public static class AppealTimelineCheck
{
    /// <summary>What disagrees, one line each; empty when the appeal is its timeline.</summary>
    public static IReadOnlyList<string> Mismatches(Appeal appeal, AppealClock? clock = null, IReadOnlyCollection<SmsMessage>? sms = null)
    {
        ArgumentNullException.ThrowIfNull(appeal);
        var problems = new List<string>();
        var events = appeal.Events.OrderBy(e => e.Id).ToList();
        var attempts = appeal.CallAttempts.OrderBy(a => a.Id).ToList();
        if (events.Count == 0 || events[0].Kind != AppealEventKind.Logged)
        {
            problems.Add("the timeline does not begin with its Logged event");
            return problems;
        }

        var state = new Replayed(appeal, events[0], attempts.FirstOrDefault(), clock, problems);
        for (var i = 1; i < events.Count; i++)
        {
            if (events[i].At < events[i - 1].At)
            {
                problems.Add($"event #{events[i].Id} ({events[i].Kind}) is dated before the event written before it");
            }

            state.Apply(events[i], i + 1 < events.Count ? events[i + 1] : null, events[i - 1], attempts);
        }

        state.Compare(attempts.Count);
        if (sms is not null)
        {
            CompareOutbox(appeal, events, sms, problems);
        }

        return problems;
    }

    private static void CompareOutbox(Appeal appeal, List<AppealEvent> events, IReadOnlyCollection<SmsMessage> sms, List<string> problems)
    {
        // The quick replies are the texts the timeline records; the other texts tell of steps that have events of their own.
        var toCaller = sms.Where(m => m.ToPhoneCipher == appeal.CallerPhoneCipher && m.Purpose == SmsPurpose.QuickReply).Select(m => m.Body).Order(StringComparer.Ordinal).ToList();
        var quick = events.Where(e => e.Kind == AppealEventKind.QuickSms).Select(e => e.Text ?? "").Order(StringComparer.Ordinal).ToList();
        if (!toCaller.SequenceEqual(quick, StringComparer.Ordinal))
        {
            problems.Add($"the outbox holds {toCaller.Count} SMS to the caller for {quick.Count} quick-SMS events, or their texts differ");
        }

        var toCadre = sms.Count(m => m.ToPhoneCipher != appeal.CallerPhoneCipher && m.Purpose == SmsPurpose.CadreReminder);
        var reminders = events.Count(e => e.Kind == AppealEventKind.Reminder);
        if (toCadre != reminders)
        {
            problems.Add($"the outbox holds {toCadre} SMS to cadres for {reminders} reminder events");
        }
    }

    /// <summary>The state the events make, step by step, as the appeal's methods would have made it.</summary>
    private sealed class Replayed
    {
        private readonly Appeal _stored;
        private readonly AppealClock? _clock;
        private readonly List<string> _problems;
        private AppealStatus _status = AppealStatus.Logged;
        private int _handler;
        private int _transfers;
        private DateTimeOffset? _transferAcceptDue;
        private bool _transferPending;
        private DateTimeOffset? _callbackDue;
        private bool _callbackOwed;
        private DateTimeOffset? _firstContact;
        private DateTimeOffset? _replied;
        private ReplyKind? _replyKind;
        private string? _replyText;
        private string? _ticket;
        private DateTimeOffset _replyDue;
        private DateTimeOffset? _ratingDue;
        private bool? _ratedResolved;
        private int? _score;
        private int _reopens;
        private bool _flagged;
        private DateTimeOffset? _closed;
        private int _version;
        private int _callAttemptEvents;
        private bool _recounted;

        public Replayed(Appeal stored, AppealEvent logged, CallAttempt? firstAttempt, AppealClock? clock, List<string> problems)
        {
            (_stored, _clock, _problems) = (stored, clock, problems);
            _handler = stored.CadreId;
            if (logged.ToCadreId != stored.CadreId)
            {
                problems.Add($"the Logged event names cadre {logged.ToCadreId}, the appeal cadre {stored.CadreId}");
            }

            if (logged.At != stored.LoggedAt)
            {
                problems.Add("the Logged event is not dated when the appeal was logged");
            }

            if (firstAttempt is null || firstAttempt.Outcome.ToString() != logged.Outcome)
            {
                problems.Add($"the first call attempt is not the Logged event's call ({logged.Outcome})");
            }
            else
            {
                MissedCall(firstAttempt);
            }

            _replyDue = clock?.ReplyDue(stored.LoggedAt, stored.TopicKind) ?? stored.ReplyDueAt;
        }

        public void Apply(AppealEvent e, AppealEvent? next, AppealEvent previous, List<CallAttempt> attempts)
        {
            var at = $"event #{e.Id} ({e.Kind})";
            switch (e.Kind)
            {
                case AppealEventKind.CallAttempt:
                    RequireOpen(at);
                    _callAttemptEvents++;
                    var attempt = _callAttemptEvents < attempts.Count ? attempts[_callAttemptEvents] : null;
                    if (attempt is null || attempt.Outcome.ToString() != e.Outcome || attempt.LoggedAt != e.At)
                    {
                        _problems.Add($"{at} has no call attempt of its own ({e.Outcome})");
                    }
                    else
                    {
                        MissedCall(attempt);
                    }

                    RequireHandler(at, e.ToCadreId);
                    _version++;
                    break;
                case AppealEventKind.Callback:
                    RequireOpen(at);
                    (_callbackOwed, _callbackDue) = (false, null);
                    if (e.Outcome == "Reached")
                    {
                        Contacted(e.At);
                    }
                    else if (e.Outcome != "NotReached")
                    {
                        _problems.Add($"{at} has the outcome {e.Outcome}");
                    }

                    _version++;
                    break;
                case AppealEventKind.QuickSms:
                    RequireOpen(at);
                    RequireText(at, e.Text);
                    _version++;
                    break;
                case AppealEventKind.Transfer:
                    RequireOpen(at);
                    RequireText(at, e.Text);
                    if (_transferPending)
                    {
                        _problems.Add($"{at} passes on an appeal whose last transfer was not yet accepted");
                    }

                    if (e.FromCadreId != _handler || e.ToCadreId is null || e.ToCadreId == _handler)
                    {
                        _problems.Add($"{at} goes from {e.FromCadreId} to {e.ToCadreId} while cadre {_handler} handles the appeal");
                    }

                    _handler = e.ToCadreId ?? _handler;
                    _transfers++;
                    if (_clock is not null && _transfers > _clock.Settings.MaxTransfers)
                    {
                        _problems.Add($"{at} is transfer number {_transfers}; at most {_clock.Settings.MaxTransfers} are allowed");
                    }

                    _transferPending = true;
                    _transferAcceptDue = _clock?.TransferAcceptDue(e.At);
                    _status = AppealStatus.Transferred;
                    _ratingDue = null;
                    _version++;
                    break;
                case AppealEventKind.TransferAccepted:
                    RequireOpen(at);
                    if (!_transferPending)
                    {
                        _problems.Add($"{at} accepts a transfer that was not pending");
                    }

                    RequireHandler(at, e.ToCadreId);
                    (_transferPending, _transferAcceptDue) = (false, null);
                    _status = _reopens > 0 ? AppealStatus.Reopened : _firstContact is null ? AppealStatus.Logged : AppealStatus.Contacted;
                    _version++;
                    break;
                case AppealEventKind.Reply:
                    RequireOpen(at);
                    RequireText(at, e.Text);
                    if (_transferPending)
                    {
                        _problems.Add($"{at} answers a pending transfer without its acceptance before it");
                    }

                    if (!Enum.TryParse<ReplyKind>(e.Outcome, out var kind))
                    {
                        _problems.Add($"{at} has the reply kind {e.Outcome}");
                    }

                    Contacted(e.At);
                    (_callbackOwed, _callbackDue) = (false, null);
                    (_replied, _replyKind, _replyText, _ticket) = (e.At, kind, e.Text, e.TicketNumber);
                    if (kind == ReplyKind.ReferredTo12345 && string.IsNullOrWhiteSpace(e.TicketNumber))
                    {
                        _problems.Add($"{at} refers to 12345 without a ticket number");
                    }

                    _ratingDue = _clock?.RatingDue(e.At);
                    _status = AppealStatus.Replied;
                    _version++;
                    break;
                case AppealEventKind.Rating:
                    if (_status != AppealStatus.Replied)
                    {
                        _problems.Add($"{at} rates an appeal that is {_status}, not replied");
                    }

                    if (e.Score is not (>= 1 and <= 5) || e.Outcome is not ("Resolved" or "NotResolved"))
                    {
                        _problems.Add($"{at} has the score {e.Score} and outcome {e.Outcome}");
                    }

                    (_ratedResolved, _score, _ratingDue) = (e.Outcome == "Resolved", e.Score, null);
                    var unsatisfied = e.Score <= 2;
                    _flagged |= unsatisfied;
                    var expected = unsatisfied && _reopens == 0 ? AppealEventKind.Reopened : AppealEventKind.Closed;
                    if (next?.Kind != expected)
                    {
                        _problems.Add($"{at} is followed by {next?.Kind.ToString() ?? "nothing"}, not by {expected}");
                    }

                    _version++;
                    break;
                case AppealEventKind.Reopened:
                    if (previous.Kind != AppealEventKind.Rating || _reopens > 0)
                    {
                        _problems.Add($"{at} does not follow the first unsatisfied rating");
                    }

                    _reopens++;
                    _status = AppealStatus.Reopened;
                    _replyDue = _clock?.ReplyDue(e.At, _stored.TopicKind) ?? _replyDue;
                    break;
                case AppealEventKind.Closed:
                    RequireOpen(at);
                    if (previous.Kind == AppealEventKind.Rating)
                    {
                        RequireOutcome(at, e.Outcome, "Rated");
                    }
                    else
                    {
                        // Closed unrated when the rating window passed: a change of its own.
                        RequireOutcome(at, e.Outcome, "Unrated");
                        if (_status != AppealStatus.Replied)
                        {
                            _problems.Add($"{at} closes unrated an appeal that is {_status}");
                        }

                        _ratingDue = null;
                        _version++;
                    }

                    (_status, _closed) = (AppealStatus.Closed, e.At);
                    break;
                case AppealEventKind.Reminder:
                    RequireHandler(at, e.ToCadreId);
                    _version++;
                    break;
                case AppealEventKind.Note:
                    RequireText(at, e.Text);
                    if (!e.IsInternal)
                    {
                        _problems.Add($"{at} is not marked internal");
                    }

                    _version++;
                    break;
                case AppealEventKind.Interview or AppealEventKind.Referral:
                    RequireText(at, e.Text);
                    _version++;
                    break;
                case AppealEventKind.DeadlinesRecounted:
                    // A holiday calendar change moved running deadlines: they follow a calendar this replay does not have.
                    RequireOpen(at);
                    RequireText(at, e.Text);
                    _recounted = true;
                    _version++;
                    break;
                default:
                    _problems.Add($"{at} is a second Logged event or of an unknown kind");
                    break;
            }
        }

        public void Compare(int attemptRows)
        {
            Same("Status", _status, _stored.Status);
            Same("HandlerCadreId", _handler, _stored.HandlerCadreId);
            Same("TransferCount", _transfers, _stored.TransferCount);
            Same("awaits transfer acceptance", _transferPending, _stored.AwaitsTransferAcceptance);
            Same("has a callback owed", _callbackOwed, _stored.CallbackDueAt is not null);
            Same("FirstContactAt", _firstContact, _stored.FirstContactAt);
            Same("RepliedAt", _replied, _stored.RepliedAt);
            Same("ReplyKind", _replyKind, _stored.ReplyKind);
            Same("ReplyText", _replyText, _stored.ReplyText);
            Same("TicketNumber12345", _ticket, _stored.TicketNumber12345);
            Same("awaits a rating", _status == AppealStatus.Replied, _stored.RatingDueAt is not null);
            Same("RatedResolved", _ratedResolved, _stored.RatedResolved);
            Same("RatingScore", _score, _stored.RatingScore);
            Same("ReopenCount", _reopens, _stored.ReopenCount);
            Same("FlaggedForSupervision", _flagged, _stored.FlaggedForSupervision);
            Same("ClosedAt", _closed, _stored.ClosedAt);
            Same("call attempts", 1 + _callAttemptEvents, attemptRows);
            // A purge of the caller's data is the one change that writes no event.
            Same("Version (state changes the events stand for)", _version + (_stored.PersonalDataPurgedAt is null ? 0 : 1), _stored.Version);
            if (_clock is not null && !_recounted)
            {
                Same("FirstContactDueAt", _clock.FirstContactDue(_stored.LoggedAt), _stored.FirstContactDueAt);
                Same("CallbackDueAt", _callbackDue, _stored.CallbackDueAt);
                Same("TransferAcceptDueAt", _transferAcceptDue, _stored.TransferAcceptDueAt);
                Same("ReplyDueAt", _replyDue, _stored.ReplyDueAt);
            }

            if (_clock is not null)
            {
                Same("RatingDueAt", _ratingDue, _stored.RatingDueAt);
            }
        }

        private void MissedCall(CallAttempt attempt)
        {
            if (attempt.Outcome.AwaitsCallback())
            {
                // A repeat missed call while a callback is still owed keeps the earlier deadline (PRODUCT §5: the first
                // missed call starts the clock); once called back, the next missed call starts a new one.
                var due = _clock?.CallbackDue(attempt.At);
                (_callbackOwed, _callbackDue) = (true, _callbackOwed && _callbackDue is { } owed && (due is null || owed <= due) ? owed : due);
            }
        }

        private void Contacted(DateTimeOffset at)
        {
            _firstContact ??= at;
            if (_status == AppealStatus.Logged)
            {
                _status = AppealStatus.Contacted;
            }
        }

        private void RequireOpen(string at)
        {
            if (_status == AppealStatus.Closed)
            {
                _problems.Add($"{at} comes after the appeal was closed");
            }
        }

        private void RequireHandler(string at, int? cadreId)
        {
            if (cadreId != _handler)
            {
                _problems.Add($"{at} names cadre {cadreId?.ToString(CultureInfo.InvariantCulture) ?? "none"} while cadre {_handler} handles the appeal");
            }
        }

        private void RequireText(string at, string? text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                _problems.Add($"{at} has no text");
            }
        }

        private void RequireOutcome(string at, string? outcome, string expected)
        {
            if (outcome != expected)
            {
                _problems.Add($"{at} has the outcome {outcome}, not {expected}");
            }
        }

        private void Same<T>(string what, T fromEvents, T stored)
        {
            if (!EqualityComparer<T>.Default.Equals(fromEvents, stored))
            {
                _problems.Add($"{what}: the events make it {Show(fromEvents)}, the appeal has {Show(stored)}");
            }
        }

        private static string Show<T>(T value) => value switch
        {
            null => "null",
            DateTimeOffset d => d.ToString("u", CultureInfo.InvariantCulture),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
        };
    }
}
