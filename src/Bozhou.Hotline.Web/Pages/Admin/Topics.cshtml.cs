namespace Bozhou.Hotline.Web.Pages.Admin;

/// <summary>The topics citizens choose from: at most <see cref="Topic.MaxActive"/> active, "other" always among them.</summary>
public class TopicsModel(HotlineDbContext db, AdminChanges changes, IValidator<TopicInput> validator, IStringLocalizer<AdminResource> a) : PageModel
{
    public const string OtherCode = "other";

    [BindProperty]
    public TopicInput Input { get; set; } = new();

    public IReadOnlyList<Topic> Topics { get; private set; } = [];

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostSaveAsync(int? id, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var code = Input.Code?.Trim().ToLowerInvariant();
        return await this.SaveRecordAsync(db, changes, id, new RecordEdit<Topic>
        {
            Validation = validator.Validate(Input),
            Check = async topic =>
            {
                if (topic.Code == OtherCode && (code != OtherCode || !Input.IsActive))
                {
                    return ("Input.IsActive", a["Topic.OtherKept"]);
                }

                if (await db.Topics.AnyAsync(t => t.Code == code && t.Id != topic.Id, cancellationToken))
                {
                    return ("Input.Code", a["Topic.CodeTaken", code!]);
                }

                var activating = Input.IsActive && (!topic.IsActive || id is null);
                return activating && await db.Topics.CountAsync(t => t.IsActive, cancellationToken) >= Topic.MaxActive
                    ? ("Input.IsActive", a["Topic.TooMany", Topic.MaxActive])
                    : null;
            },
            Apply = topic =>
            {
                topic.Code = code!;
                topic.NameZh = Input.NameZh!.Trim();
                topic.NameEn = Input.NameEn?.Trim() ?? "";
                topic.Kind = Input.Kind;
                topic.Order = Input.Order;
                topic.IsActive = Input.IsActive;
            },
            ListUrl = "/admin/topics", SavedMessage = a["Form.Saved"],
        }, cancellationToken);
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Topics = await db.Topics.AsNoTracking().OrderByDescending(t => t.IsActive).ThenBy(t => t.Order).ToListAsync(cancellationToken);
}

public sealed class TopicInput
{
    [SingleLine]
    public string? Code { get; set; }

    [SingleLine]
    public string? NameZh { get; set; }

    [SingleLine]
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
        RuleFor(x => x.Code).ListCode(a);
        RuleFor(x => x.NameZh).NotEmpty().WithMessage(a["Form.NameZhRequired"]).AtMost(a, 20);
        RuleFor(x => x.NameEn).AtMost(a, 60);
        RuleFor(x => x.Kind).IsInEnum().WithMessage(a["Form.CodeRequired"]);
        RuleFor(x => x.Order).ListOrder(a);
    }
}
