using Bozhou.Hotline.Core.Data;
using Bozhou.Hotline.Core.Directory;
using Bozhou.Hotline.Web.Admin;
using Bozhou.Hotline.Web.Workspace;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Bozhou.Hotline.Web.Pages.Admin;

/// <summary>The topics citizens choose from: at most <see cref="Topic.MaxActive"/> active, "other" always among them.</summary>
public class TopicsModel(HotlineDbContext db, AdminChanges changes, IStringLocalizer<AdminResource> a) : PageModel
{
    public const string OtherCode = "other";

    [BindProperty]
    public TopicInput Input { get; set; } = new();

    public IReadOnlyList<Topic> Topics { get; private set; } = [];

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostSaveAsync(int? id, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var topic = id is null ? new Topic() : await db.Topics.FindAsync([id], cancellationToken);
        if (topic is null)
        {
            return NotFound();
        }

        var validation = new TopicInputValidator(a).Validate(Input);
        ModelState.Clear();
        if (!validation.IsValid)
        {
            ModelState.AddErrors(validation, nameof(Input));
            return Page();
        }

        var code = Input.Code!.Trim().ToLowerInvariant();
        if (topic.Code == OtherCode && (code != OtherCode || !Input.IsActive))
        {
            ModelState.AddModelError("Input.IsActive", a["Topic.OtherKept"]);
            return Page();
        }

        if (await db.Topics.AnyAsync(t => t.Code == code && t.Id != topic.Id, cancellationToken))
        {
            ModelState.AddModelError("Input.Code", a["Topic.CodeTaken", code]);
            return Page();
        }

        if (Input.IsActive && !topic.IsActive || Input.IsActive && id is null)
        {
            if (await db.Topics.CountAsync(t => t.IsActive, cancellationToken) >= Topic.MaxActive)
            {
                ModelState.AddModelError("Input.IsActive", a["Topic.TooMany", Topic.MaxActive]);
                return Page();
            }
        }

        var before = Fields(topic);
        topic.Code = code;
        topic.NameZh = Input.NameZh!.Trim();
        topic.NameEn = Input.NameEn?.Trim() ?? "";
        topic.Kind = Input.Kind;
        topic.Order = Input.Order;
        topic.IsActive = Input.IsActive;
        if (id is null)
        {
            db.Topics.Add(topic);
            changes.Record(User, () => $"Topic:{topic.Id}", null, Fields(topic), "created");
        }
        else if (AdminChanges.Diff(before, Fields(topic)) is var (old, now))
        {
            changes.Record(User, () => $"Topic:{topic.Id}", old, now, "edited");
        }

        await changes.SaveAsync(cancellationToken);
        TempData["Flash"] = a["Form.Saved"].Value;
        return Redirect("/admin/topics");
    }

    private static Dictionary<string, object?> Fields(Topic t) => new()
    {
        [nameof(t.Code)] = t.Code, [nameof(t.NameZh)] = t.NameZh, [nameof(t.NameEn)] = t.NameEn,
        [nameof(t.Kind)] = t.Kind.ToString(), [nameof(t.Order)] = t.Order, [nameof(t.IsActive)] = t.IsActive,
    };

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Topics = await db.Topics.AsNoTracking().OrderByDescending(t => t.IsActive).ThenBy(t => t.Order).ToListAsync(cancellationToken);
}

public sealed class TopicInput
{
    public string? Code { get; set; }

    public string? NameZh { get; set; }

    public string? NameEn { get; set; }

    public TopicKind Kind { get; set; } = TopicKind.Matter;

    public int Order { get; set; }

    public bool IsActive { get; set; }
}

public sealed class TopicInputValidator : AbstractValidator<TopicInput>
{
    public TopicInputValidator(IStringLocalizer<AdminResource> a)
    {
        ArgumentNullException.ThrowIfNull(a);
        RuleFor(x => x.Code).NotEmpty().WithMessage(a["Form.CodeRequired"]).Matches("^[A-Za-z][A-Za-z0-9-]{0,31}$").WithMessage(a["Form.CodeRequired"]);
        RuleFor(x => x.NameZh).NotEmpty().WithMessage(a["Form.NameZhRequired"]).MaximumLength(20).WithMessage(a["Form.TooLong", 20]);
        RuleFor(x => x.NameEn).MaximumLength(60).WithMessage(a["Form.TooLong", 60]);
        RuleFor(x => x.Kind).IsInEnum().WithMessage(a["Form.CodeRequired"]);
        RuleFor(x => x.Order).InclusiveBetween(0, 999).WithMessage(a["Form.BadOrder"]);
    }
}
