using Bozhou.Hotline.Core.Phones;
using Bozhou.Hotline.Core.Settings;

namespace Bozhou.Hotline.Core.Sms;

/// <summary>A person as a caller's text names them: unit, position and name (the unit once), and an office phone.</summary>
public sealed record HandlerForCaller(string Name, string? OfficePhone, string Unit, string PersonName);

/// <summary>
/// Puts the texts of PRODUCT §4 in the outbox, in the caller's transaction (the caller saves): to the caller's callback
/// phone unless the caller declined SMS, and to the handling side of a cadre (the cadre's own account and the staff
/// acting for the cadre, each at the mobile number on the account; the cadre's directory mobile when none has one).
/// A text that cannot go (no mobile, data purged) is left out, not refused: the step it tells of stands.
/// </summary>
public sealed class SmsNotifier(SettingsStore settings, CallerDataProtector phones)
{
    /// <summary>
    /// Queues <paramref name="text"/> to the caller of <paramref name="appeal"/> (which must have its id), the values
    /// completed with the code; for a confidential appeal <c>{name}</c> names no one (<see cref="SmsTexts.ConfidentialName"/>).
    /// Returns the message, or null when none is queued (declined, purged, or not a mobile).
    /// </summary>
    public async Task<SmsMessage?> ToCallerAsync(
        HotlineDbContext db, Appeal appeal, SmsText text, SmsValues values, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(appeal);
        ArgumentNullException.ThrowIfNull(values);
        var phone = phones.Reveal(appeal.CallerPhoneCipher);
        if (appeal.DeclinesSms || phone is null || !ChinesePhone.IsMobile(phone))
        {
            return null;
        }

        var body = await RenderForCallerAsync(appeal, text, values, cancellationToken);
        var message = SmsDelivery.Queue(appeal.Id, appeal.CallerPhoneCipher!, appeal.CallerPhoneMasked ?? ChinesePhone.Mask(phone), body, now);
        message.Purpose = SmsTexts.Purpose(text);
        message.ToPhoneHash = appeal.CallerPhoneHash ?? phones.HashPhone(phone);
        db.SmsMessages.Add(message);
        return message;
    }

    /// <summary>The text as the caller of <paramref name="appeal"/> receives it (code filled in, no one named when confidential).</summary>
    public async Task<string> RenderForCallerAsync(Appeal appeal, SmsText text, SmsValues values, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(appeal);
        ArgumentNullException.ThrowIfNull(values);
        var filled = values with
        {
            Code = values.Code ?? appeal.TrackingCode,
            Name = appeal.Confidential ? SmsTexts.ConfidentialName : values.Name,
        };
        return (await settings.GetAsync(cancellationToken)).Sms.Render(text, filled);
    }

    /// <summary>
    /// Queues <paramref name="text"/> to each distinct mobile of the handling side of cadre <paramref name="cadreId"/>
    /// (see the class); returns how many were queued.
    /// </summary>
    public async Task<int> ToCadreAsync(
        HotlineDbContext db, int cadreId, long? appealId, SmsText text, SmsValues values, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var recipients = await MobilesOfAsync(db, cadreId, cancellationToken);
        foreach (var mobile in recipients)
        {
            await ToPhoneAsync(db, mobile, cadreId, appealId, text, values, now, cancellationToken);
        }

        return recipients.Count;
    }

    /// <summary>Queues <paramref name="text"/> to one mobile (E.164) of the handling side of cadre <paramref name="cadreId"/>; returns 1.</summary>
    public async Task<int> ToPhoneAsync(
        HotlineDbContext db, string mobile, int cadreId, long? appealId, SmsText text, SmsValues values, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(mobile);
        var body = (await settings.GetAsync(cancellationToken)).Sms.Render(text, values);
        var message = SmsDelivery.Queue(appealId, phones.ProtectPhone(mobile), ChinesePhone.Mask(mobile), body, now);
        message.Purpose = SmsTexts.Purpose(text);
        message.CadreId = cadreId;
        message.ToPhoneHash = phones.HashPhone(mobile);
        db.SmsMessages.Add(message);
        return 1;
    }

    /// <summary>
    /// Queues <paramref name="text"/> to the supervision office's mobile <paramref name="mobile"/> (E.164), tied to no appeal
    /// and no cadre (so no cadre's outbox lists it); the caller saves. Returns the message.
    /// </summary>
    public async Task<SmsMessage> ToOfficeAsync(
        HotlineDbContext db, string mobile, SmsText text, SmsValues values, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(mobile);
        var body = (await settings.GetAsync(cancellationToken)).Sms.Render(text, values);
        var message = SmsDelivery.Queue(null, phones.ProtectPhone(mobile), ChinesePhone.Mask(mobile), body, now);
        message.Purpose = SmsTexts.Purpose(text);
        message.ToPhoneHash = phones.HashPhone(mobile);
        db.SmsMessages.Add(message);
        return message;
    }

    /// <summary>
    /// The mobiles the handling side of a cadre is texted at: those on the enabled accounts of the cadre and of the staff
    /// delegated to the cadre; the cadre's directory mobile when no account has one. Each number once.
    /// </summary>
    public static async Task<IReadOnlyList<string>> MobilesOfAsync(HotlineDbContext db, int cadreId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var staff = db.CadreDelegations.Where(d => d.CadreId == cadreId).Select(d => d.StaffUserId);
        var accounts = await db.Users
            .Where(u => u.DisabledAt == null && u.PhoneNumber != null && (u.CadreId == cadreId || staff.Contains(u.Id)))
            .Select(u => u.PhoneNumber!)
            .ToListAsync(cancellationToken);
        var mobiles = accounts.Where(ChinesePhone.IsMobile).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (mobiles.Count == 0)
        {
            var directory = await db.Cadres.Where(c => c.Id == cadreId).Select(c => c.Mobile).FirstOrDefaultAsync(cancellationToken);
            if (directory is not null && ChinesePhone.IsMobile(directory))
            {
                mobiles.Add(directory);
            }
        }

        return mobiles;
    }

    /// <summary>How a caller's text names cadre <paramref name="cadreId"/>, with the office phone (null when the directory has none); null for no such cadre.</summary>
    public static async Task<HandlerForCaller?> HandlerAsync(HotlineDbContext db, int cadreId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var c = await db.Cadres.AsNoTracking().Where(c => c.Id == cadreId)
            .Select(c => new { Unit = c.Department.NameZh, c.Position, c.Name, c.OfficePhone })
            .FirstOrDefaultAsync(cancellationToken);
        return c is null ? null : new HandlerForCaller(CadreTitle.Full(c.Unit, c.Position, c.Name), c.OfficePhone, c.Unit, c.Name);
    }
}
