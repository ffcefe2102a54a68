using System.Linq.Expressions;
using Bozhou.Hotline.Core.Phones;
using Bozhou.Hotline.Core.Sms;

namespace Bozhou.Hotline.Core.Appeals;

/// <summary>
/// The one way to change an appeal from a page: load it, ask the access rule for the <see cref="Actor"/>, compare the
/// version the form showed, run the action (the appeal's own method, which appends its timeline event), and save it
/// all in one <c>SaveChanges</c> (one transaction, behind the SQLite write gate). Every refusal comes back as an
/// <see cref="AppealActionOutcome"/>, with nothing saved.
/// </summary>
/// <remarks>
/// Who reaches what: a <see cref="ActorKind.Workspace"/> actor sees what <see cref="AppealAccess.MayView(WorkspaceActor, Appeal)"/>
/// allows and acts where <see cref="AppealAccess.MayAct(WorkspaceActor, Appeal)"/> does (a version check comes first, so a
/// form from before a transfer is told to refresh); a <see cref="ActorKind.Caller"/> reaches the appeal of the tracking code
/// it proved; the office and the system reach every appeal (the page's authorization policy decides who is the office).
/// A concurrent change makes a versioned action a <see cref="AppealActionStatus.Conflict"/>; an action that concerns the
/// appeal as it is (<see cref="Actor.ActsOnAppealAsItIs"/>) is read and tried again, up to <see cref="ConflictRetry.MaxAttempts"/> times.
/// </remarks>
public sealed class AppealActionRunner(HotlineDbContext db, AppealClockSource clocks, CallerDataProtector callerData, SmsNotifier sms, TimeProvider time)
{
    /// <summary>Runs <paramref name="act"/> on appeal <paramref name="appealId"/> as <paramref name="actor"/>.</summary>
    /// <param name="version">The appeal's version the form was shown with; null for a step that carries none.</param>
    /// <exception cref="WriteGateTimeoutException">The SQLite write gate stayed shut; nothing was saved.</exception>
    public Task<AppealActionOutcome> RunAsync(
        Actor actor, long appealId, int? version, Func<AppealActionContext, Task> act, CancellationToken cancellationToken = default) =>
        RunAsync(actor, a => a.Id == appealId, version, act, cancellationToken);

    /// <summary>Runs the synchronous <paramref name="act"/> on the appeal whose tracking code the caller <paramref name="caller"/> proved.</summary>
    /// <exception cref="ArgumentException"><paramref name="caller"/> is not a <see cref="ActorKind.Caller"/>.</exception>
    public Task<AppealActionOutcome> RunForCallerAsync(Actor caller, Action<AppealActionContext> act, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(act);
        return RunForCallerAsync(caller, c =>
        {
            act(c);
            return Task.CompletedTask;
        }, cancellationToken);
    }

    /// <summary>Runs <paramref name="act"/> on the appeal whose tracking code the caller <paramref name="caller"/> proved.</summary>
    /// <exception cref="ArgumentException"><paramref name="caller"/> is not a <see cref="ActorKind.Caller"/>.</exception>
    public Task<AppealActionOutcome> RunForCallerAsync(Actor caller, Func<AppealActionContext, Task> act, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(act);
        if (caller.Kind != ActorKind.Caller)
        {
            throw new ArgumentException("Only a caller acts through its tracking code.", nameof(caller));
        }

        var code = caller.TrackingCode;
        return RunAsync(caller, a => a.TrackingCode == code, null, act, cancellationToken);
    }

    private async Task<AppealActionOutcome> RunAsync(
        Actor actor, Expression<Func<Appeal, bool>> which, int? version, Func<AppealActionContext, Task> act, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(act);
        var before = ConflictRetry.TrackedNow(db);
        for (var attempt = 1; ; attempt++)
        {
            Appeal? appeal = null;
            try
            {
                appeal = await db.Appeals.FirstOrDefaultAsync(which, cancellationToken);
                if (Refusal(actor, appeal, version) is { } refused)
                {
                    return refused;
                }

                var context = new AppealActionContext(
                    appeal!, actor.OnTimelineOf(appeal!), actor.UserId, await clocks.GetAsync(cancellationToken), time.GetUtcNow(), db, callerData, sms);
                await act(context);
                await db.SaveChangesAsync(cancellationToken);
                return new AppealActionOutcome(AppealActionStatus.Done, Appeal: appeal);
            }
            catch (AppealRuleException e)
            {
                ConflictRetry.ForgetSince(db, before);
                return new AppealActionOutcome(AppealActionStatus.Rule, e.Code, appeal);
            }
            catch (DbUpdateConcurrencyException)
            {
                ConflictRetry.ForgetSince(db, before);
                // A cadre's or caller's form is told to refresh at once; an office or system step reads the appeal again
                // and tries once more, and after the last try reports the conflict (nothing stored) rather than an error.
                if (!actor.ActsOnAppealAsItIs || attempt >= ConflictRetry.MaxAttempts)
                {
                    return new AppealActionOutcome(AppealActionStatus.Conflict, Appeal: appeal);
                }
            }
        }
    }

    /// <summary>The access rule and the version check; null when the actor may go ahead.</summary>
    private static AppealActionOutcome? Refusal(Actor actor, Appeal? appeal, int? version)
    {
        var visible = appeal is not null && actor.Kind switch
        {
            ActorKind.Workspace => AppealAccess.MayView(actor.Workspace!, appeal),
            ActorKind.Caller => appeal.TrackingCode == actor.TrackingCode,
            _ => true,
        };
        if (!visible)
        {
            return new AppealActionOutcome(AppealActionStatus.NotFound);
        }

        // A form from before the appeal changed (passed on, say) is told to refresh, not refused outright.
        if (version is { } shown && appeal!.Version != shown)
        {
            return new AppealActionOutcome(AppealActionStatus.Conflict, Appeal: appeal);
        }

        if (actor.Kind == ActorKind.Workspace && !AppealAccess.MayAct(actor.Workspace!, appeal!))
        {
            return new AppealActionOutcome(AppealActionStatus.Forbidden, Appeal: appeal);
        }

        return null;
    }
}

/// <summary>
/// What an action works with: the appeal, who acts (the name its timeline entry records and the user id), the clock
/// in force and the moment (UTC), and the request's database context for what the action adds in the same save.
/// </summary>
public sealed class AppealActionContext(
    Appeal appeal, EventActor timelineActor, string? userId, AppealClock clock, DateTimeOffset now, HotlineDbContext db, CallerDataProtector callerData,
    SmsNotifier sms)
{
    /// <summary>Refused: the callback number is not a mobile, or the caller's data was purged.</summary>
    public const string NoMobile = "Workspace.Rule.NoMobile";

    /// <summary>Refused: the caller asked for no SMS.</summary>
    public const string SmsDeclined = "Workspace.Rule.SmsDeclined";

    public Appeal Appeal { get; } = appeal;

    /// <summary>Who the timeline records as acting (for staff, with the handling cadre they act for).</summary>
    public EventActor TimelineActor { get; } = timelineActor;

    /// <summary>The signed-in user's id; null for the caller and the system.</summary>
    public string? UserId { get; } = userId;

    public AppealClock Clock { get; } = clock;

    /// <summary>The moment of the action (UTC).</summary>
    public DateTimeOffset Now { get; } = now;

    public HotlineDbContext Db { get; } = db;

    /// <summary>
    /// Puts an SMS to the caller in the outbox, in the same transaction as the action.
    /// </summary>
    /// <exception cref="AppealRuleException"><see cref="NoMobile"/>: the callback number is not a mobile or was purged.</exception>
    /// <exception cref="AppealRuleException"><see cref="SmsDeclined"/>: the caller asked for no SMS.</exception>
    public void QueueSmsToCaller(string body, SmsPurpose purpose = SmsPurpose.QuickReply)
    {
        if (Appeal.DeclinesSms)
        {
            throw new AppealRuleException(SmsDeclined);
        }

        var phone = callerData.Reveal(Appeal.CallerPhoneCipher);
        if (phone is null || !ChinesePhone.IsMobile(phone))
        {
            throw new AppealRuleException(NoMobile);
        }

        var message = SmsDelivery.Queue(Appeal.Id, Appeal.CallerPhoneCipher!, Appeal.CallerPhoneMasked ?? ChinesePhone.Mask(phone), body, Now);
        message.Purpose = purpose;
        message.ToPhoneHash = Appeal.CallerPhoneHash ?? callerData.HashPhone(phone);
        Db.SmsMessages.Add(message);
    }

    /// <summary>
    /// Tells the caller of a step by SMS, in the same save, unless the caller declined SMS or has no mobile (then nothing
    /// is queued and the step stands); <c>{code}</c> is the appeal's, and a confidential appeal's text names no one.
    /// </summary>
    public Task TellCallerAsync(SmsText text, SmsValues values, CancellationToken cancellationToken) =>
        sms.ToCallerAsync(Db, Appeal, text, values, Now, cancellationToken);

    /// <summary>Tells the handling side of cadre <paramref name="cadreId"/> (its account and its staff) of a step on this appeal, in the same save.</summary>
    public Task TellHandlingSideAsync(int cadreId, SmsText text, SmsValues values, CancellationToken cancellationToken) =>
        sms.ToCadreAsync(Db, cadreId, Appeal.Id, text, values with { Code = values.Code ?? Appeal.TrackingCode }, Now, cancellationToken);

    /// <summary>The quick reply <paramref name="text"/> as this appeal's caller receives it.</summary>
    public Task<string> RenderForCallerAsync(SmsText text, SmsValues values, CancellationToken cancellationToken) =>
        sms.RenderForCallerAsync(Appeal, text, values, cancellationToken);

    /// <summary>
    /// How the caller's SMS names a cadre who holds a post today, China date ("市交通运输局局长张伟", the unit once), with
    /// the office phone; null for anyone else, who cannot receive a transfer.
    /// </summary>
    public async Task<HandlerForCaller?> CurrentCadreForCallerAsync(int cadreId, CancellationToken cancellationToken)
    {
        var today = ChinaTime.DateOf(Now);
        var holds = await Db.Cadres.AnyAsync(c => c.Id == cadreId && c.PostStart <= today && (c.PostEnd == null || c.PostEnd >= today), cancellationToken);
        return holds ? await SmsNotifier.HandlerAsync(Db, cadreId, cancellationToken) : null;
    }
}
