using System.Linq.Expressions;
using Bozhou.Hotline.Core.Phones;
using Bozhou.Hotline.Core.Settings;
using Bozhou.Hotline.Core.Sms;

namespace Bozhou.Hotline.Web.Pages.Admin;

/// <summary>
/// The clocks of PRODUCT §5, the SMS texts, the retention period and the public statistics page's switch. Configuration holds them until the
/// first save here; from then on the database does. Each save is one audited change in one transaction.
/// </summary>
public class SettingsModel(HotlineDbContext db, AdminChanges changes, SettingsStore store, TimeProvider time, IValidator<SettingsInput> validator, IStringLocalizer<AdminResource> a)
    : PageModel
{
    [BindProperty]
    public SettingsInput Input { get; set; } = new();

    public CurrentSettings Current { get; private set; } = null!;

    /// <summary>
    /// How long <paramref name="text"/> is as sent (signature included, placeholders filled with <see cref="SmsTexts.Sample"/>
    /// and the link under the public address) and how many SMS segments that makes; null for a template not filled in.
    /// </summary>
    public (int Length, int Segments)? Measure(SmsText text)
    {
        var template = Input.Template(text);
        if (string.IsNullOrEmpty(template))
        {
            return null;
        }

        var sms = new SmsTemplates { Signature = Input.SmsSignature ?? "", PublicBaseUrl = Input.PublicBaseUrl?.Trim() };
        sms.SetTemplate(text, template);
        var length = sms.Render(text, SmsTexts.Sample).Length;
        return (length, SmsTexts.Segments(length));
    }

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

    /// <summary>Whether the public responsiveness page <c>/stats</c> is published (a checkbox: absent means off).</summary>
    public bool PublicStatsEnabled { get; set; }

    /// <summary>The supervision office's mobile for early warnings, as typed (any Chinese form); empty for none.</summary>
    [SingleLine]
    public string? SupervisionMobile { get; set; }

    /// <summary>The signature put before every text, 【】 included.</summary>
    [SingleLine]
    public string? SmsSignature { get; set; }

    /// <summary>The site's public address, for <c>{link}</c>; empty for none.</summary>
    [SingleLine]
    public string? PublicBaseUrl { get; set; }

    /// <summary>主办单位 (<see cref="SiteFooter.Sponsor"/>); empty hides the line.</summary>
    [SingleLine]
    public string? FooterSponsor { get; set; }

    /// <summary>The sponsor's English name (<see cref="SiteFooter.SponsorEn"/>).</summary>
    [SingleLine]
    public string? FooterSponsorEn { get; set; }

    /// <summary>ICP 备案号 (<see cref="SiteFooter.IcpFiling"/>).</summary>
    [SingleLine]
    public string? FooterIcpFiling { get; set; }

    /// <summary>公安机关备案号 (<see cref="SiteFooter.PublicSecurityFiling"/>).</summary>
    [SingleLine]
    public string? FooterPublicSecurityFiling { get; set; }

    /// <summary>政府网站标识码 (<see cref="SiteFooter.GovernmentSiteId"/>).</summary>
    [SingleLine]
    public string? FooterGovernmentSiteId { get; set; }

    /// <summary>Each text's template, by <see cref="SmsText"/> name (posted as <c>Input.Sms[CallerLogged]</c>).</summary>
    public Dictionary<string, string?> Sms { get; set; } = [];

    /// <summary>The form field (and error key) of <paramref name="text"/>'s template: <c>Sms[CallerLogged]</c>.</summary>
    public static string SmsKey(SmsText text) => $"{nameof(Sms)}[{text}]";

    /// <summary>The template of <paramref name="text"/> as typed, trimmed; null when not posted.</summary>
    public string? Template(SmsText text) => Sms.GetValueOrDefault(text.ToString())?.Trim();

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
            RetentionDays = settings.RetentionDays, PublicStatsEnabled = settings.PublicStatsEnabled,
            SupervisionMobile = settings.SupervisionMobile is { } mobile ? ChinesePhone.Display(mobile) : null,
            SmsSignature = sms.SignatureOrDefault, PublicBaseUrl = sms.PublicBaseUrl,
            Sms = SmsTexts.All.ToDictionary(t => t.ToString(), t => (string?)sms.Template(t)),
            FooterSponsor = settings.Footer.Sponsor, FooterSponsorEn = settings.Footer.SponsorEn, FooterIcpFiling = settings.Footer.IcpFiling,
            FooterPublicSecurityFiling = settings.Footer.PublicSecurityFiling, FooterGovernmentSiteId = settings.Footer.GovernmentSiteId,
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
        saved.PublicStatsEnabled = PublicStatsEnabled;
        saved.SupervisionMobile = ChinesePhone.TryNormalize(SupervisionMobile, out var mobile) && ChinesePhone.IsMobile(mobile) ? mobile : null;
        var sms = new SmsTemplates
        {
            Signature = SmsSignature!.Trim(),
            PublicBaseUrl = string.IsNullOrWhiteSpace(PublicBaseUrl) ? null : PublicBaseUrl.Trim().TrimEnd('/'),
        };
        foreach (var text in SmsTexts.All)
        {
            sms.SetTemplate(text, Template(text)!);
        }

        saved.Sms = sms;
        saved.Footer = new SiteFooter
        {
            Sponsor = Blank(FooterSponsor), SponsorEn = Blank(FooterSponsorEn), IcpFiling = Blank(FooterIcpFiling),
            PublicSecurityFiling = Blank(FooterPublicSecurityFiling), GovernmentSiteId = Blank(FooterGovernmentSiteId),
        };
    }

    /// <summary>A footer line as stored: trimmed, null when empty (the line is then hidden).</summary>
    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>
/// Ranges wide enough for any policy a city adopts and narrow enough to catch a slip of the keyboard; a signature in
/// 【】; a public address that is an absolute http(s) URL; each SMS template checked by <see cref="SmsTexts.Check"/>
/// (not empty, not too long, only its own placeholders, each required one present).
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
        RuleFor(x => x.SupervisionMobile)
            .Must(m => string.IsNullOrWhiteSpace(m) || (ChinesePhone.TryNormalize(m, out var e164) && ChinesePhone.IsMobile(e164)))
            .WithMessage(a["Settings.SupervisionMobileInvalid"]);
        RuleFor(x => x.SmsSignature).Must(IsSignature).WithMessage(a["Settings.SmsSignatureInvalid", SmsTemplates.SignatureMaxLength]);
        RuleFor(x => x.PublicBaseUrl)
            .Must(url => string.IsNullOrWhiteSpace(url) || SmsTemplates.IsPublicBaseUrl(url))
            .WithMessage(a["Settings.PublicBaseUrlInvalid"]);
        foreach (var (field, key) in new (Expression<Func<SettingsInput, string?>>, string)[]
        {
            (x => x.FooterSponsor, "Settings.FooterSponsor"), (x => x.FooterSponsorEn, "Settings.FooterSponsorEn"),
            (x => x.FooterIcpFiling, "Settings.FooterIcpFiling"), (x => x.FooterPublicSecurityFiling, "Settings.FooterPublicSecurityFiling"),
            (x => x.FooterGovernmentSiteId, "Settings.FooterGovernmentSiteId"),
        })
        {
            RuleFor(field).Must(v => (v?.Trim().Length ?? 0) <= SiteFooter.MaxLength)
                .WithMessage(a["Settings.FooterTooLong", Label(a, key), SiteFooter.MaxLength]);
        }

        RuleFor(x => x.Sms).Custom((_, context) =>
        {
            foreach (var text in SmsTexts.All)
            {
                var label = Label(a, "Settings.SmsText." + text);
                var check = SmsTexts.Check(text, context.InstanceToValidate.Template(text));
                string? message = check.Problem switch
                {
                    SmsTemplateProblem.Empty => a["Settings.SmsRequired", label].Value,
                    SmsTemplateProblem.TooLong => a["Settings.SmsTemplateTooLong", label, SmsTemplates.MaxLength].Value,
                    SmsTemplateProblem.UnknownPlaceholder => a["Settings.SmsUnknownPlaceholder", label, check.Placeholder!, string.Join(" ", SmsTexts.Allowed(text))].Value,
                    SmsTemplateProblem.MissingPlaceholder => a["Settings.SmsMissingPlaceholder", label, check.Placeholder!].Value,
                    _ => null,
                };
                if (message is not null)
                {
                    context.AddFailure(new FluentValidation.Results.ValidationFailure(SettingsInput.SmsKey(text), message));
                }
            }
        });

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
    }

    /// <summary>A field's label without its note in brackets: "咨询类诉求答复时限（工作日）" gives "咨询类诉求答复时限".</summary>
    private static string Label(IStringLocalizer<AdminResource> a, string key) =>
        a[key].Value.Split(['（', '('])[0].Trim();

    /// <summary>【…】 around 2 to 12 characters, none of them a bracket.</summary>
    private static bool IsSignature(string? signature)
    {
        var s = signature?.Trim() ?? "";
        return s.Length is >= 4 and <= SmsTemplates.SignatureMaxLength && s[0] == '【' && s[^1] == '】'
            && s[1..^1].IndexOfAny(['【', '】']) < 0 && s[1..^1].Length is >= 2 and <= 12;
    }
}
