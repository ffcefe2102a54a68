namespace Bozhou.Hotline.Web.Pages.Workspace;

// The appeal page's forms, one input and one validator each. Limits follow the timeline's text column.

public sealed class CallbackInput
{
    public bool? Reached { get; set; }

    public string? Note { get; set; }
}

public sealed class CallbackInputValidator : AbstractValidator<CallbackInput>
{
    public CallbackInputValidator(IStringLocalizer<WorkspaceResource> w)
    {
        ArgumentNullException.ThrowIfNull(w);
        RuleFor(x => x.Reached).NotNull().WithMessage(w["Callback.ReachedRequired"]);
        RuleFor(x => x.Note).MaximumLength(InputLimits.Text).WithMessage(w["Validation.TooLong", InputLimits.Text]);
    }
}

public sealed class QuickSmsInput
{
    public QuickSmsTemplate? Template { get; set; }
}

public sealed class QuickSmsInputValidator : AbstractValidator<QuickSmsInput>
{
    public QuickSmsInputValidator(IStringLocalizer<WorkspaceResource> w)
    {
        ArgumentNullException.ThrowIfNull(w);
        RuleFor(x => x.Template).NotNull().IsInEnum().WithMessage(w["Sms.TemplateRequired"]);
    }
}

public sealed class TransferInput
{
    public int? ToCadreId { get; set; }

    public string? Reason { get; set; }
}

public sealed class TransferInputValidator : AbstractValidator<TransferInput>
{
    public TransferInputValidator(IStringLocalizer<WorkspaceResource> w)
    {
        ArgumentNullException.ThrowIfNull(w);
        RuleFor(x => x.ToCadreId).NotNull().WithMessage(w["Transfer.ToRequired"]);
        RuleFor(x => x.Reason).NotEmpty().WithMessage(w["Transfer.ReasonRequired"])
            .MaximumLength(InputLimits.Text).WithMessage(w["Validation.TooLong", InputLimits.Text]);
    }
}

public sealed class ReplyInput
{
    public ReplyKind? Kind { get; set; }

    public string? Text { get; set; }

    [SingleLine]
    public string? TicketNumber { get; set; }
}

public sealed class ReplyInputValidator : AbstractValidator<ReplyInput>
{
    public ReplyInputValidator(IStringLocalizer<WorkspaceResource> w)
    {
        ArgumentNullException.ThrowIfNull(w);
        RuleFor(x => x.Kind).NotNull().IsInEnum().WithMessage(w["Reply.KindRequired"]);
        RuleFor(x => x.Text).NotEmpty().WithMessage(w["Reply.TextRequired"])
            .MaximumLength(InputLimits.Text).WithMessage(w["Validation.TooLong", InputLimits.Text]);
        RuleFor(x => x.TicketNumber).NotEmpty().When(x => x.Kind == ReplyKind.ReferredTo12345).WithMessage(w["Appeal.Rule.TicketRequired"]);
        RuleFor(x => x.TicketNumber).MaximumLength(InputLimits.Ticket).WithMessage(w["Validation.TooLong", InputLimits.Ticket]);
    }
}

public sealed class NoteInput
{
    public string? Text { get; set; }
}

public sealed class NoteInputValidator : AbstractValidator<NoteInput>
{
    public NoteInputValidator(IStringLocalizer<WorkspaceResource> w)
    {
        ArgumentNullException.ThrowIfNull(w);
        RuleFor(x => x.Text).NotEmpty().WithMessage(w["Note.TextRequired"])
            .MaximumLength(InputLimits.Text).WithMessage(w["Validation.TooLong", InputLimits.Text]);
    }
}

/// <summary>延期申请: the reply deadline asked for (a China date) and why.</summary>
public sealed class ExtensionInput
{
    public DateOnly? Until { get; set; }

    public string? Reason { get; set; }
}

public sealed class ExtensionInputValidator : AbstractValidator<ExtensionInput>
{
    public ExtensionInputValidator(IStringLocalizer<WorkspaceResource> w)
    {
        ArgumentNullException.ThrowIfNull(w);
        RuleFor(x => x.Until).NotNull().WithMessage(w["Extension.UntilRequired"]);
        RuleFor(x => x.Reason).NotEmpty().WithMessage(w["Extension.ReasonRequired"])
            .MaximumLength(Appeal.ExtensionReasonMaxLength).WithMessage(w["Validation.TooLong", Appeal.ExtensionReasonMaxLength]);
    }
}

public static class InputLimits
{
    public const int Text = 4000;
    public const int Ticket = 50;
}
