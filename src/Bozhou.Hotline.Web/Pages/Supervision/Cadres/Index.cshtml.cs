namespace Bozhou.Hotline.Web.Pages.Supervision.Cadres;

/// <summary>A cadre's supervision record: interview cases and referrals, open appeals, and the form for the next step.</summary>
public class IndexModel(
    HotlineDbContext db, EscalationLadder ladder, AppealClockSource clocks, TimeProvider time, IStringLocalizer<SupervisionResource> localizer) : PageModel
{
    public Cadre Cadre { get; private set; } = null!;

    public IReadOnlyList<InterviewCase> Cases { get; private set; } = [];

    public IReadOnlyList<OpenAppeal> OpenAppeals { get; private set; } = [];

    [BindProperty]
    public CaseInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Input = new CaseInput { HeldOn = ChinaTime.DateOf(time.GetUtcNow()) };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        // Only this cadre's appeals may be linked: the ids come from the form and are checked here.
        var linkable = await db.Appeals.Where(a => Input.AppealIds.Contains(a.Id) && (a.HandlerCadreId == id || a.CadreId == id))
            .Select(a => a.Id).ToListAsync(cancellationToken);
        foreach (var (field, key) in Input.Validate())
        {
            ModelState.AddModelError($"Input.{field}", localizer[key]);
        }

        if (linkable.Count != Input.AppealIds.Distinct().Count())
        {
            ModelState.AddModelError("Input.AppealIds", localizer["Case.AppealsNotTheCadres"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await ladder.OpenCaseAsync(
            Input.ToNewCase(id, linkable), User.ToActor(), await clocks.GetAsync(cancellationToken), time.GetUtcNow(), cancellationToken);
        if (result.Case is not { } created)
        {
            ModelState.AddModelError("Input.OverrideReason", localizer[result.MissingStep!, result.TrackingCode!]);
            return Page();
        }

        this.Flash(localizer[created.Kind == EscalationKind.Interview ? "Case.Opened" : "Case.Referred", created.Appeals.Count]);
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var cadre = await db.Cadres.AsNoTracking().Include(c => c.Department).ThenInclude(d => d.Jurisdiction).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (cadre is null)
        {
            return false;
        }

        Cadre = cadre;
        Cases = await db.InterviewCases.AsNoTracking().Include(c => c.Appeals).Where(c => c.CadreId == id)
            .OrderByDescending(c => c.HeldOn).ThenByDescending(c => c.Id).ToListAsync(cancellationToken);
        var linkedIds = Cases.SelectMany(c => c.Appeals).Select(a => a.AppealId).Distinct().ToList();
        OpenAppeals = await db.Appeals.AsNoTracking()
            .Where(a => a.HandlerCadreId == id && a.Status != AppealStatus.Closed)
            .OrderBy(a => a.ReplyDueAt)
            .Select(a => new OpenAppeal(a.Id, a.TrackingCode, a.LoggedAt, a.Status, a.Topic.NameZh, a.Topic.NameEn, a.ReplyDueAt, a.CallerPhoneMasked))
            .Take(500)
            .ToListAsync(cancellationToken);
        LinkedCodes = await db.Appeals.AsNoTracking().Where(a => linkedIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.TrackingCode, cancellationToken);
        return true;
    }

    public IReadOnlyDictionary<long, string> LinkedCodes { get; private set; } = new Dictionary<long, string>();

    public sealed record OpenAppeal(long Id, string TrackingCode, DateTimeOffset LoggedAt, AppealStatus Status, string TopicZh, string TopicEn, DateTimeOffset ReplyDueAt, string? PhoneMasked);
}

/// <summary>The interview or referral form; validated by hand in <see cref="Validate"/>.</summary>
public sealed class CaseInput
{
    public EscalationKind Kind { get; set; } = EscalationKind.Interview;

    public DateOnly? HeldOn { get; set; }

    [SingleLine]
    public string? Interviewer { get; set; }

    public string? Notes { get; set; }

    public string? Outcome { get; set; }

    public List<long> AppealIds { get; set; } = [];

    /// <summary>Why the step goes out of the ladder's order; blank when it follows it.</summary>
    public string? OverrideReason { get; set; }

    /// <summary>The case to open for <paramref name="cadreId"/> about <paramref name="appealIds"/>, once <see cref="Validate"/> found nothing.</summary>
    public NewInterviewCase ToNewCase(int cadreId, IReadOnlyCollection<long> appealIds) =>
        new(cadreId, Kind, HeldOn!.Value, Interviewer!, Notes ?? "", Outcome ?? "", appealIds, OverrideReason);

    public IEnumerable<(string Field, string Key)> Validate()
    {
        if (!Enum.IsDefined(Kind))
        {
            yield return (nameof(Kind), "Case.KindRequired");
        }

        if (HeldOn is null)
        {
            yield return (nameof(HeldOn), "Case.DateRequired");
        }

        if (string.IsNullOrWhiteSpace(Interviewer) || Interviewer.Length > 200)
        {
            yield return (nameof(Interviewer), "Case.InterviewerRequired");
        }

        if (Notes is { Length: > InterviewCase.NotesMaxLength })
        {
            yield return (nameof(Notes), "Case.NotesTooLong");
        }

        if (Outcome is { Length: > InterviewCase.OutcomeMaxLength })
        {
            yield return (nameof(Outcome), "Case.OutcomeTooLong");
        }

        if (OverrideReason is { Length: > InterviewCase.OutcomeMaxLength })
        {
            yield return (nameof(OverrideReason), "Case.OverrideTooLong");
        }

        if (AppealIds is null || AppealIds.Count == 0)
        {
            yield return (nameof(AppealIds), "Case.AppealsRequired");
        }
    }
}
