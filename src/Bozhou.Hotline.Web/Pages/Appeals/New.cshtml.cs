using Bozhou.Hotline.Web.Hosting;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Bozhou.Hotline.Web.Pages.Appeals;

/// <summary>A citizen logs a call to a cadre and its outcome, and gets a tracking code.</summary>
public sealed class NewModel(
    HotlineDbContext db,
    IValidator<NewAppealInput> validator,
    AppealIntake intake,
    IntakeDirectory directory,
    AppealClockSource clocks,
    TrackedAppealsCookie access,
    SubmissionAllowance allowance,
    TimeProvider time,
    IStringLocalizer<AppealsResource> l,
    ILogger<NewModel> logger) : PageModel, IReplayableSubmission
{
    /// <summary>Where a stored appeal's receipt lives (the route of <see cref="ReceiptModel"/>), to let a repeat in to it.</summary>
    private const string ReceiptPath = "/appeals/receipt/";

    [BindProperty]
    public NewAppealInput Input { get; set; } = new();

    public AppealChoices Choices { get; private set; } = new([], []);

    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(string? cadre, CancellationToken cancellationToken)
    {
        Now = time.GetUtcNow();
        ModelState.Clear();
        Input = new NewAppealInput
        {
            CadreId = FormValues.TryId(cadre, out var id) ? id.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
            CalledAt = FormValues.ToChinaLocalInput(Now),
            CallerType = nameof(CallerType.Individual),
        };
        Choices = await AppealChoices.LoadAsync(db, Now, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Now = time.GetUtcNow();
        if (!string.IsNullOrEmpty(Input.Website))
        {
            // A bot filled the hidden field: store nothing, and give it nothing to learn from.
            logger.LogInformation("New appeal refused: the honeypot field was filled");
            return RedirectToPage("/Appeals/Received");
        }

        Input = Input.Cleaned();
        ReplaceBindingErrors();
        ModelState.AddErrors(await validator.ValidateAsync(Input, cancellationToken), nameof(Input));

        // The topic's kind sets the reply limit; a topic retired since the check above is refused like an unknown one.
        TopicKind? topicKind = null;
        if (ModelState.IsValid && FormValues.TryId(Input.TopicId, out var topicId))
        {
            topicKind = await directory.ActiveTopicKindAsync(topicId, cancellationToken);
            if (topicKind is null)
            {
                ModelState.AddModelError(nameof(Input) + "." + nameof(Input.TopicId), l["Validation.TopicRequired"]);
            }
        }

        if (!ModelState.IsValid || topicKind is null)
        {
            Choices = await AppealChoices.LoadAsync(db, Now, cancellationToken);
            return Page();
        }

        // Only an appeal about to be stored counts against the client's hourly allowance.
        if (await allowance.TryTakeAsync(ClientKey.Of(HttpContext), cancellationToken) is { } retryAfter)
        {
            Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return StatusCode(StatusCodes.Status429TooManyRequests);
        }

        var appeal = await LogAsync(topicKind.Value, cancellationToken);
        access.Grant(HttpContext, appeal.TrackingCode);
        return RedirectToPage("/Appeals/Receipt", new { code = appeal.TrackingCode });
    }

    /// <summary>A repeat of a stored submission is let in to its receipt, as the first answer (perhaps never received) did.</summary>
    public void OnReplayed(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (location.StartsWith(ReceiptPath, StringComparison.Ordinal))
        {
            access.Grant(HttpContext, location[ReceiptPath.Length..]);
        }
    }

    public bool HasError(string field) =>
        ModelState.TryGetValue(nameof(Input) + "." + field, out var entry) && entry.Errors.Count > 0;

    private async Task<Appeal> LogAsync(TopicKind topicKind, CancellationToken cancellationToken)
    {
        var clock = await clocks.GetAsync(cancellationToken);
        return await intake.LogAsync(Input.ToNewAppeal(topicKind, EventActor.Caller), Input.Name, Input.PhoneE164(), clock, Now, cancellationToken);
    }

    /// <summary>
    /// A value the binder could not read (a checkbox posting "maybe") gets the form's own message; an
    /// empty one counts as not given, and the validator says what is missing.
    /// </summary>
    private void ReplaceBindingErrors()
    {
        foreach (var entry in ModelState.Values.Where(e => e.Errors.Count > 0))
        {
            entry.Errors.Clear();
            if (string.IsNullOrEmpty(entry.AttemptedValue))
            {
                entry.ValidationState = ModelValidationState.Valid;
            }
            else
            {
                entry.Errors.Add(l["Validation.InvalidValue"]);
            }
        }
    }
}
