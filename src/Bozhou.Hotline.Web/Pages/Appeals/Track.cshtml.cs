using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Bozhou.Hotline.Core.Appeals;
using Bozhou.Hotline.Core.Data;
using Bozhou.Hotline.Web.Hosting;
using Bozhou.Hotline.Web.Http;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

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
    AppealClockSource clocks,
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
        if (lockout.IsLockedOut(client, out var wait))
        {
            return TooManyTries(wait);
        }

        if (!await ValidateAsync(checkValidator, Check, nameof(Check), cancellationToken))
        {
            return Page();
        }

        TrackingCode.TryParse(Check.Code, out var code);
        var masked = await db.Appeals.Where(a => a.TrackingCode == code).Select(a => a.CallerPhoneMasked).SingleOrDefaultAsync(cancellationToken);
        if (masked is not { Length: >= 4 } || !CryptographicOperations.FixedTimeEquals(
                Encoding.ASCII.GetBytes(masked[^4..]), Encoding.ASCII.GetBytes(Check.LastFourDigits!)))
        {
            // Unknown code or wrong digits: one answer for both, so that neither can be probed.
            lockout.RecordFailure(client);
            ModelState.AddModelError(string.Empty, l["Track.NotFound"]);
            return Page();
        }

        access.Grant(HttpContext, code);
        return Redirect("/appeals/track/" + code);
    }

    public async Task<IActionResult> OnPostCallAsync(string? code, CancellationToken cancellationToken)
    {
        Now = time.GetUtcNow();
        if (!Accessible(code, out var normalized))
        {
            return Redirect("/appeals/track/" + Uri.EscapeDataString(code ?? ""));
        }

        if (!await ValidateAsync(callValidator, Call, nameof(Call), cancellationToken))
        {
            return await ShowAsync(normalized, cancellationToken);
        }

        FormValues.TryChinaLocalTime(Call.CalledAt, out var calledAt);
        FormValues.TryEnum<CallOutcome>(Call.Outcome, out var outcome);
        var clock = await clocks.GetAsync(cancellationToken);
        return await ChangeAsync(
            normalized, appeal => appeal.RecordCitizenCall(calledAt, outcome, clock, Now, AppealActors.Caller), "Track.CallRecorded", cancellationToken);
    }

    public async Task<IActionResult> OnPostRateAsync(string? code, CancellationToken cancellationToken)
    {
        Now = time.GetUtcNow();
        if (!Accessible(code, out var normalized))
        {
            return Redirect("/appeals/track/" + Uri.EscapeDataString(code ?? ""));
        }

        if (!await ValidateAsync(ratingValidator, Rating, nameof(Rating), cancellationToken))
        {
            return await ShowAsync(normalized, cancellationToken);
        }

        var resolved = Rating.Resolved == "true";
        var score = int.Parse(Rating.Score!, CultureInfo.InvariantCulture);
        var comment = FormValues.Clean(Rating.Comment);
        var clock = await clocks.GetAsync(cancellationToken);
        return await ChangeAsync(
            normalized, appeal => appeal.Rate(resolved, score, comment, clock, Now, AppealActors.Caller), "Track.Rated", cancellationToken);
    }

    /// <summary>Applies the citizen's change through the appeal's own rule, then shows the timeline again (PRG).</summary>
    private async Task<IActionResult> ChangeAsync(string code, Action<Appeal> change, string doneMessage, CancellationToken cancellationToken)
    {
        var appeal = await db.Appeals.SingleAsync(a => a.TrackingCode == code, cancellationToken);
        try
        {
            change(appeal);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (AppealRuleException ex)
        {
            ModelState.AddModelError(string.Empty, l[ex.Code]);
            db.ChangeTracker.Clear();
            return await ShowAsync(code, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, l["Track.Conflict"]);
            db.ChangeTracker.Clear();
            return await ShowAsync(code, cancellationToken);
        }

        TempData["Flash"] = l[doneMessage].Value;
        return Redirect("/appeals/track/" + code);
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

    private async Task<bool> ValidateAsync<T>(IValidator<T> validator, T input, string prefix, CancellationToken cancellationToken)
    {
        var result = await validator.ValidateAsync(input, cancellationToken);
        foreach (var error in result.Errors)
        {
            ModelState.AddModelError(prefix + "." + error.PropertyName, error.ErrorMessage);
        }

        return result.IsValid;
    }

    private StatusCodeResult TooManyTries(TimeSpan wait)
    {
        Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return StatusCode(StatusCodes.Status429TooManyRequests);
    }

    public bool HasError(string key) => ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0;
}
