using System.Linq.Expressions;
using Bozhou.Hotline.Core.Settings;

namespace Bozhou.Hotline.Web.Pages.Admin;

/// <summary>
/// The clocks of PRODUCT §5, the SMS texts and the retention period. Configuration holds them until the
/// first save here; from then on the database does. Each save is one audited change in one transaction.
/// </summary>
public class SettingsModel(HotlineDbContext db, AdminChanges changes, SettingsStore store, TimeProvider time, IValidator<SettingsInput> validator, IStringLocalizer<AdminResource> a)
    : PageModel
{
    [BindProperty]
    public SettingsInput Input { get; set; } = new();

    public CurrentSettings Current { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Current = await store.GetAsync(cancellationToken);
        Input = SettingsInput.From(Current);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Current = await store.GetAsync(cancellationToken);
        var validation = validator.Validate(Input);
        ModelState.Clear();
        if (!validation.IsValid)
        {
            ModelState.AddErrors(validation, nameof(Input));
            return Page();
        }

        var saved = await db.SavedSettings.SingleOrDefaultAsync(s => s.Id == SavedSettings.SingletonId, cancellationToken);
        if (saved is null)
        {
            // The first save pins every value: from now on a change of configuration no longer moves them. Its audit
            // entry compares the form with the configured values it replaces.
            saved = db.SavedSettings.Add(new SavedSettings()).Entity;
            changes.Describe(saved, "saved over the configured defaults", new SavedSettings { Clocks = Current.Clocks, Sms = Current.Sms, RetentionDays = Current.RetentionDays });
        }

        Input.ApplyTo(saved);
        db.ChangeTracker.DetectChanges();
        if (db.Entry(saved).State == EntityState.Unchanged)
        {
            this.Flash(a["Settings.Unchanged"]);
            return RedirectToPage("/Admin/Settings");
        }

        saved.SavedAt = time.GetUtcNow();
        saved.SavedBy = User.Identity?.Name ?? "";
        try
        {
            await changes.SaveAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two first saves at once: the other one's row is in, this one's insert is refused and nothing of it
            // was written (one transaction). The form shows what is saved now, with a message.
            this.Flash(a["Settings.Conflict"]);
            return RedirectToPage("/Admin/Settings");
        }

        this.Flash(a["Settings.Saved"]);
        return RedirectToPage("/Admin/Settings");
    }
}

/// <summary>The settings form: every field a number or a text, checked by <see cref="SettingsInputValidator"/>.</summary>
public sealed class SettingsInput
{
    public int? CallbackWorkingDays { get; set; }

    public int? FirstContactWorkingDays { get; set; }

    public int? TransferAcceptWorkingDays { get; set; }

    public int? MaxTransfers { get; set; }

    public int? ReplyConsultationWorkingDays { get; set; }

    public int? ReplyOtherWorkingDays { get; set; }

    public int? RatingWindowDays { get; set; }

    public int? QuietHoursStart { get; set; }

    public int? QuietHoursEnd { get; set; }

    public int? RetentionDays { get; set; }

    [SingleLine]
    public string? SmsInMeeting { get; set; }

    [SingleLine]
    public string? SmsTextDetails { get; set; }

    [SingleLine]
    public string? SmsPassedOn { get; set; }

    [SingleLine]
    public string? SmsReminder { get; set; }

    public static SettingsInput From(CurrentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var (c, sms) = (settings.Clocks, settings.Sms);
        return new()
        {
            CallbackWorkingDays = c.CallbackWorkingDays, FirstContactWorkingDays = c.FirstContactWorkingDays,
            TransferAcceptWorkingDays = c.TransferAcceptWorkingDays, MaxTransfers = c.MaxTransfers,
            ReplyConsultationWorkingDays = c.ReplyConsultationWorkingDays, ReplyOtherWorkingDays = c.ReplyOtherWorkingDays,
            RatingWindowDays = c.RatingWindowDays, QuietHoursStart = c.QuietHoursStart, QuietHoursEnd = c.QuietHoursEnd,
            RetentionDays = settings.RetentionDays,
            SmsInMeeting = sms.InMeeting, SmsTextDetails = sms.TextDetails, SmsPassedOn = sms.PassedOn, SmsReminder = sms.Reminder,
        };
    }

    /// <summary>Copies the validated input onto the stored row, as new objects: the cached settings are never changed in place.</summary>
    public void ApplyTo(SavedSettings saved)
    {
        ArgumentNullException.ThrowIfNull(saved);
        saved.Clocks = new ClockSettings
        {
            CallbackWorkingDays = CallbackWorkingDays!.Value, FirstContactWorkingDays = FirstContactWorkingDays!.Value,
            TransferAcceptWorkingDays = TransferAcceptWorkingDays!.Value, MaxTransfers = MaxTransfers!.Value,
            ReplyConsultationWorkingDays = ReplyConsultationWorkingDays!.Value, ReplyOtherWorkingDays = ReplyOtherWorkingDays!.Value,
            RatingWindowDays = RatingWindowDays!.Value, QuietHoursStart = QuietHoursStart!.Value, QuietHoursEnd = QuietHoursEnd!.Value,
        };
        saved.RetentionDays = RetentionDays!.Value;
        saved.Sms = new SmsTemplates
        {
            InMeeting = SmsInMeeting!.Trim(), TextDetails = SmsTextDetails!.Trim(), PassedOn = SmsPassedOn!.Trim(), Reminder = SmsReminder!.Trim(),
        };
    }
}

/// <summary>
/// Ranges wide enough for any policy a city adopts and narrow enough to catch a slip of the keyboard; SMS texts
/// that fit one message (70 characters) once the placeholder is filled.
/// </summary>
public sealed class SettingsInputValidator : AbstractValidator<SettingsInput>
{
    public SettingsInputValidator(IStringLocalizer<AdminResource> a)
    {
        ArgumentNullException.ThrowIfNull(a);
        Clock(x => x.CallbackWorkingDays, "Settings.CallbackWorkingDays", nameof(ClockSettings.CallbackWorkingDays));
        Clock(x => x.FirstContactWorkingDays, "Settings.FirstContactWorkingDays", nameof(ClockSettings.FirstContactWorkingDays));
        Clock(x => x.TransferAcceptWorkingDays, "Settings.TransferAcceptWorkingDays", nameof(ClockSettings.TransferAcceptWorkingDays));
        Clock(x => x.MaxTransfers, "Settings.MaxTransfers", nameof(ClockSettings.MaxTransfers));
        Clock(x => x.ReplyConsultationWorkingDays, "Settings.ReplyConsultationWorkingDays", nameof(ClockSettings.ReplyConsultationWorkingDays));
        Clock(x => x.ReplyOtherWorkingDays, "Settings.ReplyOtherWorkingDays", nameof(ClockSettings.ReplyOtherWorkingDays));
        Clock(x => x.RatingWindowDays, "Settings.RatingWindowDays", nameof(ClockSettings.RatingWindowDays));
        Clock(x => x.QuietHoursStart, "Settings.QuietHoursStart", nameof(ClockSettings.QuietHoursStart));
        Clock(x => x.QuietHoursEnd, "Settings.QuietHoursEnd", nameof(ClockSettings.QuietHoursEnd));
        Range(x => x.RetentionDays, "Settings.RetentionDays", RetentionOptions.MinDays, RetentionOptions.MaxDays);
        Sms(x => x.SmsInMeeting, "Settings.SmsInMeeting", 0);
        Sms(x => x.SmsTextDetails, "Settings.SmsTextDetails", 0);
        Sms(x => x.SmsPassedOn, "Settings.SmsPassedOn", SmsTemplates.PassedToAllowance);
        Sms(x => x.SmsReminder, "Settings.SmsReminder", TrackingCode.Length);

        void Clock(Expression<Func<SettingsInput, int?>> field, string key, string limit)
        {
            var (min, max) = ClockLimits.Of(limit);
            Range(field, key, min, max);
        }

        void Range(Expression<Func<SettingsInput, int?>> field, string key, int min, int max)
        {
            var message = a["Settings.Range", Label(a, key), min, max];
            RuleFor(field).Cascade(CascadeMode.Stop).NotNull().WithMessage(message).InclusiveBetween(min, max).WithMessage(message);
        }

        // fill: the characters the placeholder stands for when sent; 0 for a text without one.
        void Sms(Expression<Func<SettingsInput, string?>> field, string key, int fill)
        {
            var label = Label(a, key);
            var longest = SmsTemplates.MaxLength - (fill == 0 ? 0 : fill - SmsTemplates.Placeholder.Length);
            RuleFor(field).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage(a["Settings.SmsRequired", label])
                .Must(text => text!.Trim().Length <= longest).WithMessage(a["Settings.SmsTooLong", label, SmsTemplates.MaxLength, longest])
                .Must(text => fill == 0 ? !text!.Contains('{', StringComparison.Ordinal) && !text.Contains('}', StringComparison.Ordinal) : PlaceholderOnce(text!))
                .WithMessage(fill == 0 ? a["Settings.SmsNoPlaceholder", label] : a["Settings.SmsPlaceholderOnce", label, SmsTemplates.Placeholder]);
        }
    }

    /// <summary>A field's label without its note in brackets: "咨询类诉求答复时限（工作日）" gives "咨询类诉求答复时限".</summary>
    private static string Label(IStringLocalizer<AdminResource> a, string key) =>
        a[key].Value.Split(['（', '('])[0].Trim();

    /// <summary>Exactly one "{0}" and no other brace, so that filling it is a plain replacement.</summary>
    private static bool PlaceholderOnce(string text)
    {
        var rest = text.Replace(SmsTemplates.Placeholder, "", StringComparison.Ordinal);
        return text.Length - rest.Length == SmsTemplates.Placeholder.Length && !rest.Contains('{', StringComparison.Ordinal) && !rest.Contains('}', StringComparison.Ordinal);
    }
}
