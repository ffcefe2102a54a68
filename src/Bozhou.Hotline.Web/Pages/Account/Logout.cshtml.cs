using Microsoft.AspNetCore.Identity;

namespace Bozhou.Hotline.Web.Pages.Account;

/// <summary>Signing out is a POST (with its antiforgery token), so no link or image elsewhere can sign a user out.</summary>
public class LogoutModel(SignInManager<HotlineUser> signIn) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return RedirectToPage("/Index");
    }
}
