using Microsoft.AspNetCore.Identity;
using Bozhou.Hotline.Core.Phones;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Bozhou.Hotline.Web.Pages.Admin.Accounts;

/// <summary>One account: a password reset, disabling or enabling it, its directory entry, the cadres a staff member acts for.</summary>
public class EditModel(
    HotlineDbContext db, UserManager<HotlineUser> users, AccountAdmin accounts, AdminChanges changes, UserSessions sessions, TimeProvider time, IStringLocalizer<AdminResource> a) : PageModel
{
    public HotlineUser Account { get; private set; } = null!;

    public IList<string> Roles { get; private set; } = [];

    public IReadOnlyList<SelectListItem> Cadres { get; private set; } = [];

    public IReadOnlyList<KeyValuePair<int, string>> Delegations { get; private set; } = [];

    public string? OneTimePassword { get; private set; }

    public IEnumerable<SelectListItem> CadresWith(int? selected) =>
        Cadres.Select(c => new SelectListItem(c.Text, c.Value, c.Value == selected?.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostResetAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        changes.Describe(Account, "password reset");
        await changes.RunAsync(async _ => OneTimePassword = await accounts.ResetPasswordAsync(Account), cancellationToken);
        Response.Headers.CacheControl = "no-store";
        await sessions.EndAllAsync(id, SessionEnd.PasswordReset, cancellationToken: cancellationToken);
        return Page();
    }

    public Task<IActionResult> OnPostDisableAsync(string id, CancellationToken cancellationToken) => SetDisabledAsync(id, true, cancellationToken);

    public Task<IActionResult> OnPostEnableAsync(string id, CancellationToken cancellationToken) => SetDisabledAsync(id, false, cancellationToken);

    public async Task<IActionResult> OnPostLinkAsync(string id, int? cadreId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (!Roles.Contains(Core.Accounts.Roles.Cadre) || !await db.Cadres.AnyAsync(c => c.Id == cadreId && c.PostEnd == null, cancellationToken))
        {
            ModelState.AddModelError("CadreId", a["Accounts.CadreRequired"]);
            return Page();
        }

        var tracked = (await db.Users.FindAsync([id], cancellationToken))!;
        tracked.CadreId = cadreId;
        changes.Describe(tracked, "cadre linked");
        await changes.SaveAsync(cancellationToken);
        return RedirectToPage("/Admin/Accounts/Edit", new { id });
    }

    /// <summary>
    /// The mobile the account is texted at (new appeals with a missed call, transfers, reopened appeals, reminders, the
    /// working-day digest): a Chinese mobile number, checked and stored in E.164 as the app keeps phones; empty removes it.
    /// </summary>
    public async Task<IActionResult> OnPostMobileAsync(string id, string? mobile, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        string? e164 = null;
        if (!string.IsNullOrWhiteSpace(mobile) && (!ChinesePhone.TryNormalize(mobile, out var normalized) || !ChinesePhone.IsMobile(normalized)))
        {
            ModelState.AddModelError("Mobile", a["Accounts.MobileInvalid"]);
            return Page();
        }
        else if (!string.IsNullOrWhiteSpace(mobile))
        {
            ChinesePhone.TryNormalize(mobile, out var normalizedMobile);
            e164 = normalizedMobile;
        }

        var tracked = (await db.Users.FindAsync([id], cancellationToken))!;
        if (tracked.PhoneNumber != e164)
        {
            tracked.PhoneNumber = e164;
            changes.Describe(tracked, e164 is null ? "mobile removed" : "mobile set");
            await changes.SaveAsync(cancellationToken);
        }

        this.Flash(a["Accounts.MobileSaved"]);
        return RedirectToPage("/Admin/Accounts/Edit", new { id });
    }

    public async Task<IActionResult> OnPostDelegateAsync(string id, int? cadreId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (!Roles.Contains(Core.Accounts.Roles.Staff) || !await db.Cadres.AnyAsync(c => c.Id == cadreId && c.PostEnd == null, cancellationToken))
        {
            ModelState.AddModelError("CadreId", a["Accounts.CadreRequired"]);
            return Page();
        }

        if (!await db.CadreDelegations.AnyAsync(d => d.StaffUserId == id && d.CadreId == cadreId, cancellationToken))
        {
            changes.Describe(db.CadreDelegations.Add(new CadreDelegation { StaffUserId = id, CadreId = cadreId!.Value, GrantedAt = time.GetUtcNow() }).Entity, "delegation added");
            await changes.SaveAsync(cancellationToken);
        }

        return RedirectToPage("/Admin/Accounts/Edit", new { id });
    }

    public async Task<IActionResult> OnPostUndelegateAsync(string id, int cadreId, CancellationToken cancellationToken)
    {
        if (await db.CadreDelegations.SingleOrDefaultAsync(d => d.StaffUserId == id && d.CadreId == cadreId, cancellationToken) is { } delegation)
        {
            db.CadreDelegations.Remove(delegation);
            changes.Describe(delegation, "delegation removed");
            await changes.SaveAsync(cancellationToken);
        }

        return RedirectToPage("/Admin/Accounts/Edit", new { id });
    }

    private async Task<IActionResult> SetDisabledAsync(string id, bool disable, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (disable && id == users.GetUserId(User))
        {
            ModelState.AddModelError("", a["Accounts.NotYourself"]);
            return Page();
        }

        var tracked = (await db.Users.FindAsync([id], cancellationToken))!;
        tracked.DisabledAt = disable ? time.GetUtcNow() : null;
        tracked.SecurityStamp = Guid.NewGuid().ToString("N");
        changes.Describe(tracked, disable ? "disabled" : "enabled");
        await changes.SaveAsync(cancellationToken);
        // Every request checks the account, so its sessions are refused already; ending them keeps them ended once enabled again.
        if (disable)
        {
            await sessions.EndAllAsync(id, SessionEnd.AccountDisabled, cancellationToken: cancellationToken);
        }
        return RedirectToPage("/Admin/Accounts/Edit", new { id });
    }

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(id) is not { } account)
        {
            return false;
        }

        Account = account;
        Roles = await users.GetRolesAsync(account);
        Cadres = await IndexModel.CadreChoices(db, cancellationToken);
        var en = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        Delegations = await db.CadreDelegations.AsNoTracking().Where(d => d.StaffUserId == id)
            .Join(db.Cadres, d => d.CadreId, c => c.Id, (d, c) => new KeyValuePair<int, string>(
                c.Id, en && c.PositionEn != "" ? c.PositionEn + " " + (c.NamePinyin != "" ? c.NamePinyin : c.Name) : c.Position + " " + c.Name))
            .ToListAsync(cancellationToken);
        return true;
    }
}
