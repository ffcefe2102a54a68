using Microsoft.AspNetCore.Identity;

namespace Bozhou.Hotline.Core.Accounts;

/// <summary>
/// Identity's user manager with lockout on the injected <see cref="TimeProvider"/>: in .NET 10 the stock
/// manager reads <see cref="DateTimeOffset.UtcNow"/> for lockout, which neither a test clock nor the rest of
/// the product's clocks can move.
/// </summary>
public sealed class HotlineUserManager(
    IUserStore<HotlineUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<HotlineUser> passwordHasher,
    IEnumerable<IUserValidator<HotlineUser>> userValidators,
    IEnumerable<IPasswordValidator<HotlineUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<HotlineUser>> logger,
    TimeProvider time)
    : UserManager<HotlineUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    public override async Task<bool> IsLockedOutAsync(HotlineUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var lockout = LockoutStore;
        if (!await lockout.GetLockoutEnabledAsync(user, CancellationToken))
        {
            return false;
        }

        var end = await lockout.GetLockoutEndDateAsync(user, CancellationToken);
        return end >= time.GetUtcNow();
    }

    /// <summary>Counts a failed sign-in; at the limit the account is locked for the lockout time from now.</summary>
    public override async Task<IdentityResult> AccessFailedAsync(HotlineUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var lockout = LockoutStore;
        var count = await lockout.IncrementAccessFailedCountAsync(user, CancellationToken);
        if (count >= Options.Lockout.MaxFailedAccessAttempts)
        {
            await lockout.SetLockoutEndDateAsync(user, time.GetUtcNow().Add(Options.Lockout.DefaultLockoutTimeSpan), CancellationToken);
            await lockout.ResetAccessFailedCountAsync(user, CancellationToken);
        }

        return await UpdateUserAsync(user);
    }

    private IUserLockoutStore<HotlineUser> LockoutStore =>
        Store as IUserLockoutStore<HotlineUser> ?? throw new NotSupportedException("The user store does not support lockout.");
}
