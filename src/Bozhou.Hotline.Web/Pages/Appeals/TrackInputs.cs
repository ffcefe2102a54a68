namespace Bozhou.Hotline.Web.Pages.Appeals;

/// <summary>The tracking check: the code and the last four digits of the callback phone.</summary>
public sealed record TrackInput
{
    [SingleLine]
    public string? Code { get; set; }

    /// <summary>Four digits, ASCII or full-width as a Chinese input method types them.</summary>
    [SingleLine]
    public string? LastFour { get; set; }

    /// <summary>The digits as compared with the stored masked phone: full-width forms folded.</summary>
    public string? LastFourDigits => TypedText.Fold(LastFour);
}

public sealed class TrackInputValidator : AbstractValidator<TrackInput>
{
    public TrackInputValidator(IStringLocalizer<AppealsResource> l)
    {
        ArgumentNullException.ThrowIfNull(l);
        RuleFor(x => x.Code).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(_ => l["Validation.CodeRequired"])
            .Must(c => TrackingCode.TryParse(c, out _) != TrackingCodeCheck.Malformed).WithMessage(_ => l["Validation.CodeMalformed"])
            .Must(c => TrackingCode.TryParse(c, out _) == TrackingCodeCheck.Valid).WithMessage(_ => l["Validation.CodeMistyped"]);
        RuleFor(x => x.LastFourDigits).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(_ => l["Validation.LastFourInvalid"])
            .Matches("^[0-9]{4}$").WithMessage(_ => l["Validation.LastFourInvalid"])
            .OverridePropertyName(nameof(TrackInput.LastFour));
    }
}

/// <summary>"I called again": another attempt on the same appeal.</summary>
public sealed record CallAgainInput
{
    public string? CalledAt { get; set; }

    public string? Outcome { get; set; }
}

public sealed class CallAgainInputValidator : AbstractValidator<CallAgainInput>
{
    public CallAgainInputValidator(IStringLocalizer<AppealsResource> l, TimeProvider time, IOptions<AppealsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(options);
        RuleFor(x => x.CalledAt).MustBeCallTime(l, time, options.Value);
        RuleFor(x => x.Outcome)
            .Must(o => FormValues.TryEnum<CallOutcome>(o, out _)).WithMessage(_ => l["Validation.OutcomeRequired"]);
    }
}

/// <summary>The citizen's rating of the reply (回访).</summary>
public sealed record RatingInput
{
    public const int CommentMaxLength = 1000;

    /// <summary>"true" or "false" from the yes/no radios.</summary>
    public string? Resolved { get; set; }

    public string? Score { get; set; }

    public string? Comment { get; set; }
}

public sealed class RatingInputValidator : AbstractValidator<RatingInput>
{
    public static readonly string[] Scores = ["1", "2", "3", "4", "5"];

    public RatingInputValidator(IStringLocalizer<AppealsResource> l)
    {
        ArgumentNullException.ThrowIfNull(l);
        RuleFor(x => x.Resolved)
            .Must(r => r is "true" or "false").WithMessage(_ => l["Validation.ResolvedRequired"]);
        RuleFor(x => x.Score)
            .Must(s => Scores.Contains(s)).WithMessage(_ => l["Validation.ScoreRequired"]);
        RuleFor(x => x.Comment).Cascade(CascadeMode.Stop)
            .MaximumLength(RatingInput.CommentMaxLength).WithMessage(_ => l["Validation.TooLong", RatingInput.CommentMaxLength]);
    }
}
