using Bozhou.Hotline.Core.Settings;

namespace Bozhou.Hotline.Core.Workspace;

/// <summary>A cadre as the transfer list and the timeline name them.</summary>
/// <param name="NamePinyin">The name in pinyin, which English pages show; empty when not given.</param>
/// <param name="PositionEn">The position's English form; empty when not given.</param>
/// <param name="DepartmentEn">The department's English name; empty when not given.</param>
/// <param name="JurisdictionEn">The jurisdiction's English name; empty when not given.</param>
public sealed record CadreOption(
    int Id, string Name, string Position, string Department, string Jurisdiction, string? OfficePhone = null,
    string NamePinyin = "", string PositionEn = "", string DepartmentEn = "", string JurisdictionEn = "")
{
    /// <summary>The name as a reader of the language reads it: pinyin in English when given, the Chinese name otherwise.</summary>
    public string NameIn(bool english) => english && NamePinyin.Length > 0 ? NamePinyin : Name;

    /// <summary>The position in the reader's language (the Chinese one when no English form is given).</summary>
    public string PositionIn(bool english) => english && PositionEn.Length > 0 ? PositionEn : Position;

    /// <summary>The department in the reader's language (the Chinese one when no English form is given).</summary>
    public string DepartmentIn(bool english) => english && DepartmentEn.Length > 0 ? DepartmentEn : Department;

    /// <summary>The jurisdiction in the reader's language (the Chinese one when no English form is given).</summary>
    public string JurisdictionIn(bool english) => english && JurisdictionEn.Length > 0 ? JurisdictionEn : Jurisdiction;

    /// <summary>How the caller's SMS names the cadre, the unit once: "市交通运输局局长张伟" (<see cref="CadreTitle"/>).</summary>
    public string ForCaller => CadreTitle.Full(Department, Position, Name);
}

/// <summary>
/// Everything the appeal page shows. <see cref="CallerWithheld"/>: the caller asked for confidentiality and the reader is
/// delegated staff, who see name and phone masked and may reveal the phone to call back.
/// </summary>
public sealed record AppealView(
    Appeal Appeal,
    bool MayAct,
    string? CallerPhone,
    string? CallerName,
    IReadOnlyList<AppealEvent> Timeline,
    IReadOnlyDictionary<int, CadreOption> Cadres,
    IReadOnlyList<CadreOption> TransferTargets,
    InboxBadge Badges,
    DateTimeOffset? NextDue,
    int MaxTransfers,
    int TransferAcceptWorkingDays,
    bool CallerWithheld = false)
{
    public CadreOption? Handler => Cadres.GetValueOrDefault(Appeal.HandlerCadreId);
}

/// <summary>What calling a caller back from the inbox may do (<see cref="AppealViewQuery.CallReadinessAsync"/>).</summary>
public enum CallReadiness
{
    /// <summary>The actor may not see the appeal: answered as if it did not exist.</summary>
    NotFound,

    /// <summary>The actor may see the appeal but not act on it (the cadre who passed it on).</summary>
    Forbidden,

    /// <summary>The caller asked for confidentiality and the actor is delegated staff: the phone is revealed on the appeal page, with a reason.</summary>
    RevealWithReason,

    /// <summary>No number to give: the appeal is closed, or its caller's data was purged.</summary>
    Unavailable,

    /// <summary>The phone may be shown to dial, and the reveal audited.</summary>
    Ready,
}

/// <summary>
/// Loads an appeal for the workspace page. The caller's full phone and name are revealed only to those who
/// may act on it (the cadre who must call back and the staff acting for them), and each reveal is written
/// to the audit trail. The inbox keeps every number masked: one reveal per appeal opened, not per row listed. For a
/// caller who asked for confidentiality, delegated staff see both masked; given a reason to call back, the phone alone
/// is shown, and the reason goes into the audit trail.
/// </summary>
public sealed class AppealViewQuery(HotlineDbContext db, CallerDataProtector callerData, SettingsStore settings, TimeProvider time)
{
    /// <summary>The audit details of a phone shown on the appeal page, without and with the caller's name.</summary>
    public const string PhoneShownOnAppealPage = "Caller phone shown on the workspace appeal page";

    /// <inheritdoc cref="PhoneShownOnAppealPage"/>
    public const string PhoneAndNameShownOnAppealPage = "Caller phone and name shown on the workspace appeal page";

    /// <summary>The audit details of a phone shown on the call page (回电), opened from the inbox to dial it, without and with the caller's name.</summary>
    public const string PhoneShownOnCallPage = "Caller phone shown on the workspace call page";

    /// <inheritdoc cref="PhoneShownOnCallPage"/>
    public const string PhoneAndNameShownOnCallPage = "Caller phone and name shown on the workspace call page";

    /// <summary>The appeal as <paramref name="actor"/> may see it; <paramref name="revealReason"/>: why a withheld phone is revealed to call back.</summary>
    /// <param name="onCallPage">The call page shows it (the reveal's audit entry names that page), not the appeal page.</param>
    public async Task<AppealView?> LoadAsync(WorkspaceActor actor, long id, CancellationToken cancellationToken, string? revealReason = null, bool onCallPage = false)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var appeal = await db.Appeals.AsNoTracking()
            .Include(a => a.Topic)
            .Include(a => a.Events)
            .Include(a => a.CallAttempts)
            .AsSplitQuery()
            .FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (appeal is null || !AppealAccess.MayView(actor, appeal))
        {
            return null;
        }

        var now = time.GetUtcNow();
        var mayAct = AppealAccess.MayAct(actor, appeal) && !appeal.IsClosed;
        string? phone = null, name = null;
        var withheld = appeal.CallerPhoneCipher is not null && AppealAccess.MayRevealToCallBack(actor, appeal);
        if (withheld && revealReason is not null)
        {
            phone = await RevealPhoneAsync(appeal, actor.UserId, actor.DisplayName, $"Confidential caller's phone shown to call back; reason: {revealReason}", cancellationToken);
            withheld = false;
        }
        else if (AppealAccess.ShowsCallerInFull(actor, appeal) && appeal.CallerPhoneCipher is not null)
        {
            name = callerData.Reveal(appeal.CallerNameCipher);
            phone = await RevealPhoneAsync(
                appeal, actor.UserId, actor.DisplayName,
                (name is null, onCallPage) switch
                {
                    (true, false) => PhoneShownOnAppealPage,
                    (false, false) => PhoneAndNameShownOnAppealPage,
                    (true, true) => PhoneShownOnCallPage,
                    (false, true) => PhoneAndNameShownOnCallPage,
                },
                cancellationToken);
        }

        var named = appeal.Events.SelectMany(e => new[] { e.FromCadreId, e.ToCadreId }).OfType<int>()
            .Append(appeal.CadreId).Append(appeal.HandlerCadreId).Distinct().ToList();
        var cadres = await Cadres(db.Cadres.Where(c => named.Contains(c.Id)), cancellationToken);
        var today = ChinaTime.DateOf(now);
        var clocks = (await settings.GetAsync(cancellationToken)).Clocks;
        var targets = mayAct
            ? await Cadres(db.Cadres.Where(c => c.Id != appeal.HandlerCadreId && c.PostStart <= today && (c.PostEnd == null || c.PostEnd >= today)), cancellationToken)
            : [];
        var facts = AppealDueFacts.Of(appeal);
        return new AppealView(
            appeal, mayAct, phone, name,
            [.. appeal.Events.OrderBy(e => e.At).ThenBy(e => e.Id)],
            cadres.ToDictionary(c => c.Id),
            targets,
            InboxRules.Badges(facts, now),
            InboxRules.NextDue(facts),
            clocks.MaxTransfers,
            clocks.TransferAcceptWorkingDays,
            withheld);
    }

    /// <summary>
    /// Whether <paramref name="actor"/> may be given appeal <paramref name="id"/>'s phone to call the caller back from the
    /// inbox (回电), read before anything is revealed: not found when the actor may not see it; forbidden when they may
    /// only follow it; <see cref="CallReadiness.Unavailable"/> when it is closed or its caller's data was purged;
    /// <see cref="CallReadiness.RevealWithReason"/> when the caller asked for confidentiality and the actor is delegated
    /// staff, who reveal the phone on the appeal page with a reason; otherwise ready, and <see cref="LoadAsync"/> with <c>onCallPage</c> shows it, audited.
    /// </summary>
    public async Task<CallReadiness> CallReadinessAsync(WorkspaceActor actor, long id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var facts = await db.Appeals.AsNoTracking().Where(a => a.Id == id)
            .Select(a => new { a.CadreId, a.HandlerCadreId, a.Confidential, a.Status, HasPhone = a.CallerPhoneCipher != null })
            .FirstOrDefaultAsync(cancellationToken);
        if (facts is null || !AppealAccess.MayView(actor, facts.CadreId, facts.HandlerCadreId))
        {
            return CallReadiness.NotFound;
        }

        if (!AppealAccess.MayAct(actor, facts.HandlerCadreId))
        {
            return CallReadiness.Forbidden;
        }

        if (facts.Status == AppealStatus.Closed || !facts.HasPhone)
        {
            return CallReadiness.Unavailable;
        }

        return AppealAccess.MayRevealToCallBack(actor, facts.HandlerCadreId, facts.Confidential) ? CallReadiness.RevealWithReason : CallReadiness.Ready;
    }

    /// <summary>
    /// The caller's full phone of <paramref name="appeal"/> (null when purged), written to the audit trail as shown to the
    /// user with <paramref name="details"/> (the page, and the reason when one was asked), in its own save. Every reveal of
    /// a caller's phone, on the workspace and the supervision office's case view, goes through here.
    /// </summary>
    public async Task<string?> RevealPhoneAsync(Appeal appeal, string? userId, string userName, string details, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(appeal);
        if (appeal.CallerPhoneCipher is null)
        {
            return null;
        }

        var phone = callerData.Reveal(appeal.CallerPhoneCipher);
        db.AuditEntries.Add(new AuditEntry
        {
            At = time.GetUtcNow(),
            UserId = userId,
            UserName = userName,
            Action = AuditAction.RevealPersonalData,
            Subject = $"Appeal:{appeal.Id}",
            Details = details.Length <= 2000 ? details : details[..2000],
        });
        await db.SaveChangesAsync(cancellationToken);
        return phone;
    }

    /// <summary>The cadres named by <paramref name="ids"/>, as the timeline names them.</summary>
    public async Task<IReadOnlyDictionary<int, CadreOption>> CadresAsync(IEnumerable<int> ids, CancellationToken cancellationToken)
    {
        var list = ids.Distinct().ToList();
        return (await Cadres(db.Cadres.Where(c => list.Contains(c.Id)), cancellationToken)).ToDictionary(c => c.Id);
    }

    private static Task<List<CadreOption>> Cadres(IQueryable<Core.Directory.Cadre> cadres, CancellationToken cancellationToken) =>
        cadres
            .OrderBy(c => c.Department.Jurisdiction.Order).ThenBy(c => c.Department.Order).ThenBy(c => c.ProtocolOrder)
            .Select(c => new CadreOption(
                c.Id, c.Name, c.Position, c.Department.NameZh, c.Department.Jurisdiction.NameZh, c.OfficePhone,
                c.NamePinyin, c.PositionEn, c.Department.NameEn, c.Department.Jurisdiction.NameEn))
            .ToListAsync(cancellationToken);
}
