using System.ComponentModel.DataAnnotations;
using Bozhou.Hotline.Core.Accounts;
using Bozhou.Hotline.Core.Audit;
using Bozhou.Hotline.Core.Data;
using Bozhou.Hotline.Web.Hosting;
using Bozhou.Hotline.Web.Http;
using Bozhou.Hotline.Web.Workspace;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Bozhou.Hotline.Web.Pages.Account;

[EnableRateLimiting(AccountsSetup.SignInPolicy)]
public class LoginModel(
    SignInManager<HotlineUser> signIn,
    HotlineDbContext db,
    IOptions<IdentityOptions> identity,
    TimeProvider time,
    IStringLocalizer<WorkspaceResource> w) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var validation = new LoginInputValidator(w).Validate(Input);
        if (!validation.IsValid)
        {
            ModelState.AddErrors(validation, nameof(Input));
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(Input.Email!.Trim(), Input.Password!, isPersistent: false, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            Error = result.IsLockedOut ? w["Login.LockedOut", (int)identity.Value.Lockout.DefaultLockoutTimeSpan.TotalMinutes]
                : result.IsNotAllowed ? w["Login.NotAllowed"]
                : w["Login.Failed"];
            return Page();
        }

        var user = (await signIn.UserManager.FindByNameAsync(Input.Email.Trim()))!;
        db.AuditEntries.Add(new AuditEntry
        {
            At = time.GetUtcNow(), UserId = user.Id, UserName = user.UserName ?? "", Action = AuditAction.SignIn, Subject = $"User:{user.Id}",
        });
        await db.SaveChangesAsync(cancellationToken);
        var target = ReturnAddress.LocalOr(ReturnUrl, "/workspace");
        return user.MustChangePassword
            ? Redirect("/account/change-password?returnUrl=" + Uri.EscapeDataString(target))
            : LocalRedirect(target);
    }
}

public sealed class LoginInput
{
    public string? Email { get; set; }

    /// <summary>Bound exactly as typed: a password is not display text.</summary>
    [DataType(DataType.Password)]
    public string? Password { get; set; }
}

public sealed class LoginInputValidator : AbstractValidator<LoginInput>
{
    public LoginInputValidator(IStringLocalizer<WorkspaceResource> w)
    {
        ArgumentNullException.ThrowIfNull(w);
        RuleFor(x => x.Email).NotEmpty().WithMessage(w["Login.EmailRequired"]).MaximumLength(256).WithMessage(w["Login.EmailRequired"]);
        RuleFor(x => x.Password).NotEmpty().WithMessage(w["Login.PasswordRequired"]).MaximumLength(200).WithMessage(w["Login.Failed"]);
    }
}
