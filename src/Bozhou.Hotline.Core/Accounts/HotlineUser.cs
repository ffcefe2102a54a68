using Microsoft.AspNetCore.Identity;

namespace Bozhou.Hotline.Core.Accounts;

/// <summary>A signed-in user: cadre, staff, supervisor or administrator.</summary>
public class HotlineUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>Set for accounts created with a one-time password: the user must choose a new one.</summary>
    public bool MustChangePassword { get; set; }
}
