using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;

namespace Bozhou.Hotline.Web.Pages.Account;

/// <summary>
/// Changing one's password (the only page, with signing out, that an account signed in with a one-time password
/// may use), and "sign out everywhere" (退出所有设备). A changed password ends the account's other sessions.
/// </summary>
public class ChangePasswordModel(UserManager<HotlineUser> users, HotlineSignInManager signIn, UserSessions sessions, IValidator<ChangePasswordInput> validator, IStringLocalizer<WorkspaceResource> w)
    : PageModel
{
    [BindProperty]
    public ChangePasswordInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool MustChange { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        MustChange = user.MustChangePassword;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        MustChange = user.MustChangePassword;
        var validation = validator.Validate(Input);
        if (!validation.IsValid)
        {
            ModelState.AddErrors(validation, nameof(Input));
            return Page();
        }

        var result = await users.ChangePasswordAsync(user, Input.Current!, Input.New!);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var key = error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "Input.Current" : "Input.New";
                var message = w["Identity." + error.Code];
                ModelState.AddModelError(key, message.ResourceNotFound ? error.Description : message.Value);
            }

            return Page();
        }

        user.MustChangePassword = false;
        await users.UpdateAsync(user);
        // This session goes on (its next request reads the account as it is now); every other one ends.
        await sessions.EndAllAsync(user.Id, SessionEnd.PasswordChanged, except: UserSessions.IdOf(User), cancellationToken: HttpContext.RequestAborted);
        this.Flash(w["ChangePassword.Done"]);
        return LocalRedirect(ReturnAddress.LocalOr(ReturnUrl, Url.Page("/Workspace/Index")!));
    }

    /// <summary>Ends every session of the account, this one included, and goes to the login page.</summary>
    public async Task<IActionResult> OnPostSignOutEverywhereAsync()
    {
        await signIn.SignOutEverywhereAsync();
        return RedirectToPage("/Account/Login");
    }
}

/// <summary>The passwords, bound exactly as typed: they are not display text.</summary>
public sealed class ChangePasswordInput
{
    [DataType(DataType.Password)]
    public string? Current { get; set; }

    [DataType(DataType.Password)]
    public string? New { get; set; }

    [DataType(DataType.Password)]
    public string? Confirm { get; set; }
}

public sealed class ChangePasswordInputValidator : AbstractValidator<ChangePasswordInput>
{
    public const int MinimumLength = 12;

    public ChangePasswordInputValidator(IStringLocalizer<WorkspaceResource> w)
    {
        ArgumentNullException.ThrowIfNull(w);
        RuleFor(x => x.Current).NotEmpty().WithMessage(w["ChangePassword.CurrentRequired"]);
        RuleFor(x => x.New).NotEmpty().WithMessage(w["ChangePassword.NewRequired"])
            .MinimumLength(MinimumLength).WithMessage(w["Identity.PasswordTooShort"])
            .MaximumLength(200).WithMessage(w["ChangePassword.TooLong"])
            .NotEqual(x => x.Current).WithMessage(w["ChangePassword.Same"]);
        RuleFor(x => x.Confirm).Equal(x => x.New).WithMessage(w["ChangePassword.Mismatch"]);
    }
}
