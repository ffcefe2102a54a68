using Bozhou.Hotline.Core.Phones;

namespace Bozhou.Hotline.Web.Pages.Appeals;

/// <summary>What the citizen types into the new-appeal form, as posted.</summary>
public sealed record NewAppealInput
{
    public const int NameMaxLength = 50;
    public const int EnterpriseNameMaxLength = 200;

    public string? CadreId { get; set; }

    /// <summary>When the call happened, China time, as a datetime-local input posts it.</summary>
    public string? CalledAt { get; set; }

    public string? Outcome { get; set; }

    public string? CallerType { get; set; }

    [SingleLine]
    public string? EnterpriseName { get; set; }

    [SingleLine]
    public string? Name { get; set; }

    [SingleLine]
    public string? Phone { get; set; }

    public string? TopicId { get; set; }

    public string? Description { get; set; }

    public bool Confidential { get; set; }

    public bool ConsentToContact { get; set; }

    /// <summary>The caller asks for no SMS about the appeal (the receipt included).</summary>
    public bool DeclinesSms { get; set; }

    /// <summary>Where the matter is, in the caller's words (optional).</summary>
    [SingleLine]
    public string? Place { get; set; }

    /// <summary>The place's latitude in decimal degrees (optional, with <see cref="Longitude"/>), as typed.</summary>
    [SingleLine]
    public string? Latitude { get; set; }

    /// <summary>The place's longitude in decimal degrees (optional, with <see cref="Latitude"/>), as typed.</summary>
    [SingleLine]
    public string? Longitude { get; set; }

    /// <summary>The honeypot: hidden from people, filled in by bots.</summary>
    public string? Website { get; set; }

    public NewAppealInput Cleaned() => this with
    {
        EnterpriseName = FormValues.Clean(EnterpriseName),
        Name = FormValues.Clean(Name),
        Phone = FormValues.Clean(Phone),
        Description = FormValues.Clean(Description),
        Place = FormValues.Clean(Place),
        Latitude = FormValues.Clean(Latitude),
        Longitude = FormValues.Clean(Longitude),
    };

    /// <summary>
    /// The appeal to log from this input once <see cref="NewAppealInputValidator"/> passed it, with the topic's kind
    /// as the directory gave it and who logs it (the caller, or the Open311 client on the caller's behalf).
    /// </summary>
    public NewAppeal ToNewAppeal(TopicKind topicKind, EventActor actor)
    {
        FormValues.TryId(CadreId, out var cadreId);
        FormValues.TryId(TopicId, out var topicId);
        FormValues.TryChinaLocalTime(CalledAt, out var calledAt);
        FormValues.TryEnum<CallOutcome>(Outcome, out var outcome);
        FormValues.TryEnum<CallerType>(CallerType, out var callerType);
        TryDegrees(Latitude, out var latitude);
        TryDegrees(Longitude, out var longitude);
        return new NewAppeal(
            cadreId, topicId, topicKind, calledAt, outcome, callerType, EnterpriseName, Description!,
            Confidential, ConsentToContact, actor, AppealPlace.Of(Place, latitude, longitude)) { DeclinesSms = DeclinesSms };
    }

    /// <summary>The callback phone in E.164, once the validator passed it.</summary>
    public string PhoneE164()
    {
        ChinesePhone.TryNormalize(Phone, out var phone);
        return phone;
    }

    /// <summary>Reads decimal degrees written with a point ("33.8445"); an empty value is none.</summary>
    public static bool TryDegrees(string? value, out double? degrees)
    {
        degrees = null;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        if (double.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed)
            && double.IsFinite(parsed))
        {
            degrees = parsed;
            return true;
        }

        return false;
    }
}

public sealed class NewAppealInputValidator : AbstractValidator<NewAppealInput>
{
    public NewAppealInputValidator(IStringLocalizer<AppealsResource> l, IntakeDirectory directory, TimeProvider time, IOptions<AppealsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options);

        RuleFor(x => x.CadreId).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(_ => l["Validation.CadreRequired"])
            .Must(id => FormValues.TryId(id, out _)).WithMessage(_ => l["Validation.CadreUnknown"])
            .MustAsync(async (id, ct) => await directory.HoldsPostAsync(
                int.Parse(id!, System.Globalization.CultureInfo.InvariantCulture), ChinaTime.DateOf(time.GetUtcNow()), ct))
            .WithMessage(_ => l["Validation.CadreUnknown"]);

        RuleFor(x => x.CalledAt).MustBeCallTime(l, time, options.Value);

        RuleFor(x => x.Outcome)
            .Must(o => FormValues.TryEnum<CallOutcome>(o, out _)).WithMessage(_ => l["Validation.OutcomeRequired"]);

        RuleFor(x => x.CallerType)
            .Must(t => FormValues.TryEnum<CallerType>(t, out _)).WithMessage(_ => l["Validation.CallerTypeRequired"]);

        RuleFor(x => x.EnterpriseName).Cascade(CascadeMode.Stop)
            .NotEmpty().When(x => x.CallerType == nameof(Core.Appeals.CallerType.Enterprise)).WithMessage(_ => l["Validation.EnterpriseNameRequired"])
            .MaximumLength(NewAppealInput.EnterpriseNameMaxLength).WithMessage(_ => l["Validation.TooLong", NewAppealInput.EnterpriseNameMaxLength]);

        RuleFor(x => x.Name)
            .MaximumLength(NewAppealInput.NameMaxLength).WithMessage(_ => l["Validation.TooLong", NewAppealInput.NameMaxLength]);

        RuleFor(x => x.Phone).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(_ => l["Validation.PhoneRequired"])
            .Must(p => ChinesePhone.TryNormalize(p, out _)).WithMessage(_ => l["Validation.PhoneInvalid"]);

        RuleFor(x => x.TopicId).Cascade(CascadeMode.Stop)
            .Must(id => FormValues.TryId(id, out _)).WithMessage(_ => l["Validation.TopicRequired"])
            .MustAsync(async (id, ct) => await directory.ActiveTopicKindAsync(int.Parse(id!, System.Globalization.CultureInfo.InvariantCulture), ct) is not null)
            .WithMessage(_ => l["Validation.TopicRequired"]);

        RuleFor(x => x.Description).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(_ => l["Validation.DescriptionRequired"])
            .MaximumLength(Appeal.DescriptionMaxLength).WithMessage(_ => l["Validation.TooLong", Appeal.DescriptionMaxLength]);

        RuleFor(x => x.ConsentToContact)
            .Equal(true).WithMessage(_ => l["Validation.ConsentRequired"]);

        RuleFor(x => x.Place)
            .MaximumLength(AppealPlace.DescriptionMaxLength).WithMessage(_ => l["Validation.TooLong", AppealPlace.DescriptionMaxLength]);

        RuleFor(x => x.Latitude).Cascade(CascadeMode.Stop)
            .Must(v => NewAppealInput.TryDegrees(v, out var d) && (d is null || AppealPlace.IsLatitude(d.Value)))
                .WithMessage(_ => l["Validation.LatitudeInvalid"])
            .NotEmpty().When(x => !string.IsNullOrEmpty(x.Longitude)).WithMessage(_ => l["Validation.CoordinatesPaired"]);

        RuleFor(x => x.Longitude).Cascade(CascadeMode.Stop)
            .Must(v => NewAppealInput.TryDegrees(v, out var d) && (d is null || AppealPlace.IsLongitude(d.Value)))
                .WithMessage(_ => l["Validation.LongitudeInvalid"])
            .NotEmpty().When(x => !string.IsNullOrEmpty(x.Latitude)).WithMessage(_ => l["Validation.CoordinatesPaired"]);
    }
}

/// <summary>
/// A call time as the citizen gives it: a valid datetime-local, not in the future (beyond a few minutes
/// of clock skew) and not older than the limit. Shared by the new-appeal and the call-again forms.
/// </summary>
public static class CallTimeRule
{
    public static IRuleBuilderOptions<T, string?> MustBeCallTime<T>(
        this IRuleBuilderInitial<T, string?> rule, IStringLocalizer<AppealsResource> l, TimeProvider time, AppealsOptions options)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options);
        return rule.Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(_ => l["Validation.CalledAtRequired"])
            .Must(t => FormValues.TryChinaLocalTime(t, out _)).WithMessage(_ => l["Validation.CalledAtInvalid"])
            .Must(t => FormValues.TryChinaLocalTime(t, out var at) && at <= time.GetUtcNow() + options.ClockSkew)
                .WithMessage(_ => l["Validation.CalledAtFuture"])
            .Must(t => FormValues.TryChinaLocalTime(t, out var at) && at >= time.GetUtcNow().AddDays(-options.MaxCallAgeDays))
                .WithMessage(_ => l["Validation.CalledAtTooOld", options.MaxCallAgeDays]);
    }
}
