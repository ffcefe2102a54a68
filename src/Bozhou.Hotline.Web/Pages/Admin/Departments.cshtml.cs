using Microsoft.AspNetCore.Mvc.Rendering;

namespace Bozhou.Hotline.Web.Pages.Admin;

/// <summary>The units (单位) of each jurisdiction: added, renamed, reordered, or ended when dissolved or merged.</summary>
public class DepartmentsModel(HotlineDbContext db, AdminChanges changes, TimeProvider time, IValidator<DepartmentInput> validator, IStringLocalizer<AdminResource> a) : PageModel
{
    [BindProperty]
    public DepartmentInput Input { get; set; } = new();

    public IReadOnlyList<Department> Departments { get; private set; } = [];

    /// <summary>The jurisdictions a unit may be added to: those not ended.</summary>
    public IReadOnlyList<SelectListItem> Jurisdictions => [.. _jurisdictions.Where(j => j.EndedOn is null).Select(j => new SelectListItem(j.Name(WorkspaceDisplay.IsEnglish), Id(j.Id)))];

    private IReadOnlyList<Jurisdiction> _jurisdictions = [];

    /// <summary>The jurisdictions a unit may be moved to, its own selected even when ended.</summary>
    public IEnumerable<SelectListItem> JurisdictionsFor(int id) =>
        _jurisdictions.Where(j => j.EndedOn is null || j.Id == id).Select(j => new SelectListItem(j.Name(WorkspaceDisplay.IsEnglish), Id(j.Id), j.Id == id));

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostSaveAsync(int? id, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return await this.SaveRecordAsync(db, changes, id, new RecordEdit<Department>
        {
            Validation = validator.Validate(Input),
            // A unit is added to or moved into a jurisdiction that has not ended; an ended unit keeps its own.
            Check = async department => await db.Jurisdictions.AnyAsync(
                    j => j.Id == Input.JurisdictionId && (j.EndedOn == null || j.Id == department.JurisdictionId), cancellationToken)
                ? null
                : ("Input.JurisdictionId", a["Form.JurisdictionUnknown"]),
            Apply = department =>
            {
                department.JurisdictionId = Input.JurisdictionId!.Value;
                department.NameZh = Input.NameZh!.Trim();
                department.NameEn = Input.NameEn?.Trim() ?? "";
                department.Order = Input.Order;
            },
            ListUrl = "/admin/departments", SavedMessage = a["Form.Saved"],
        }, cancellationToken);
    }

    public async Task<IActionResult> OnPostEndAsync(int id, CancellationToken cancellationToken)
    {
        if (await db.Departments.FindAsync([id], cancellationToken) is not { } department)
        {
            return NotFound();
        }

        if (department.EndedOn is null)
        {
            department.EndedOn = ChinaTime.DateOf(time.GetUtcNow()).AddDays(-1);
            changes.Describe(department, "ended");
            await changes.SaveAsync(cancellationToken);
        }

        this.Flash(a["Form.Saved"]);
        return RedirectToPage("/Admin/Departments");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Departments = await db.Departments.AsNoTracking().Include(d => d.Jurisdiction)
            .OrderBy(d => d.EndedOn != null).ThenBy(d => d.Jurisdiction.Order).ThenBy(d => d.Order).ToListAsync(cancellationToken);
        _jurisdictions = await db.Jurisdictions.AsNoTracking().OrderBy(j => j.Order).ToListAsync(cancellationToken);
    }
}

public sealed class DepartmentInput
{
    public int? JurisdictionId { get; set; }

    [SingleLine]
    public string? NameZh { get; set; }

    [SingleLine]
    public string? NameEn { get; set; }

    public int Order { get; set; }
}

public sealed class DepartmentInputValidator : AbstractValidator<DepartmentInput>
{
    public DepartmentInputValidator(IStringLocalizer<AdminResource> a)
    {
        ArgumentNullException.ThrowIfNull(a);
        RuleFor(x => x.JurisdictionId).NotNull().WithMessage(a["Form.JurisdictionUnknown"]);
        RuleFor(x => x.NameZh).NotEmpty().WithMessage(a["Form.NameZhRequired"]).AtMost(a, 60);
        RuleFor(x => x.NameEn).AtMost(a, 120);
        RuleFor(x => x.Order).ListOrder(a);
    }
}
