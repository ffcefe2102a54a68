using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;

namespace Bozhou.Hotline.Core.Accounts;

/// <summary>
/// Identity's sign-in with the product's rules added: a disabled account cannot sign in (it gets "not allowed");
/// each sign-in starts a session stored in the database, whose id the cookie carries (<see cref="UserSessions"/>);
/// signing out ends that session, so that a copy of the cookie is refused afterwards.
/// </summary>
public sealed class HotlineSignInManager(
    UserManager<HotlineUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<HotlineUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<HotlineUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<HotlineUser> confirmation,
    UserSessions sessions)
    : SignInManager<HotlineUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    /// <inheritdoc />
    public override async Task<bool> CanSignInAsync(HotlineUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.DisabledAt is null && await base.CanSignInAsync(user);
    }

    /// <summary>Signs in with a new stored session; its id goes into the cookie with the other claims.</summary>
    public override async Task SignInWithClaimsAsync(HotlineUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        ArgumentNullException.ThrowIfNull(user);
        var sessionId = await sessions.StartAsync(user.Id, Context.RequestAborted);
        var claims = additionalClaims.Where(c => c.Type != UserSessions.SessionClaim).Append(new Claim(UserSessions.SessionClaim, sessionId));
        await base.SignInWithClaimsAsync(user, authenticationProperties, claims);
    }

    /// <summary>
    /// Not offered: the session is re-read from the database on every request, so nothing needs refreshing, and a
    /// refresh would start a second session beside the first.
    /// </summary>
    public override Task RefreshSignInAsync(HotlineUser user) =>
        throw new NotSupportedException("Sessions are re-read on every request; a refresh is never needed.");

    /// <summary>Ends the current session in the database, then deletes the cookie.</summary>
    public override async Task SignOutAsync()
    {
        if (UserSessions.IdOf(Context.User) is { } sessionId)
        {
            await sessions.EndAsync(sessionId, SessionEnd.SignedOut, Context.RequestAborted);
        }

        await base.SignOutAsync();
    }

    /// <summary>Ends every session of the signed-in account ("sign out everywhere", 退出所有设备), this one included.</summary>
    public async Task SignOutEverywhereAsync()
    {
        if (UserManager.GetUserId(Context.User) is { } userId)
        {
            await sessions.EndAllAsync(userId, SessionEnd.SignedOutEverywhere, cancellationToken: Context.RequestAborted);
        }

        await base.SignOutAsync();
    }
}
