using Microsoft.AspNetCore.Identity;

namespace Bozhou.Hotline.Core.Accounts;

/// <summary>
/// The product's password rules (<see cref="PasswordRules"/>) as an Identity validator, beside Identity's own length
/// check: every way a password is set (changing it, an administrator's reset, <c>create-user</c>) passes through it.
/// The error's code is <c>Password</c> + the problem; the pages show it in the user's language from
/// <c>Identity.{Code}</c> in the workspace resources.
/// </summary>
public sealed class HotlinePasswordValidator(CommonPasswords common) : IPasswordValidator<HotlineUser>
{
    /// <inheritdoc />
    public Task<IdentityResult> ValidateAsync(UserManager<HotlineUser> manager, HotlineUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrEmpty(password) || PasswordRules.Check(password, user.Email, user.DisplayName, common.List) is not { } problem)
        {
            return Task.FromResult(IdentityResult.Success);
        }

        var description = problem switch
        {
            PasswordProblem.Common => "This password is among the most common ones.",
            PasswordProblem.ContainsAccount => "The password must not contain your e-mail name or your name.",
            PasswordProblem.Repeated => "The password must not be one character or a short group repeated.",
            _ => "The password must not be a run of letters, digits or keys.",
        };
        return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "Password" + problem, Description = description }));
    }
}

/// <summary>
/// The 10,000 most common passwords, shipped with the app (<c>Accounts/common-passwords.txt</c>, from the MIT-licensed
/// <c>@zxcvbn-ts/language-common</c> 4.1.3; see <c>common-passwords.LICENSE.txt</c>), read once.
/// </summary>
public sealed class CommonPasswords
{
    /// <summary>The embedded resource's name.</summary>
    public const string ResourceName = "Bozhou.Hotline.Core.Accounts.common-passwords.txt";

    private readonly Lazy<HashSet<string>> _list = new(() =>
    {
        using var stream = typeof(CommonPasswords).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded list {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return PasswordRules.ReadList(reader);
    });

    /// <summary>The list, lower-cased.</summary>
    public IReadOnlySet<string> List => _list.Value;
}
