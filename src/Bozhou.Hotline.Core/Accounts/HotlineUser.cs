using Microsoft.AspNetCore.Identity;

namespace Bozhou.Hotline.Core.Accounts;

/// <summary>A signed-in user: cadre, staff, supervisor or administrator.</summary>
// Only the fields an administrator sets: never the password hash, stamps or sign-in counters.
[Audited("User", OnlyWhenDescribed = true, Fields = [nameof(Email), nameof(DisplayName), nameof(CadreId), nameof(DisabledAt), nameof(MustChangePassword), nameof(PhoneNumber)])]
/// <remarks><see cref="IdentityUser.PhoneNumber"/> holds the optional mobile (E.164) the account is texted at (<c>Sms.SmsNotifier</c>).</remarks>
public class HotlineUser : IdentityUser
{
    [SingleLine]
    public string DisplayName { get; set; } = "";

    /// <summary>Set for accounts created with a one-time password: the user must choose a new one.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>For a Cadre account: the directory entry (the post) it acts as.</summary>
    public int? CadreId { get; set; }

    /// <summary>Set when an administrator disables the account; it can no longer sign in.</summary>
    public DateTimeOffset? DisabledAt { get; set; }
}
