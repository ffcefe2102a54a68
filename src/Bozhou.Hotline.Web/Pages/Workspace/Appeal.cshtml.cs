using Bozhou.Hotline.Core.Appeals;
using Bozhou.Hotline.Core.Settings;
using Bozhou.Hotline.Core.Workspace;
using Bozhou.Hotline.Web.Http;
using Bozhou.Hotline.Web.Workspace;
using FluentValidation.Results;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Bozhou.Hotline.Web.Pages.Workspace;

/// <summary>
/// One appeal with its full timeline and a form per action. Each action goes through
/// <see cref="AppealActions"/>: access, the version the form showed, the appeal's rule, one transaction.
/// </summary>
public class AppealModel(
    WorkspaceActors actors, AppealViewQuery views, AppealActions actions, SettingsStore settings, IStringLocalizer<WorkspaceResource> w) : PageModel
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

    /// <summary>The longest reason for revealing a confidential caller's phone.</summary>
    public const int RevealReasonMaxLength = 200;

    public AppealView View { get; private set; } = null!;

    /// <summary>The SMS texts in force, shown as the caller will receive them.</summary>
    public SmsTemplates SmsTexts { get; private set; } = new();

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
        RunAsync(id, version, "Accept", null, c =>
        {
            c.Appeal.AcceptTransfer(c.ActorName, c.UserId, c.Now);
            return Task.CompletedTask;
        }, "Flash.Accepted", cancellationToken);

    public Task<IActionResult> OnPostCallbackAsync(long id, int version, CancellationToken cancellationToken) =>
        RunAsync(id, version, nameof(Callback), new CallbackInputValidator(w).Validate(Callback), c =>
        {
            c.Appeal.RecordCallback(Callback.Reached!.Value, Trimmed(Callback.Note), c.ActorName, c.UserId, c.Now);
            return Task.CompletedTask;
        }, "Flash.Callback", cancellationToken);

    public Task<IActionResult> OnPostSmsAsync(long id, int version, CancellationToken cancellationToken) =>
        RunAsync(id, version, nameof(Sms), new QuickSmsInputValidator(w).Validate(Sms), async c =>
        {
            var template = Sms.Template!.Value;
            string? passedTo = null;
            if (template == QuickSmsTemplate.PassedOn)
            {
                passedTo = c.Appeal.TransferCount > 0 ? await c.CurrentCadreForCallerAsync(c.Appeal.HandlerCadreId, cancellationToken) : null;
                if (passedTo is null)
                {
                    throw new AppealRuleException(AppealActions.NotPassedOn);
                }
            }

            var body = (await settings.GetAsync(cancellationToken)).Sms.Body(template, passedTo);
            c.Appeal.RecordQuickSms(body, c.ActorName, c.UserId, c.Now);
            c.QueueSmsToCaller(body);
        }, "Flash.Sms", cancellationToken);

    public Task<IActionResult> OnPostTransferAsync(long id, int version, CancellationToken cancellationToken) =>
        RunAsync(id, version, nameof(Transfer), new TransferInputValidator(w).Validate(Transfer), async c =>
        {
            var to = Transfer.ToCadreId!.Value;
            var receiver = await c.CurrentCadreForCallerAsync(to, cancellationToken) ?? throw new AppealRuleException(AppealActions.UnknownCadre);
            c.Appeal.Transfer(to, Transfer.Reason!.Trim(), c.ActorName, c.UserId, c.Clock, c.Now);
            if (Transfer.NotifyCaller)
            {
                var body = (await settings.GetAsync(cancellationToken)).Sms.Body(QuickSmsTemplate.PassedOn, receiver);
                c.Appeal.RecordQuickSms(body, c.ActorName, c.UserId, c.Now);
                c.QueueSmsToCaller(body);
            }
        }, "Flash.Transferred", cancellationToken, returnToInbox: true);

    public Task<IActionResult> OnPostReplyAsync(long id, int version, CancellationToken cancellationToken) =>
        RunAsync(id, version, nameof(Reply), new ReplyInputValidator(w).Validate(Reply), c =>
        {
            c.Appeal.Reply(Reply.Kind!.Value, Reply.Text!.Trim(), Trimmed(Reply.TicketNumber), c.ActorName, c.UserId, c.Clock, c.Now);
            return Task.CompletedTask;
        }, "Flash.Replied", cancellationToken);

    public Task<IActionResult> OnPostNoteAsync(long id, int version, CancellationToken cancellationToken) =>
        RunAsync(id, version, nameof(Note), new NoteInputValidator(w).Validate(Note), c =>
        {
            c.Appeal.AddNote(Note.Text!.Trim(), c.ActorName, c.UserId, c.Now);
            return Task.CompletedTask;
        }, "Flash.Note", cancellationToken);

    private async Task<IActionResult> RunAsync(
        long id, int version, string form, ValidationResult? validation, Func<AppealActionContext, Task> act, string flash,
        CancellationToken cancellationToken, bool returnToInbox = false)
    {
        if (validation is { IsValid: false } || !ModelState.IsValid)
        {
            if (validation is not null)
            {
                ModelState.AddErrors(validation, form);
            }

            FailedForm = form;
            return await ShowAsync(id, cancellationToken);
        }

        var outcome = await actions.RunAsync(User, id, version, act, cancellationToken);
        switch (outcome.Status)
        {
            case AppealActionStatus.Done:
                TempData["Flash"] = w[flash].Value;
                return Redirect(returnToInbox ? "/workspace" : $"/workspace/appeals/{id}");
            case AppealActionStatus.NotFound:
                return NotFound();
            case AppealActionStatus.Forbidden:
                return StatusCode(StatusCodes.Status403Forbidden);
            case AppealActionStatus.Conflict:
                Response.StatusCode = StatusCodes.Status409Conflict;
                (FailedForm, FormError) = (form, w["Workspace.Conflict"]);
                return await ShowAsync(id, cancellationToken);
            default:
                (FailedForm, FormError) = (form, w[outcome.RuleCode!]);
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
        SmsTexts = (await settings.GetAsync(cancellationToken)).Sms;
        return Page();
    }

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
