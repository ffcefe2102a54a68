namespace Bozhou.Hotline.Web.Pages.Admin;

/// <summary>The city and its district and counties: added, renamed, reordered, or ended when abolished or merged.</summary>
public class JurisdictionsModel(HotlineDbContext db, AdminChanges changes, TimeProvider time, IValidator<JurisdictionInput> validator, IStringLocalizer<AdminResource> a) : PageModel
{
    [BindProperty]
    public JurisdictionInput Input { get; set; } = new();

    public IReadOnlyList<Jurisdiction> Jurisdictions { get; private set; } = [];

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostSaveAsync(int? id, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var code = Input.Code?.Trim().ToLowerInvariant();
        return await this.SaveRecordAsync(db, changes, id, new RecordEdit<Jurisdiction>
        {
            Validation = validator.Validate(Input),
            Check = async jurisdiction => await db.Jurisdictions.AnyAsync(j => j.Code == code && j.Id != jurisdiction.Id, cancellationToken)
                ? ("Input.Code", a["Jurisdiction.CodeTaken", code!])
                : null,
            Apply = jurisdiction =>
            {
                jurisdiction.Code = code!;
                jurisdiction.NameZh = Input.NameZh!.Trim();
                jurisdiction.NameEn = Input.NameEn?.Trim() ?? "";
                jurisdiction.Order = Input.Order;
            },
            ListUrl = "/admin/jurisdictions", SavedMessage = a["Form.Saved"],
        }, cancellationToken);
    }

    /// <summary>
    /// Ends a jurisdiction as of yesterday, with its units that are still open. Refused while anyone holds a
    /// post there: ending those posts silently would cut them from the directory and from the appeals that
    /// follow their post, so each is ended or moved on the cadre's own page first.
    /// </summary>
    public async Task<IActionResult> OnPostEndAsync(int id, CancellationToken cancellationToken)
    {
        if (await db.Jurisdictions.Include(j => j.Departments).SingleOrDefaultAsync(j => j.Id == id, cancellationToken) is not { } jurisdiction)
        {
            return NotFound();
        }

        if (jurisdiction.EndedOn is null)
        {
            var today = ChinaTime.DateOf(time.GetUtcNow());
            var holders = await db.Cadres.CountAsync(
                c => c.Department.JurisdictionId == id && (c.PostEnd == null || c.PostEnd >= today), cancellationToken);
            if (holders > 0)
            {
                await LoadAsync(cancellationToken);
                ModelState.AddModelError("", a["Jurisdiction.StillStaffed", jurisdiction.NameZh, holders]);
                return Page();
            }

            var endedOn = today.AddDays(-1);
            jurisdiction.EndedOn = endedOn;
            changes.Describe(jurisdiction, "ended");
            foreach (var department in jurisdiction.Departments.Where(d => d.EndedOn is null))
            {
                department.EndedOn = endedOn;
                changes.Describe(department, "ended with its jurisdiction");
            }

            await changes.SaveAsync(cancellationToken);
        }

        this.Flash(a["Jurisdiction.Ended", jurisdiction.NameZh]);
        return RedirectToPage("/Admin/Jurisdictions");
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Jurisdictions = await db.Jurisdictions.AsNoTracking().OrderBy(j => j.EndedOn != null).ThenBy(j => j.Order).ToListAsync(cancellationToken);
}

public sealed class JurisdictionInput
{
    [SingleLine]
    public string? Code { get; set; }

    [SingleLine]
    public string? NameZh { get; set; }

    [SingleLine]
    public string? NameEn { get; set; }

    public int Order { get; set; }
}

public sealed class JurisdictionInputValidator : AbstractValidator<JurisdictionInput>
{
    public JurisdictionInputValidator(IStringLocalizer<AdminResource> a)
    {
        ArgumentNullException.ThrowIfNull(a);
        RuleFor(x => x.Code).ListCode(a);
        RuleFor(x => x.NameZh).NotEmpty().WithMessage(a["Form.NameZhRequired"]).AtMost(a, Jurisdiction.MaxNameZh);
        RuleFor(x => x.NameEn).AtMost(a, Jurisdiction.MaxNameEn);
        RuleFor(x => x.Order).ListOrder(a);
    }
}
