using System.ComponentModel.DataAnnotations;
using Bozhou.Hotline.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;

namespace Bozhou.Hotline.Web.Pages.Account;

/// <summary>
/// Signing in. An unknown account, a wrong password, a locked or a disabled account all get the same message
/// (ASVS 2.2.1, 3.x: the answer tells nothing about the account), and an unknown account costs a password hash as a
/// known one does. The attempt that locks an account is written to the audit trail; the accounts page shows the
/// lockout and lets an administrator lift it.
/// </summary>
[SignInRateLimit]
public class LoginModel(
    SignInManager<HotlineUser> signIn,
    HotlineDbContext db,
    TimeProvider time,
    IValidator<LoginInput> validator, IStringLocalizer<WorkspaceResource> w) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    /// <summary>A hash of a random password, verified when the account is unknown, so that the answer takes as long.</summary>
    private static readonly Lazy<string> UnknownAccountHash = new(() =>
        new PasswordHasher<HotlineUser>().HashPassword(new HotlineUser(), Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16))));

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var validation = validator.Validate(Input);
        if (!validation.IsValid)
        {
            ModelState.AddErrors(validation, nameof(Input));
            return Page();
        }

        var name = Input.Email!.Trim();
        var account = await signIn.UserManager.FindByNameAsync(name);
        if (account is null)
        {
            // As long as a wrong password for a real account takes.
            signIn.UserManager.PasswordHasher.VerifyHashedPassword(new HotlineUser(), UnknownAccountHash.Value, Input.Password!);
            Error = w["Login.Failed"];
            return Page();
        }

        var wasLocked = await signIn.UserManager.IsLockedOutAsync(account);
        var result = await signIn.PasswordSignInAsync(account, Input.Password!, isPersistent: false, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            if (result.IsLockedOut && !wasLocked)
            {
                db.AuditEntries.Add(new AuditEntry
                {
                    At = time.GetUtcNow(), UserId = account.Id, UserName = account.UserName ?? "", Action = AuditAction.Lockout, Subject = $"User:{account.Id}",
                    Details = "Locked after repeated failed sign-ins",
                });
                await db.SaveChangesAsync(cancellationToken);
            }

            Error = w["Login.Failed"];
            return Page();
        }

        var user = account;
        db.AuditEntries.Add(new AuditEntry
        {
            At = time.GetUtcNow(), UserId = user.Id, UserName = user.UserName ?? "", Action = AuditAction.SignIn, Subject = $"User:{user.Id}",
        });
        await db.SaveChangesAsync(cancellationToken);
        var target = ReturnAddress.LocalOr(ReturnUrl, Roles.Home(await signIn.UserManager.GetRolesAsync(user)));
        return user.MustChangePassword
            ? RedirectToPage("/Account/ChangePassword", new { returnUrl = target })
            : LocalRedirect(target);
    }
}

/// <summary>What the login form posts.</summary>
public sealed class LoginInput
{
    public string? Email { get; set; }

    /// <summary>Bound exactly as typed: a password is not display text.</summary>
    [DataType(DataType.Password)]
    public string? Password { get; set; }
}

/// <summary>What the login form posts.</summary>
public sealed class LoginInputValidator : AbstractValidator<LoginInput>
{
    public LoginInputValidator(IStringLocalizer<WorkspaceResource> w)
    {
        ArgumentNullException.ThrowIfNull(w);
        RuleFor(x => x.Email).NotEmpty().WithMessage(w["Login.EmailRequired"]).MaximumLength(256).WithMessage(w["Login.EmailRequired"]);
        RuleFor(x => x.Password).NotEmpty().WithMessage(w["Login.PasswordRequired"]).MaximumLength(200).WithMessage(w["Login.Failed"]);
    }
}
