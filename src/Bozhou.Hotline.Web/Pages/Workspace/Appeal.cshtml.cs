using Bozhou.Hotline.Core.Settings;
using Bozhou.Hotline.Core.Sms;
using FluentValidation.Results;

namespace Bozhou.Hotline.Web.Pages.Workspace;

/// <summary>
/// One appeal with its full timeline and a form per action. Each action goes through
/// <see cref="CadreActions"/> (and so <see cref="AppealActionRunner"/>): access, the version the form showed, the appeal's rule, one save.
/// </summary>
public class AppealModel(
    WorkspaceActors actors,
    AppealViewQuery views,
    CadreActions cadres,
    SettingsStore settings,
    AppealClockSource clocks,
    IValidator<CallbackInput> callbackValidator,
    IValidator<QuickSmsInput> smsValidator,
    IValidator<TransferInput> transferValidator,
    IValidator<ReplyInput> replyValidator,
    IValidator<NoteInput> noteValidator,
    IValidator<ExtensionInput> extensionValidator,
    Duplicates duplicates,
    TimeProvider time,
    IStringLocalizer<WorkspaceResource> w) : PageModel
{
    [BindProperty]
    public CallbackInput Callback { get; set; } = new();

    [BindProperty]
    public QuickSmsInput Sms { get; set; } = new();

    [BindProperty]
    public TransferInput Transfer { get; set; } = new();

    [BindProperty]
    public ReplyInput Reply { get; set; } = new();

    [BindProperty]
    public NoteInput Note { get; set; } = new();

    [BindProperty]
    public ExtensionInput Extension { get; set; } = new();

    /// <summary>Possible originals of this appeal, the original it was closed into, and its duplicates.</summary>
    public DuplicateLinks Links { get; private set; } = new([], null, []);

    /// <summary>The latest reply deadline an extension may ask for now (UTC: the end of its China date).</summary>
    public DateTimeOffset LatestExtensionDue { get; private set; }

    /// <summary>When the page was built (UTC): what the extension's state is read against.</summary>
    public DateTimeOffset Now { get; private set; }

    /// <summary>The longest reason for revealing a confidential caller's phone.</summary>
    public const int RevealReasonMaxLength = 200;

    public AppealView View { get; private set; } = null!;

    /// <summary>The SMS texts in force, to show a quick reply as the caller will receive it (<see cref="QuickText"/>).</summary>
    public SmsTemplates SmsTexts { get; private set; } = new();

    /// <summary>A quick reply as this appeal's caller receives it: signed, with the code, naming the handler (no one when confidential).</summary>
    public string QuickText(QuickSmsTemplate template)
    {
        var handler = View.Handler;
        return SmsTexts.Render(template.Text(), new SmsValues(
            View.Appeal.TrackingCode,
            View.Appeal.Confidential ? Core.Sms.SmsTexts.ConfidentialName : handler?.ForCaller ?? w["Sms.Receiver"].Value,
            Core.Sms.SmsTexts.PhoneText(handler?.OfficePhone)));
    }

    /// <summary>The form whose action was refused, and why, shown above that form.</summary>
    public string? FailedForm { get; private set; }

    public string? FormError { get; private set; }

    public Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) => ShowAsync(id, cancellationToken);

    /// <summary>
    /// "Reveal to call back" (为回电查看号码): staff acting for the cadre see a confidential caller's phone on this
    /// answer only, with the reason they give written to the audit trail.
    /// </summary>
    public async Task<IActionResult> OnPostRevealAsync(long id, string? reason, CancellationToken cancellationToken)
    {
        var text = reason?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > RevealReasonMaxLength)
        {
            FailedForm = "Reveal";
            FormError = w[string.IsNullOrEmpty(text) ? "Appeal.RevealReasonRequired" : "Appeal.RevealReasonTooLong", RevealReasonMaxLength];
            return await ShowAsync(id, cancellationToken);
        }

        Response.Headers.CacheControl = "no-store";
        return await ShowAsync(id, cancellationToken, text);
    }

    public Task<IActionResult> OnPostAcceptAsync(long id, int version, CancellationToken cancellationToken) =>
        ActAsync(id, "Accept", null, "Flash.Accepted", actor => cadres.AcceptAsync(actor, id, version, cancellationToken), cancellationToken);

    /// <summary>
    /// The callback form was sent from the call page (回电): once recorded, back to the inbox for the next call. Kept in the
    /// form when the page is shown again with its errors, so that the corrected outcome still leads back to the inbox.
    /// </summary>
    public bool ReturnToInbox { get; private set; }

    /// <summary>Records a call back; <paramref name="inbox"/>: made from the call page (回电), so back to the inbox for the next one.</summary>
    public Task<IActionResult> OnPostCallbackAsync(long id, int version, bool inbox, CancellationToken cancellationToken)
    {
        ReturnToInbox = inbox;
        return ActAsync(id, nameof(Callback), callbackValidator.Validate(Callback), "Flash.Callback",
            actor => cadres.CallbackAsync(actor, id, version, Callback.Reached!.Value, Callback.Note, cancellationToken), cancellationToken, returnToInbox: inbox);
    }

    public Task<IActionResult> OnPostSmsAsync(long id, int version, CancellationToken cancellationToken) =>
        ActAsync(id, nameof(Sms), smsValidator.Validate(Sms), "Flash.Sms",
            actor => cadres.SendSmsAsync(actor, id, version, Sms.Template!.Value, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostTransferAsync(long id, int version, CancellationToken cancellationToken) =>
        ActAsync(id, nameof(Transfer), transferValidator.Validate(Transfer), "Flash.Transferred",
            actor => cadres.TransferAsync(actor, id, version, new TransferRequest(Transfer.ToCadreId!.Value, Transfer.Reason!), cancellationToken),
            cancellationToken, returnToInbox: true);

    public Task<IActionResult> OnPostReplyAsync(long id, int version, CancellationToken cancellationToken) =>
        ActAsync(id, nameof(Reply), replyValidator.Validate(Reply), "Flash.Replied",
            actor => cadres.ReplyAsync(actor, id, version, new ReplyRequest(Reply.Kind!.Value, Reply.Text!, Reply.TicketNumber), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostNoteAsync(long id, int version, CancellationToken cancellationToken) =>
        ActAsync(id, nameof(Note), noteValidator.Validate(Note), "Flash.Note",
            actor => cadres.AddNoteAsync(actor, id, version, Note.Text!, cancellationToken), cancellationToken);

    /// <summary>延期申请: once per appeal, a later reply deadline with a reason, for the supervision office to decide.</summary>
    public Task<IActionResult> OnPostExtensionAsync(long id, int version, CancellationToken cancellationToken) =>
        ActAsync(id, nameof(Extension), extensionValidator.Validate(Extension), "Flash.ExtensionRequested",
            actor => cadres.RequestExtensionAsync(actor, id, version, Extension.Until!.Value, Extension.Reason!, cancellationToken), cancellationToken);

    /// <summary>Marks this appeal a duplicate of an earlier open one the page offered: it closes pointing to it.</summary>
    public Task<IActionResult> OnPostDuplicateAsync(long id, int version, long originalId, CancellationToken cancellationToken) =>
        ActAsync(id, "Duplicate", null, "Flash.MarkedDuplicate", actor => cadres.MarkDuplicateAsync(actor, id, version, originalId, cancellationToken), cancellationToken);

    /// <summary>
    /// Validates the form, runs the action as the signed-in user and answers: a redirect with its flash when done, the
    /// page with the form's error when refused (409 for a concurrent change), 404 or 403 as the access rule says.
    /// </summary>
    private async Task<IActionResult> ActAsync(
        long id, string form, ValidationResult? validation, string flash, Func<Actor, Task<AppealActionOutcome>> act,
        CancellationToken cancellationToken, bool returnToInbox = false)
    {
        if (validation is not null && !ModelState.AddErrors(validation, form) || !ModelState.IsValid)
        {
            FailedForm = form;
            return await ShowAsync(id, cancellationToken);
        }

        if (await actors.ActorAsync(User, cancellationToken) is not { } actor)
        {
            return NotFound();
        }

        var outcome = await act(actor);
        switch (outcome.Status)
        {
            case AppealActionStatus.Done:
                this.Flash(w[flash]);
                return returnToInbox ? RedirectToPage("/Workspace/Index") : RedirectToPage("/Workspace/Appeal", new { id });
            case AppealActionStatus.NotFound:
                return NotFound();
            case AppealActionStatus.Forbidden:
                return StatusCode(StatusCodes.Status403Forbidden);
            default:
                if (outcome.Status == AppealActionStatus.Conflict)
                {
                    Response.StatusCode = StatusCodes.Status409Conflict;
                }

                (FailedForm, FormError) = (form, outcome.Refusal(w, "Workspace.Conflict"));
                return await ShowAsync(id, cancellationToken);
        }
    }

    private async Task<IActionResult> ShowAsync(long id, CancellationToken cancellationToken, string? revealReason = null)
    {
        var actor = await actors.CurrentAsync(User, cancellationToken);
        var view = actor is null ? null : await views.LoadAsync(actor, id, cancellationToken, revealReason);
        if (view is null)
        {
            return NotFound();
        }

        View = view;
        Now = time.GetUtcNow();
        Links = await duplicates.ForAsync(view.Appeal, cancellationToken);
        LatestExtensionDue = view.Appeal.LatestExtensionDue(await clocks.GetAsync(cancellationToken));
        SmsTexts = (await settings.GetAsync(cancellationToken)).Sms;
        return Page();
    }
}
