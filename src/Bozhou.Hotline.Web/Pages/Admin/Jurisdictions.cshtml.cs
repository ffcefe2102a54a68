using Bozhou.Hotline.Core.Data;
using Bozhou.Hotline.Core.Directory;
using Bozhou.Hotline.Web.Admin;
using Bozhou.Hotline.Web.Workspace;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Bozhou.Hotline.Web.Pages.Admin;

/// <summary>The city and its district and counties: added, renamed and reordered.</summary>
public class JurisdictionsModel(HotlineDbContext db, AdminChanges changes, IStringLocalizer<AdminResource> a) : PageModel
{
    [BindProperty]
    public JurisdictionInput Input { get; set; } = new();

    public IReadOnlyList<Jurisdiction> Jurisdictions { get; private set; } = [];

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostSaveAsync(int? id, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var jurisdiction = id is null ? new Jurisdiction() : await db.Jurisdictions.FindAsync([id], cancellationToken);
        if (jurisdiction is null)
        {
            return NotFound();
        }

        var validation = new JurisdictionInputValidator(a).Validate(Input);
        ModelState.Clear();
        if (!validation.IsValid)
        {
            ModelState.AddErrors(validation, nameof(Input));
            return Page();
        }

        var code = Input.Code!.Trim().ToLowerInvariant();
        if (await db.Jurisdictions.AnyAsync(j => j.Code == code && j.Id != jurisdiction.Id, cancellationToken))
        {
            ModelState.AddModelError("Input.Code", a["Jurisdiction.CodeTaken", code]);
            return Page();
        }

        var before = Fields(jurisdiction);
        jurisdiction.Code = code;
        jurisdiction.NameZh = Input.NameZh!.Trim();
        jurisdiction.NameEn = Input.NameEn?.Trim() ?? "";
        jurisdiction.Order = Input.Order;
        if (id is null)
        {
            db.Jurisdictions.Add(jurisdiction);
            changes.Record(User, () => $"Jurisdiction:{jurisdiction.Id}", null, Fields(jurisdiction), "created");
        }
        else if (AdminChanges.Diff(before, Fields(jurisdiction)) is var (old, now))
        {
            changes.Record(User, () => $"Jurisdiction:{jurisdiction.Id}", old, now, "edited");
        }

        await changes.SaveAsync(cancellationToken);
        TempData["Flash"] = a["Form.Saved"].Value;
        return Redirect("/admin/jurisdictions");
    }

    private static Dictionary<string, object?> Fields(Jurisdiction j) => new()
    {
        [nameof(j.Code)] = j.Code, [nameof(j.NameZh)] = j.NameZh, [nameof(j.NameEn)] = j.NameEn, [nameof(j.Order)] = j.Order,
    };

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Jurisdictions = await db.Jurisdictions.AsNoTracking().OrderBy(j => j.Order).ToListAsync(cancellationToken);
}

public sealed class JurisdictionInput
{
    public string? Code { get; set; }

    public string? NameZh { get; set; }

    public string? NameEn { get; set; }

    public int Order { get; set; }
}

public sealed class JurisdictionInputValidator : AbstractValidator<JurisdictionInput>
{
    public JurisdictionInputValidator(IStringLocalizer<AdminResource> a)
    {
        ArgumentNullException.ThrowIfNull(a);
        RuleFor(x => x.Code).NotEmpty().WithMessage(a["Form.CodeRequired"]).Matches("^[A-Za-z][A-Za-z0-9-]{0,31}$").WithMessage(a["Form.CodeRequired"]);
        RuleFor(x => x.NameZh).NotEmpty().WithMessage(a["Form.NameZhRequired"]).MaximumLength(40).WithMessage(a["Form.TooLong", 40]);
        RuleFor(x => x.NameEn).MaximumLength(80).WithMessage(a["Form.TooLong", 80]);
        RuleFor(x => x.Order).InclusiveBetween(0, 999).WithMessage(a["Form.BadOrder"]);
    }
}
