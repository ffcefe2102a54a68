using Microsoft.AspNetCore.OutputCaching;

namespace Bozhou.Hotline.Web.Pages.Workspace;

/// <summary>"In a meeting until 16:00" for a cadre the user acts for, shown on the public card until then.</summary>
public class AvailabilityModel(
    WorkspaceActors actors, HotlineDbContext db, TimeProvider time, IValidator<AvailabilityInput> validator, IStringLocalizer<WorkspaceResource> w, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public AvailabilityInput Input { get; set; } = new();

    public WorkspaceActor Actor { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int? cadreId, CancellationToken cancellationToken)
    {
        if (await actors.CurrentAsync(User, cancellationToken) is not { } actor)
        {
            return Challenge();
        }

        Actor = actor;
        Input.CadreId = cadreId ?? actor.CadreIds.FirstOrDefault();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await actors.CurrentAsync(User, cancellationToken) is not { } actor)
        {
            return Challenge();
        }

        Actor = actor;
        if (Input.CadreId is not { } cadreId || !actor.ActsFor(cadreId))
        {
            return NotFound();
        }

        var validation = validator.Validate(Input);
        if (!validation.IsValid)
        {
            ModelState.AddErrors(validation, nameof(Input));
            return Page();
        }

        var now = time.GetUtcNow();
        var until = AvailabilityInputValidator.NextAt(now, AvailabilityInputValidator.ParseTime(Input.Until)!.Value);

        var cadre = (await db.Cadres.FindAsync([cadreId], cancellationToken))!;
        // Stored as data (kind, own words, time); each reader sees it in their language.
        cadre.SetAvailability(Input.Kind, Input.Note, until);
        await db.SaveChangesAsync(cancellationToken);
        this.Flash(w["Availability.Saved", t.AvailabilityText(cadre.CurrentAvailability(now)!)]);
        return RedirectToPage("/Workspace/Index");
    }

    public async Task<IActionResult> OnPostClearAsync(int cadreId, CancellationToken cancellationToken)
    {
        if (await actors.CurrentAsync(User, cancellationToken) is not { } actor || !actor.ActsFor(cadreId))
        {
            return NotFound();
        }

        var cadre = (await db.Cadres.FindAsync([cadreId], cancellationToken))!;
        cadre.ClearAvailability();
        await db.SaveChangesAsync(cancellationToken);
        this.Flash(w["Availability.Cleared"]);
        return RedirectToPage("/Workspace/Index");
    }
}

public sealed class AvailabilityInput
{
    public int? CadreId { get; set; }

    /// <summary>Why the cadre cannot answer; <see cref="AvailabilityKind.Other"/> takes <see cref="Note"/>.</summary>
    public AvailabilityKind Kind { get; set; } = AvailabilityKind.InMeeting;

    /// <summary>The own words for <see cref="AvailabilityKind.Other"/>; ignored for the other kinds.</summary>
    [SingleLine]
    public string? Note { get; set; }

    /// <summary>China time, "HH:mm": the next time the clock shows it (today, or tomorrow when it is not later than now).</summary>
    public string? Until { get; set; }
}

public sealed class AvailabilityInputValidator : AbstractValidator<AvailabilityInput>
{
    public const int NoteMaxLength = 40;

    public AvailabilityInputValidator(IStringLocalizer<WorkspaceResource> w)
    {
        ArgumentNullException.ThrowIfNull(w);
        RuleFor(x => x.Until).Must(u => ParseTime(u) is not null).WithMessage(w["Availability.UntilRequired"]);
        RuleFor(x => x.Kind).IsInEnum();
        RuleFor(x => x.Note).MaximumLength(NoteMaxLength).WithMessage(w["Availability.NoteTooLong", NoteMaxLength]);
        RuleFor(x => x.Note).NotEmpty().When(x => x.Kind == AvailabilityKind.Other).WithMessage(w["Availability.NoteRequired"]);
    }

    /// <summary>
    /// The next instant (UTC) at which China time reads <paramref name="time"/>, after <paramref name="now"/> (UTC):
    /// today when later than now, otherwise tomorrow, so that a note set at 23:00 can run to 08:00. Never more than
    /// 24 hours ahead.
    /// </summary>
    public static DateTimeOffset NextAt(DateTimeOffset now, TimeOnly time)
    {
        var today = ChinaTime.At(ChinaTime.DateOf(now), time);
        return today > now ? today : ChinaTime.At(ChinaTime.DateOf(now).AddDays(1), time);
    }

    /// <summary>"HH:mm", "H:mm" or "HH:mm:ss"; null when it is none of them.</summary>
    public static TimeOnly? ParseTime(string? value) =>
        TimeOnly.TryParseExact(value?.Trim(), ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;
}
