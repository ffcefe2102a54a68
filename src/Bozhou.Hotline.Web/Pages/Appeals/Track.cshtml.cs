using System.Security.Cryptography;
using System.Text;

namespace Bozhou.Hotline.Web.Pages.Appeals;

/// <summary>
/// Following an appeal: the check (code and last four digits of the phone), then the public timeline,
/// another call, and the rating of the reply. A passed check lets this browser in for a while
/// (<see cref="TrackedAppealsCookie"/>); wrong checks count towards a lockout (<see cref="TrackingLockout"/>).
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class TrackModel(
    HotlineDbContext db,
    TrackedAppealsCookie access,
    TrackingLockout lockout,
    CallerActions callers,
    TimeProvider time,
    IValidator<TrackInput> checkValidator,
    IValidator<CallAgainInput> callValidator,
    IValidator<RatingInput> ratingValidator,
    IStringLocalizer<AppealsResource> l) : PageModel
{
    [BindProperty]
    public TrackInput Check { get; set; } = new();

    [BindProperty]
    public CallAgainInput Call { get; set; } = new();

    [BindProperty]
    public RatingInput Rating { get; set; } = new();

    /// <summary>The appeal, once this browser has passed the check for it; otherwise the check form shows.</summary>
    public PublicAppeal? View { get; private set; }

    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? code, CancellationToken cancellationToken)
    {
        Now = time.GetUtcNow();
        ModelState.Clear();
        if (Accessible(code, out var normalized))
        {
            return await ShowAsync(normalized, cancellationToken);
        }

        Check = new TrackInput { Code = code is { Length: <= 40 } ? code : null };
        return Page();
    }

    public async Task<IActionResult> OnPostCheckAsync(CancellationToken cancellationToken)
    {
        Now = time.GetUtcNow();
        var client = ClientKey.Of(HttpContext);
        if (await lockout.TryBeginAsync(client, cancellationToken) is { } wait)
        {
            return TooManyTries(wait);
        }

        if (!ModelState.AddErrors(await checkValidator.ValidateAsync(Check, cancellationToken), nameof(Check)))
        {
            // A mistyped code is not a guess: the failure counted in advance is given back.
            await lockout.NotAFailureAsync(client, CancellationToken.None);
            return Page();
        }

        TrackingCode.TryParse(Check.Code, out var code);
        var masked = await db.Appeals.Where(a => a.TrackingCode == code).Select(a => a.CallerPhoneMasked).SingleOrDefaultAsync(cancellationToken);
        if (masked is not { Length: >= 4 } || !CryptographicOperations.FixedTimeEquals(
                Encoding.ASCII.GetBytes(masked[^4..]), Encoding.ASCII.GetBytes(Check.LastFourDigits!)))
        {
            // Unknown code or wrong digits: one answer for both, so that neither can be probed. The failure stays counted.
            ModelState.AddModelError(string.Empty, l["Track.NotFound"]);
            return Page();
        }

        await lockout.NotAFailureAsync(client, CancellationToken.None);
        access.Grant(HttpContext, code);
        return RedirectToPage("/Appeals/Track", new { code });
    }

    public async Task<IActionResult> OnPostCallAsync(string? code, CancellationToken cancellationToken)
    {
        Now = time.GetUtcNow();
        if (!Accessible(code, out var normalized))
        {
            return RedirectToPage("/Appeals/Track", new { code });
        }

        if (!ModelState.AddErrors(await callValidator.ValidateAsync(Call, cancellationToken), nameof(Call)))
        {
            return await ShowAsync(normalized, cancellationToken);
        }

        FormValues.TryChinaLocalTime(Call.CalledAt, out var calledAt);
        FormValues.TryEnum<CallOutcome>(Call.Outcome, out var outcome);
        return await AnswerAsync(normalized, await callers.CallAgainAsync(Actor.Caller(normalized), calledAt, outcome, cancellationToken),
            "Track.CallRecorded", cancellationToken);
    }

    public async Task<IActionResult> OnPostRateAsync(string? code, CancellationToken cancellationToken)
    {
        Now = time.GetUtcNow();
        if (!Accessible(code, out var normalized))
        {
            return RedirectToPage("/Appeals/Track", new { code });
        }

        if (!ModelState.AddErrors(await ratingValidator.ValidateAsync(Rating, cancellationToken), nameof(Rating)))
        {
            return await ShowAsync(normalized, cancellationToken);
        }

        var resolved = Rating.Resolved == "true";
        var score = int.Parse(Rating.Score!, CultureInfo.InvariantCulture);
        var comment = FormValues.Clean(Rating.Comment);
        return await AnswerAsync(normalized, await callers.RateAsync(Actor.Caller(normalized), resolved, score, comment, cancellationToken),
            "Track.Rated", cancellationToken);
    }

    /// <summary>The citizen's change done: the timeline again with its message (PRG); refused: the page with the reason.</summary>
    private async Task<IActionResult> AnswerAsync(string code, AppealActionOutcome outcome, string doneMessage, CancellationToken cancellationToken)
    {
        if (outcome.IsDone)
        {
            this.Flash(l[doneMessage]);
            return RedirectToPage("/Appeals/Track", new { code });
        }

        if (outcome.Refusal(l, "Track.Conflict") is not { } refusal)
        {
            return NotFound();
        }

        ModelState.AddModelError(string.Empty, refusal);
        return await ShowAsync(code, cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(string code, CancellationToken cancellationToken)
    {
        View = await PublicAppeal.LoadAsync(db, code, cancellationToken);
        if (View is null)
        {
            return NotFound();
        }

        Call = Call with { CalledAt = Call.CalledAt ?? FormValues.ToChinaLocalInput(Now) };
        return Page();
    }

    private bool Accessible(string? code, out string normalized) =>
        TrackingCode.TryParse(code, out normalized) == TrackingCodeCheck.Valid && access.Has(HttpContext, normalized);

    private StatusCodeResult TooManyTries(TimeSpan wait)
    {
        Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return StatusCode(StatusCodes.Status429TooManyRequests);
    }

    public bool HasError(string key) => ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0;
}
