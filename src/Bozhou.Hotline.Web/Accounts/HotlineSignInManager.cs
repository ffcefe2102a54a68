using Bozhou.Hotline.Core.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Bozhou.Hotline.Web.Accounts;

/// <summary>Identity's sign-in with one rule added: a disabled account cannot sign in (it gets "not allowed").</summary>
public sealed class HotlineSignInManager(
    UserManager<HotlineUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<HotlineUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<HotlineUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<HotlineUser> confirmation)
    : SignInManager<HotlineUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(HotlineUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.DisabledAt is null && await base.CanSignInAsync(user);
    }
}
