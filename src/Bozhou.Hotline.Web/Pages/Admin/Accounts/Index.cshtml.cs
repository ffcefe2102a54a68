using Microsoft.AspNetCore.Mvc.Rendering;

namespace Bozhou.Hotline.Web.Pages.Admin.Accounts;

/// <summary>
/// Every account (disabled, or locked by failed sign-ins, with the lockout lifted here), and a new one created with a
/// one-time password shown on this answer only.
/// </summary>
public class IndexModel(HotlineDbContext db, AccountAdmin accounts, AdminChanges changes, TimeProvider time, IValidator<NewAccountInput> validator, IStringLocalizer<AdminResource> a) : PageModel
{
    private ILookup<string, string> _roles = Array.Empty<string>().ToLookup(x => x);

    [BindProperty]
    public NewAccountInput Input { get; set; } = new();

    public IReadOnlyList<HotlineUser> Users { get; private set; } = [];

    public IReadOnlyList<SelectListItem> Cadres { get; private set; } = [];

    public string? OneTimePassword { get; private set; }

    public string? CreatedEmail { get; private set; }

    public IEnumerable<string> RolesOf(string userId) => _roles[userId];

    /// <summary>Until when the account is locked by failed sign-ins, or null when it is not locked now.</summary>
    public DateTimeOffset? LockedUntil(HotlineUser user) =>
        user is { LockoutEnabled: true, LockoutEnd: { } end } && end > time.GetUtcNow() ? end : null;

    /// <summary>Lifts the lockout of an account and clears its failed sign-ins; audited.</summary>
    public async Task<IActionResult> OnPostUnlockAsync(string id, CancellationToken cancellationToken)
    {
        if (await db.Users.FindAsync([id], cancellationToken) is not { } user)
        {
            return NotFound();
        }

        if (LockedUntil(user) is { } until)
        {
            user.LockoutEnd = null;
            user.AccessFailedCount = 0;
            changes.Record($"User:{id}", new { LockoutEnd = until }, new { LockoutEnd = (DateTimeOffset?)null }, "unlocked", AuditAction.Unlock);
            await changes.SaveAsync(cancellationToken);
        }

        return RedirectToPage("/Admin/Accounts/Index");
    }

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var validation = validator.Validate(Input);
        ModelState.Clear();
        if (!ModelState.AddErrors(validation, nameof(Input)))
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        if (Input.Role == Roles.Cadre && !await db.Cadres.AnyAsync(c => c.Id == Input.CadreId && c.PostEnd == null, cancellationToken))
        {
            ModelState.AddModelError("Input.CadreId", a["Accounts.CadreRequired"]);
            await LoadAsync(cancellationToken);
            return Page();
        }

        // The account, its role and its audit line are saved together; a refused account leaves nothing.
        (HotlineUser? User, string? Password, IReadOnlyList<string> Errors) created = (null, null, []);
        await changes.RunAsync(async _ =>
        {
            created = await accounts.CreateAsync(Input.Email!, Input.DisplayName ?? "", Input.Role!, Input.CadreId);
            if (created.User is { } added)
            {
                // The role is not a field of the account row: this line is written by hand.
                changes.Record($"User:{added.Id}", null, new { added.Email, Role = Input.Role, added.CadreId }, "account created");
            }
        }, cancellationToken);
        var (user, password, errors) = created;
        if (user is null)
        {
            foreach (var error in errors)
            {
                ModelState.AddModelError("Input.Email", error);
            }

            await LoadAsync(cancellationToken);
            return Page();
        }

        OneTimePassword = password;
        Response.Headers.CacheControl = "no-store";
        CreatedEmail = user.Email;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Users = await db.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(cancellationToken);
        var pairs = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).ToListAsync(cancellationToken);
        _roles = pairs.ToLookup(p => p.UserId, p => p.Name ?? "");
        Cadres = await CadreChoices(db, cancellationToken);
    }

    /// <summary>The current posts, for linking a Cadre account or delegating staff.</summary>
    public static async Task<List<SelectListItem>> CadreChoices(HotlineDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var cadres = await db.Cadres.AsNoTracking().Where(c => c.PostEnd == null)
            .OrderBy(c => c.Department.Jurisdiction.Order).ThenBy(c => c.Department.Order).ThenBy(c => c.ProtocolOrder)
            .Select(c => new { Unit = c.Department.NameZh, UnitEn = c.Department.NameEn, c.Position, c.PositionEn, c.Name, c.NamePinyin, c.Id })
            .ToListAsync(cancellationToken);
        // The unit once, though a published position may carry it already; in English, the English forms where given.
        var en = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        return [.. cadres.Select(c => new SelectListItem(
            en && c.PositionEn.Length > 0
                ? $"{(c.NamePinyin.Length > 0 ? c.NamePinyin : c.Name)}, {c.PositionEn}, {(c.UnitEn.Length > 0 ? c.UnitEn : c.Unit)}"
                : CadreTitle.Post(c.Unit, c.Position) + " " + c.Name,
            c.Id.ToString(CultureInfo.InvariantCulture)))];
    }
}

public sealed class NewAccountInput
{
    [SingleLine]
    public string? Email { get; set; }

    [SingleLine]
    public string? DisplayName { get; set; }

    public string? Role { get; set; }

    public int? CadreId { get; set; }
}

public sealed class NewAccountInputValidator : AbstractValidator<NewAccountInput>
{
    public NewAccountInputValidator(IStringLocalizer<AdminResource> a)
    {
        ArgumentNullException.ThrowIfNull(a);
        RuleFor(x => x.Email).NotEmpty().EmailAddress().MaximumLength(120).WithMessage(a["Accounts.BadEmail"]);
        RuleFor(x => x.DisplayName).AtMost(a, 40);
        RuleFor(x => x.Role).Must(r => Roles.All.Contains(r)).WithMessage(a["Accounts.BadRole"]);
    }
}
