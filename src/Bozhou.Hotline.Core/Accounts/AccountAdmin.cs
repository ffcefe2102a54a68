using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Bozhou.Hotline.Core.Accounts;

/// <summary>
/// Creating accounts and resetting passwords: each gets a one-time password, shown once, that must be changed
/// at the first sign-in. The four roles are created on first use (the demo seed creates them only in demo mode).
/// </summary>
public sealed class AccountAdmin(UserManager<HotlineUser> users, RoleManager<IdentityRole> roles)
{
    // No look-alikes (0/O, 1/l/I): the password is read off a screen and typed once.
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    /// <summary>16 characters from 57: about 93 bits, well over the 12-character rule.</summary>
    public static string OneTimePassword() => RandomNumberGenerator.GetString(Alphabet, 16);

    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)));
            }
        }
    }

    /// <summary>
    /// Creates the account with a one-time password; the errors when the email is taken or invalid. The display name
    /// is taken as one clean line (the form and <c>create-user --name</c> alike); none left, the email stands for it.
    /// </summary>
    public async Task<(HotlineUser? User, string? Password, IReadOnlyList<string> Errors)> CreateAsync(
        string email, string displayName, string role, int? cadreId = null)
    {
        if (!Roles.All.Contains(role))
        {
            return (null, null, [$"Unknown role '{role}'. Roles: {string.Join(", ", Roles.All)}."]);
        }

        await EnsureRolesAsync();
        var name = DisplayText.SingleLine(displayName);
        var user = new HotlineUser
        {
            UserName = email.Trim(),
            Email = email.Trim(),
            EmailConfirmed = true,
            DisplayName = string.IsNullOrEmpty(name) ? email.Trim() : name,
            CadreId = role == Roles.Cadre ? cadreId : null,
            MustChangePassword = true,
        };
        var password = OneTimePassword();
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return (null, null, created.Errors.Select(e => e.Description).ToList());
        }

        Check(await users.AddToRoleAsync(user, role));
        return (user, password, []);
    }

    /// <summary>Replaces the password with a one-time one the user must change at the next sign-in.</summary>
    public async Task<string> ResetPasswordAsync(HotlineUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var password = OneTimePassword();
        // Set first, so that it is saved with the first of the user manager's updates: the one an audit line describes.
        user.MustChangePassword = true;
        Check(await users.RemovePasswordAsync(user));
        Check(await users.AddPasswordAsync(user, password));
        return password;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
