using Bozhou.Hotline.Core.Sms;

namespace Bozhou.Hotline.Core.Workspace;

/// <summary>A transfer (转办) as the workspace form asks for it: to whom and why.</summary>
public sealed record TransferRequest(int ToCadreId, string Reason);

/// <summary>A reply as the workspace form gives it; <paramref name="TicketNumber"/> only for a referral to 12345.</summary>
public sealed record ReplyRequest(ReplyKind Kind, string Text, string? TicketNumber);

/// <summary>
/// The actions of the workspace's appeal page, each one run through <see cref="AppealActionRunner"/> with the version
/// the form was shown with, each ending in the appeal's own method and its timeline event.
/// </summary>
/// <remarks>
/// The texts of PRODUCT §4 go in the same save as the step: the caller is told of a transfer (to whom, with that person's
/// office phone), of the first contact (the handler and the office phone) and of a reply (its kind, where to read it and
/// until when to rate it); the receiver of a transfer is told to accept it by its deadline.
/// </remarks>
public sealed class CadreActions(AppealActionRunner runner)
{
    /// <summary>Refused: the receiver of a transfer holds no post today.</summary>
    public const string UnknownCadre = "Workspace.Rule.UnknownCadre";

    /// <summary>Refused: the "passed on" text for an appeal that was never passed on.</summary>
    public const string NotPassedOn = "Workspace.Rule.NotPassedOn";

    /// <summary>Refused: the appeal to mark as the original is not an open earlier appeal of the same caller about the same cadre or topic.</summary>
    public const string NotADuplicate = "Workspace.Rule.NotADuplicate";

    /// <summary>延期申请: asks, once, for the reply deadline to move to the end of <paramref name="until"/> (China date).</summary>
    public Task<AppealActionOutcome> RequestExtensionAsync(
        Actor actor, long appealId, int version, DateOnly until, string reason, CancellationToken cancellationToken) =>
        runner.RunAsync(actor, appealId, version, c =>
        {
            c.Appeal.RequestExtension(until, reason, c.TimelineActor, c.UserId, c.Clock, c.Now);
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>
    /// Marks the appeal a duplicate of <paramref name="originalId"/>, which must be one <see cref="Duplicates.Matches"/>
    /// offers: it closes pointing to the original, and the original's timeline names it, in one save. The appeal's own
    /// duplicates, if any, are handed on to the original with it (no duplicate points to a closed appeal).
    /// </summary>
    public Task<AppealActionOutcome> MarkDuplicateAsync(Actor actor, long appealId, int version, long originalId, CancellationToken cancellationToken) =>
        runner.RunAsync(actor, appealId, version, async c =>
        {
            var original = await c.Db.Appeals.FirstOrDefaultAsync(a => a.Id == originalId, cancellationToken);
            if (original is null || !Duplicates.Matches(c.Appeal, original))
            {
                throw new AppealRuleException(NotADuplicate);
            }

            c.Appeal.MarkDuplicateOf(original, c.TimelineActor, c.UserId, c.Now);
            foreach (var earlier in await c.Db.Appeals.Where(a => a.DuplicateOfAppealId == c.Appeal.Id).ToListAsync(cancellationToken))
            {
                earlier.FollowOriginal(original, c.TimelineActor, c.UserId, c.Now);
            }
        }, cancellationToken);

    /// <summary>签收: the receiver signs for a transferred appeal.</summary>
    public Task<AppealActionOutcome> AcceptAsync(Actor actor, long appealId, int version, CancellationToken cancellationToken) =>
        runner.RunAsync(actor, appealId, version, c =>
        {
            c.Appeal.AcceptTransfer(c.TimelineActor, c.UserId, c.Now);
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>A call back to the caller, reached or not, with an optional note.</summary>
    public Task<AppealActionOutcome> CallbackAsync(Actor actor, long appealId, int version, bool reached, string? note, CancellationToken cancellationToken) =>
        runner.RunAsync(actor, appealId, version, async c =>
        {
            var firstContact = c.Appeal.FirstContactAt is null;
            c.Appeal.RecordCallback(reached, Trimmed(note), c.TimelineActor, c.UserId, c.Now);
            if (firstContact && c.Appeal.FirstContactAt is not null)
            {
                await TellCallerOfHandlerAsync(c, SmsText.CallerFirstContact, c.Appeal.HandlerCadreId, cancellationToken);
            }
        }, cancellationToken);

    /// <summary>
    /// A one-key SMS to the caller from a template, recorded on the timeline and queued in the outbox in one save. The
    /// "passed on" text names the cadre who has the matter now, so it is refused (<see cref="NotPassedOn"/>) for an
    /// appeal never transferred or whose handler holds no post today.
    /// </summary>
    public Task<AppealActionOutcome> SendSmsAsync(Actor actor, long appealId, int version, QuickSmsTemplate template, CancellationToken cancellationToken) =>
        runner.RunAsync(actor, appealId, version, async c =>
        {
            var handler = await c.CurrentCadreForCallerAsync(c.Appeal.HandlerCadreId, cancellationToken);
            if (template == QuickSmsTemplate.PassedOn && (c.Appeal.TransferCount == 0 || handler is null))
            {
                throw new AppealRuleException(NotPassedOn);
            }

            var body = await c.RenderForCallerAsync(template.Text(), Values(handler), cancellationToken);
            c.Appeal.RecordQuickSms(body, c.TimelineActor, c.UserId, c.Now);
            c.QueueSmsToCaller(body);
        }, cancellationToken);

    /// <summary>
    /// 转办: passes the matter to a cadre who holds a post today (else <see cref="UnknownCadre"/>), under the appeal's own
    /// limits (not to itself, not while a transfer waits, at most the configured number of levels); the caller is texted
    /// whom it went to and that person's office phone, and the receiver's side to accept it by its deadline.
    /// </summary>
    public Task<AppealActionOutcome> TransferAsync(Actor actor, long appealId, int version, TransferRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return runner.RunAsync(actor, appealId, version, async c =>
        {
            var receiver = await c.CurrentCadreForCallerAsync(request.ToCadreId, cancellationToken) ?? throw new AppealRuleException(UnknownCadre);
            var from = await SmsNotifier.HandlerAsync(c.Db, c.Appeal.HandlerCadreId, cancellationToken);
            c.Appeal.Transfer(request.ToCadreId, request.Reason.Trim(), c.TimelineActor, c.UserId, c.Clock, c.Now);
            await c.TellCallerAsync(SmsText.CallerTransferred, Values(receiver), cancellationToken);
            await c.TellHandlingSideAsync(request.ToCadreId, SmsText.CadreTransferReceived, new SmsValues(Name: from?.Name, Due: c.Appeal.TransferAcceptDueAt), cancellationToken);
        }, cancellationToken);
    }

    /// <summary>The answer the citizen sees (resolved, explained, or referred to 12345 with its ticket).</summary>
    public Task<AppealActionOutcome> ReplyAsync(Actor actor, long appealId, int version, ReplyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return runner.RunAsync(actor, appealId, version, async c =>
        {
            c.Appeal.Reply(request.Kind, request.Text.Trim(), Trimmed(request.TicketNumber), c.TimelineActor, c.UserId, c.Clock, c.Now);
            var handler = await SmsNotifier.HandlerAsync(c.Db, c.Appeal.HandlerCadreId, cancellationToken);
            await c.TellCallerAsync(SmsTexts.Replied(request.Kind), Values(handler) with { Due = c.Appeal.RatingDueAt }, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>A staff-internal note, never shown to the citizen.</summary>
    public Task<AppealActionOutcome> AddNoteAsync(Actor actor, long appealId, int version, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        return runner.RunAsync(actor, appealId, version, c =>
        {
            c.Appeal.AddNote(text.Trim(), c.TimelineActor, c.UserId, c.Now);
            return Task.CompletedTask;
        }, cancellationToken);
    }

    private static async Task TellCallerOfHandlerAsync(AppealActionContext c, SmsText text, int cadreId, CancellationToken cancellationToken) =>
        await c.TellCallerAsync(text, Values(await SmsNotifier.HandlerAsync(c.Db, cadreId, cancellationToken)), cancellationToken);

    /// <summary>A person as the caller's text gives them: the name (unit once) and the office phone, or 12345 without one.</summary>
    private static SmsValues Values(HandlerForCaller? person) =>
        new(Name: person?.Name, Phone: SmsTexts.PhoneText(person?.OfficePhone));

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
