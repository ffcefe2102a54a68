using Bozhou.Hotline.Core.Open311;

namespace Bozhou.Hotline.Web.Pages.Admin;

/// <summary>
/// The programs allowed to post appeals through Open311: issue a named key with its rate limit (the key is shown once,
/// on the answer to the post, and never again), revoke one. Both are audited admin changes (<see cref="ApiKeys"/>).
/// </summary>
public class ApiClientsModel(HotlineDbContext db, ApiKeys keys, IValidator<ApiClientInput> validator, IStringLocalizer<AdminResource> a) : PageModel
{
    [BindProperty]
    public ApiClientInput Input { get; set; } = new();

    public IReadOnlyList<ApiClient> Clients { get; private set; } = [];

    /// <summary>The key just issued, shown on this answer only; null otherwise.</summary>
    public string? IssuedKey { get; private set; }

    public string? IssuedName { get; private set; }

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostIssueAsync(CancellationToken cancellationToken)
    {
        ModelState.AddErrors(await validator.ValidateAsync(Input, cancellationToken), nameof(Input));
        if (ModelState.IsValid)
        {
            var (client, key) = await keys.IssueAsync(Input.Name!, Input.RequestsPerMinute, cancellationToken);
            IssuedKey = key;
            IssuedName = client.Name;
            Input = new ApiClientInput();
            // The key is in this answer only: no cache may keep it.
            Response.Headers.CacheControl = "no-store";
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id, CancellationToken cancellationToken)
    {
        if (await keys.RevokeAsync(id, cancellationToken))
        {
            this.Flash(a["ApiClients.Revoked"]);
        }

        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Clients = await db.ApiClients.AsNoTracking().OrderBy(c => c.RevokedAt != null).ThenByDescending(c => c.CreatedAt).ToListAsync(cancellationToken);
}

public sealed class ApiClientInput
{
    [SingleLine]
    public string? Name { get; set; }

    public int RequestsPerMinute { get; set; } = ApiClient.DefaultRequestsPerMinute;
}

public sealed class ApiClientInputValidator : AbstractValidator<ApiClientInput>
{
    public ApiClientInputValidator(IStringLocalizer<AdminResource> a)
    {
        ArgumentNullException.ThrowIfNull(a);
        RuleFor(x => x.Name).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(a["ApiClients.NameRequired"])
            .MaximumLength(ApiClient.NameMaxLength).WithMessage(a["ApiClients.NameTooLong", ApiClient.NameMaxLength]);
        RuleFor(x => x.RequestsPerMinute).InclusiveBetween(1, ApiClient.MaxRequestsPerMinute)
            .WithMessage(a["ApiClients.RateRange", ApiClient.MaxRequestsPerMinute]);
    }
}
