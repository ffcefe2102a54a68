using Bozhou.Hotline.Web.Pages.Supervision.Cadres;

namespace Bozhou.Hotline.Web.Pages.Supervision.Appeals;

/// <summary>
/// The supervision office's view of one appeal (PRODUCT §6): the whole timeline with staff notes, the caller's phone
/// masked with an audited reveal, each deadline and how late, the ladder's steps taken, and the next steps: remind,
/// open an interview, refer for serious handling (out of the ladder's order only with a written reason). The folder's
/// policy keeps it to the office and administrators: cadres and staff get 403.
/// </summary>
public class CaseModel(
    CaseFiles files, EscalationLadder ladder, AppealClockSource clocks, TimeProvider time, IStringLocalizer<SupervisionResource> localizer) : PageModel
{
    /// <summary>The longest reason for revealing the caller's phone.</summary>
    public const int RevealReasonMaxLength = 200;

    public CaseFile Record { get; private set; } = null!;

    [BindProperty]
    public CaseInput Step { get; set; } = new();

    /// <summary>Which form (Reveal, Escalate, Outcome) failed, and why; shown above it.</summary>
    public string? FailedForm { get; private set; }

    public string? FormError { get; private set; }

    public Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) => ShowAsync(id, null, cancellationToken);

    /// <summary>Shows the caller's full phone on this answer only, with the reason written to the audit trail.</summary>
    public async Task<IActionResult> OnPostRevealAsync(long id, [SingleLine] string? reason, CancellationToken cancellationToken)
    {
        var text = reason?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > RevealReasonMaxLength)
        {
            (FailedForm, FormError) = ("Reveal", localizer["Case.RevealReasonRequired", RevealReasonMaxLength]);
            return await ShowAsync(id, null, cancellationToken);
        }

        Response.Headers.CacheControl = "no-store";
        return await ShowAsync(id, text, cancellationToken);
    }

    /// <summary>催办 from the case: the same rule as the queue's (one a working day), back to the case.</summary>
    public async Task<IActionResult> OnPostRemindAsync(long id, [SingleLine] string? text, CancellationToken cancellationToken)
    {
        if (text is { Length: > IndexModel.ReminderMaxLength })
        {
            this.Flash(localizer["Remind.TooLong", IndexModel.ReminderMaxLength]);
            return RedirectToPage(new { id });
        }

        var result = await ladder.RemindAsync(id, text, User.ToActor(), time.GetUtcNow(), cancellationToken);
        if (result.Appeal is null)
        {
            return NotFound();
        }

        this.Flash(localizer[IndexModel.ReminderMessage(result.Outcome), result.Appeal.TrackingCode]);
        return RedirectToPage(new { id });
    }

    /// <summary>Opens an interview (约谈) or a referral (严肃处理) about this appeal with its handling cadre; the ladder's refusal names the missing step.</summary>
    public async Task<IActionResult> OnPostEscalateAsync(long id, CancellationToken cancellationToken)
    {
        Step.AppealIds = [id];
        var errors = Step.Validate().ToList();
        if (errors.Count > 0)
        {
            (FailedForm, FormError) = ("Escalate", string.Join(" ", errors.Select(e => localizer[e.Key].Value)));
            return await ShowAsync(id, null, cancellationToken);
        }

        var handler = await files.HandlerOfAsync(id, cancellationToken);
        if (handler is null)
        {
            return NotFound();
        }

        var result = await ladder.OpenCaseAsync(Step.ToNewCase(handler.Value, [id]), User.ToActor(), await clocks.GetAsync(cancellationToken), time.GetUtcNow(), cancellationToken);
        if (result.Case is not { } created)
        {
            (FailedForm, FormError) = ("Escalate", localizer[result.MissingStep!, result.TrackingCode!]);
            return await ShowAsync(id, null, cancellationToken);
        }

        this.Flash(localizer[created.Kind == EscalationKind.Interview ? "Case.Opened" : "Case.Referred", 1]);
        return RedirectToPage(new { id });
    }

    /// <summary>Records the outcome of an interview about this appeal that was held without one.</summary>
    public async Task<IActionResult> OnPostOutcomeAsync(long id, long caseId, string? outcome, CancellationToken cancellationToken)
    {
        var text = outcome?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > InterviewCase.OutcomeMaxLength)
        {
            (FailedForm, FormError) = ("Outcome", localizer["Case.OutcomeRequired"]);
            return await ShowAsync(id, null, cancellationToken);
        }

        if (!await ladder.RecordOutcomeAsync(caseId, text, User.ToActor(), time.GetUtcNow(), cancellationToken))
        {
            (FailedForm, FormError) = ("Outcome", localizer["Case.OutcomeRefused"]);
            return await ShowAsync(id, null, cancellationToken);
        }

        this.Flash(localizer["Case.OutcomeRecorded"]);
        return RedirectToPage(new { id });
    }

    private async Task<IActionResult> ShowAsync(long id, string? revealReason, CancellationToken cancellationToken)
    {
        var file = await files.LoadAsync(id, User.ToActor(), revealReason, cancellationToken);
        if (file is null)
        {
            return NotFound();
        }

        Record = file;
        if (Step.HeldOn is null)
        {
            Step.HeldOn = ChinaTime.DateOf(time.GetUtcNow());
        }

        return Page();
    }
}
