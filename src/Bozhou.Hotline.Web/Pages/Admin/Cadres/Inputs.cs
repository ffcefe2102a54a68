using Bozhou.Hotline.Core.Phones;

namespace Bozhou.Hotline.Web.Pages.Admin.Cadres;

public sealed class CadreInput
{
    [SingleLine]
    public string? Name { get; set; }

    [SingleLine]
    public string? NamePinyin { get; set; }

    [SingleLine]
    public string? Position { get; set; }

    [SingleLine]
    public string? PositionEn { get; set; }

    public string? Duties { get; set; }

    public string? DutiesEn { get; set; }

    [SingleLine]
    public string? Mobile { get; set; }

    [SingleLine]
    public string? OfficePhone { get; set; }

    public int? DepartmentId { get; set; }

    public int ProtocolOrder { get; set; }

    /// <summary>Whom a citizen escalates to (逐级反映); none for the top of a chain.</summary>
    public int? SuperiorId { get; set; }

    /// <summary>The topics (诉求类别) the cadre handles, as ticked.</summary>
    public List<int> TopicIds { get; set; } = [];

    public static CadreInput From(Cadre cadre)
    {
        ArgumentNullException.ThrowIfNull(cadre);
        return new()
        {
            Name = cadre.Name, NamePinyin = cadre.NamePinyin, Position = cadre.Position, PositionEn = cadre.PositionEn,
            Duties = cadre.Duties, DutiesEn = cadre.DutiesEn, Mobile = cadre.Mobile, OfficePhone = cadre.OfficePhone,
            DepartmentId = cadre.DepartmentId == 0 ? null : cadre.DepartmentId, ProtocolOrder = cadre.ProtocolOrder,
            SuperiorId = cadre.SuperiorId, TopicIds = [.. cadre.Topics.Select(t => t.TopicId).Order()],
        };
    }

    /// <summary>
    /// Copies the validated input onto the record, phones in E.164. The ticks replace the tags on
    /// <paramref name="activeTopicIds"/>; tags on a topic since made inactive are not on the form and stay,
    /// so that enabling the topic again brings them back.
    /// </summary>
    public void ApplyTo(Cadre cadre, IReadOnlySet<int> activeTopicIds)
    {
        ArgumentNullException.ThrowIfNull(cadre);
        ArgumentNullException.ThrowIfNull(activeTopicIds);
        cadre.Name = Name!.Trim();
        cadre.NamePinyin = NamePinyin?.Trim() ?? "";
        cadre.Position = Position!.Trim();
        cadre.PositionEn = PositionEn?.Trim() ?? "";
        cadre.Duties = Duties?.Trim() ?? "";
        cadre.DutiesEn = DutiesEn?.Trim() ?? "";
        ChinesePhone.TryNormalize(Mobile, out var mobile);
        cadre.Mobile = mobile;
        cadre.OfficePhone = ChinesePhone.TryNormalize(OfficePhone, out var office) ? office : null;
        cadre.DepartmentId = DepartmentId!.Value;
        cadre.ProtocolOrder = ProtocolOrder;
        cadre.SuperiorId = SuperiorId;
        cadre.Topics.RemoveAll(t => activeTopicIds.Contains(t.TopicId) && !TopicIds.Contains(t.TopicId));
        foreach (var topicId in TopicIds.Distinct().Where(id => cadre.Topics.All(t => t.TopicId != id)))
        {
            cadre.Topics.Add(new CadreTopic { TopicId = topicId });
        }
    }
}

public sealed class CadreInputValidator : AbstractValidator<CadreInput>
{
    public CadreInputValidator(IStringLocalizer<AdminResource> a)
    {
        ArgumentNullException.ThrowIfNull(a);
        RuleFor(x => x.Name).NotEmpty().WithMessage(a["Cadre.NameRequired"]).AtMost(a, 20);
        RuleFor(x => x.NamePinyin).AtMost(a, 60);
        RuleFor(x => x.Position).NotEmpty().WithMessage(a["Cadre.PositionRequired"]).AtMost(a, 60);
        RuleFor(x => x.PositionEn).AtMost(a, 120);
        RuleFor(x => x.Duties).AtMost(a, 1000);
        RuleFor(x => x.DutiesEn).AtMost(a, 2000);
        RuleFor(x => x.Mobile).Must(m => ChinesePhone.TryNormalize(m, out _)).WithMessage(a["Form.BadPhone"]);
        RuleFor(x => x.OfficePhone).Must(m => ChinesePhone.TryNormalize(m, out _)).When(x => !string.IsNullOrWhiteSpace(x.OfficePhone)).WithMessage(a["Form.BadPhone"]);
        RuleFor(x => x.DepartmentId).NotNull().WithMessage(a["Cadre.DepartmentUnknown"]);
        RuleFor(x => x.ProtocolOrder).ListOrder(a);
        RuleFor(x => x.TopicIds).Must(ids => ids.Distinct().Count() <= Topic.MaxActive).WithMessage(a["Cadre.TopicUnknown"]);
    }
}

public sealed class PostChangeInput
{
    public int? DepartmentId { get; set; }

    [SingleLine]
    public string? Position { get; set; }

    [SingleLine]
    public string? PositionEn { get; set; }

    /// <summary>
    /// Whether the cadres who escalate to the old post escalate to the person at the new one. Right for a
    /// promotion in the same line; wrong for a move to another unit, where they wait for the successor.
    /// </summary>
    public bool SubordinatesFollow { get; set; }
}

public sealed class PostChangeInputValidator : AbstractValidator<PostChangeInput>
{
    public PostChangeInputValidator(IStringLocalizer<AdminResource> a)
    {
        ArgumentNullException.ThrowIfNull(a);
        RuleFor(x => x.DepartmentId).NotNull().WithMessage(a["Cadre.DepartmentUnknown"]);
        RuleFor(x => x.Position).NotEmpty().WithMessage(a["Cadre.PositionRequired"]).AtMost(a, 60);
        RuleFor(x => x.PositionEn).AtMost(a, 120);
    }
}
