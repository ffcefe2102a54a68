using Bozhou.Hotline.Core.Directory;
using Bozhou.Hotline.Core.Phones;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace Bozhou.Hotline.Web.Pages.Admin.Cadres;

public sealed class CadreInput
{
    public string? Name { get; set; }

    public string? NamePinyin { get; set; }

    public string? Position { get; set; }

    public string? PositionEn { get; set; }

    public string? Duties { get; set; }

    public string? DutiesEn { get; set; }

    public string? Mobile { get; set; }

    public string? OfficePhone { get; set; }

    public int? DepartmentId { get; set; }

    public int ProtocolOrder { get; set; }

    public static CadreInput From(Cadre cadre)
    {
        ArgumentNullException.ThrowIfNull(cadre);
        return new()
        {
            Name = cadre.Name, NamePinyin = cadre.NamePinyin, Position = cadre.Position, PositionEn = cadre.PositionEn,
            Duties = cadre.Duties, DutiesEn = cadre.DutiesEn, Mobile = cadre.Mobile, OfficePhone = cadre.OfficePhone,
            DepartmentId = cadre.DepartmentId == 0 ? null : cadre.DepartmentId, ProtocolOrder = cadre.ProtocolOrder,
        };
    }

    /// <summary>Copies the validated input onto the record, phones in E.164.</summary>
    public void ApplyTo(Cadre cadre)
    {
        ArgumentNullException.ThrowIfNull(cadre);
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
    }

    /// <summary>The audited fields.</summary>
    public Dictionary<string, object?> Fields() => new()
    {
        [nameof(Name)] = Name, [nameof(NamePinyin)] = NamePinyin, [nameof(Position)] = Position, [nameof(PositionEn)] = PositionEn,
        [nameof(Duties)] = Duties, [nameof(DutiesEn)] = DutiesEn, [nameof(Mobile)] = Mobile, [nameof(OfficePhone)] = OfficePhone,
        [nameof(DepartmentId)] = DepartmentId, [nameof(ProtocolOrder)] = ProtocolOrder,
    };
}

public sealed class CadreInputValidator : AbstractValidator<CadreInput>
{
    public CadreInputValidator(IStringLocalizer<AdminResource> a)
    {
        ArgumentNullException.ThrowIfNull(a);
        RuleFor(x => x.Name).NotEmpty().WithMessage(a["Cadre.NameRequired"]).MaximumLength(20).WithMessage(a["Form.TooLong", 20]);
        RuleFor(x => x.NamePinyin).MaximumLength(60).WithMessage(a["Form.TooLong", 60]);
        RuleFor(x => x.Position).NotEmpty().WithMessage(a["Cadre.PositionRequired"]).MaximumLength(60).WithMessage(a["Form.TooLong", 60]);
        RuleFor(x => x.PositionEn).MaximumLength(120).WithMessage(a["Form.TooLong", 120]);
        RuleFor(x => x.Duties).MaximumLength(1000).WithMessage(a["Form.TooLong", 1000]);
        RuleFor(x => x.DutiesEn).MaximumLength(2000).WithMessage(a["Form.TooLong", 2000]);
        RuleFor(x => x.Mobile).Must(m => ChinesePhone.TryNormalize(m, out _)).WithMessage(a["Form.BadPhone"]);
        RuleFor(x => x.OfficePhone).Must(m => ChinesePhone.TryNormalize(m, out _)).When(x => !string.IsNullOrWhiteSpace(x.OfficePhone)).WithMessage(a["Form.BadPhone"]);
        RuleFor(x => x.DepartmentId).NotNull().WithMessage(a["Cadre.DepartmentUnknown"]);
        RuleFor(x => x.ProtocolOrder).InclusiveBetween(0, 999).WithMessage(a["Form.BadOrder"]);
    }
}

public sealed class PostChangeInput
{
    public int? DepartmentId { get; set; }

    public string? Position { get; set; }

    public string? PositionEn { get; set; }
}

public sealed class PostChangeInputValidator : AbstractValidator<PostChangeInput>
{
    public PostChangeInputValidator(IStringLocalizer<AdminResource> a)
    {
        ArgumentNullException.ThrowIfNull(a);
        RuleFor(x => x.DepartmentId).NotNull().WithMessage(a["Cadre.DepartmentUnknown"]);
        RuleFor(x => x.Position).NotEmpty().WithMessage(a["Cadre.PositionRequired"]).MaximumLength(60).WithMessage(a["Form.TooLong", 60]);
        RuleFor(x => x.PositionEn).MaximumLength(120).WithMessage(a["Form.TooLong", 120]);
    }
}
