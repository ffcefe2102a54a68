namespace Bozhou.Hotline.Core.Directory;

/// <summary>
/// A cadre moving to another post (职务变动). The old record ends the day before the change and a new record starts
/// on it, holding the same person's details and superior. The duties and topic tags are the post's, not the person's:
/// they carry over only within the same unit (department); a move to another unit starts with none, for the
/// administrator to fill in (<see cref="DutiesCarryOver"/>). What follows the person, and what stays:
/// <list type="bullet">
/// <item>Appeals stay with the old post: they were logged and are handled there.</item>
/// <item>The person's accounts move to the new post, and each keeps the old one by a delegation (<see cref="KeptPosts"/>),
/// so that the matters still open there are answered or passed on, not left with no one.</item>
/// <item>The staff delegated to the old post keep it and are delegated to the new one too.</item>
/// <item>The cadres who escalate to the old post escalate to the new one when asked (a promotion in the same line, which
/// the form proposes only within the same unit: <see cref="SubordinatesFollowByDefault"/>); otherwise they wait for the successor.</item>
/// </list>
/// Planned in two steps because the new record's id is the database's: <see cref="Plan"/> before the first save,
/// <see cref="Complete"/> once the new record has its id, before a second save in the same transaction.
/// </summary>
public sealed class PostChange
{
    private readonly IReadOnlyList<HotlineUser> _accounts;
    private readonly IReadOnlyList<string> _staff;
    private readonly DateTimeOffset _now;

    private PostChange(Cadre previous, Cadre next, IReadOnlyList<HotlineUser> accounts, IReadOnlyList<string> staff, IReadOnlyList<CadreDelegation> keptPosts, IReadOnlyList<Cadre> followers, DateTimeOffset now)
    {
        (Previous, Next, _accounts, _staff, KeptPosts, Followers, _now) = (previous, next, accounts, staff, keptPosts, followers, now);
    }

    /// <summary>The record of the post left, ended the day before the change.</summary>
    public Cadre Previous { get; }

    /// <summary>The record of the new post, from the day of the change; to be added and saved.</summary>
    public Cadre Next { get; }

    /// <summary>The delegations by which the person's accounts keep the old post; to be added with <see cref="Next"/>.</summary>
    public IReadOnlyList<CadreDelegation> KeptPosts { get; }

    /// <summary>The cadres who escalate to the new post once <see cref="Complete"/> has run (none unless asked).</summary>
    public IReadOnlyList<Cadre> Followers { get; }

    /// <summary>Whether the new post carried the old one's duties and topic tags (same unit), or starts with none (another unit).</summary>
    public bool CarriedDuties => Previous.DepartmentId == Next.DepartmentId;

    /// <summary>
    /// Whether the duties (职责, both languages) and topic tags go with the person to a post in
    /// <paramref name="departmentId"/>: only when it is the unit (department) of <paramref name="current"/>. A deputy
    /// secretary-general moved from the transport bureau no longer handles "公交".
    /// </summary>
    public static bool DutiesCarryOver(Cadre current, int departmentId)
    {
        ArgumentNullException.ThrowIfNull(current);
        return current.DepartmentId == departmentId;
    }

    /// <summary>
    /// Whether the form proposes (ticks) that the cadres reporting to <paramref name="current"/> follow it to a post in
    /// <paramref name="departmentId"/>: only within the same unit (a promotion in the same line); for another unit
    /// they wait for the successor. Null <paramref name="departmentId"/> (none chosen) counts as the same unit.
    /// The administrator's choice, as posted, is what <see cref="Plan"/> applies.
    /// </summary>
    public static bool SubordinatesFollowByDefault(Cadre current, int? departmentId)
    {
        ArgumentNullException.ThrowIfNull(current);
        return departmentId is null || DutiesCarryOver(current, departmentId.Value);
    }

    /// <summary>
    /// Ends <paramref name="current"/> yesterday (China date <paramref name="today"/> minus one) and plans the new
    /// record from today, in <paramref name="departmentId"/> as <paramref name="position"/>, with the duties and topic tags
    /// of the old post when in the same unit and none otherwise (<see cref="DutiesCarryOver"/>).
    /// </summary>
    /// <param name="accounts">The accounts acting as <paramref name="current"/> (<see cref="HotlineUser.CadreId"/>).</param>
    /// <param name="delegations">The delegations to <paramref name="current"/> as they stand before the change.</param>
    /// <param name="subordinates">The cadres whose superior is <paramref name="current"/>; those holding a post today follow when <paramref name="subordinatesFollow"/>.</param>
    /// <param name="now">When the change is made (UTC), the time of the delegations it grants.</param>
    /// <exception cref="InvalidOperationException">The post ended before today, or started today or later (correct the record instead).</exception>
    public static PostChange Plan(
        Cadre current, int departmentId, string position, string positionEn, bool subordinatesFollow, DateOnly today, DateTimeOffset now,
        IReadOnlyCollection<HotlineUser> accounts, IReadOnlyCollection<CadreDelegation> delegations, IReadOnlyCollection<Cadre> subordinates)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(position);
        ArgumentNullException.ThrowIfNull(positionEn);
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(delegations);
        ArgumentNullException.ThrowIfNull(subordinates);
        if (current.PostEnd is { } ended && ended < today)
        {
            throw new InvalidOperationException($"Cadre {current.Id}'s post already ended on {ended:yyyy-MM-dd}.");
        }

        if (current.PostStart >= today)
        {
            throw new InvalidOperationException($"Cadre {current.Id}'s post starts on {current.PostStart:yyyy-MM-dd}; correct it instead of changing it.");
        }

        current.PostEnd = today.AddDays(-1);
        var carry = DutiesCarryOver(current, departmentId);
        var next = new Cadre
        {
            Name = current.Name,
            NamePinyin = current.NamePinyin,
            Position = position.Trim(),
            PositionEn = positionEn.Trim(),
            Duties = carry ? current.Duties : "",
            DutiesEn = carry ? current.DutiesEn : "",
            Mobile = current.Mobile,
            OfficePhone = current.OfficePhone,
            DepartmentId = departmentId,
            ProtocolOrder = current.ProtocolOrder,
            SuperiorId = current.SuperiorId,
            Topics = carry ? [.. current.Topics.Select(t => new CadreTopic { TopicId = t.TopicId })] : [],
            PostStart = today,
        };
        var mine = accounts.Where(a => a.CadreId == current.Id).ToList();
        var onOldPost = delegations.Where(d => d.CadreId == current.Id).ToList();
        var kept = mine.Where(a => onOldPost.All(d => d.StaffUserId != a.Id))
            .Select(a => new CadreDelegation { StaffUserId = a.Id, CadreId = current.Id, GrantedAt = now })
            .ToList();
        var followers = subordinatesFollow
            ? subordinates.Where(s => s.SuperiorId == current.Id && s.Id != current.Id && s.HoldsPostOn(today)).ToList()
            : [];
        return new PostChange(current, next, mine, [.. onOldPost.Select(d => d.StaffUserId).Distinct()], kept, followers, now);
    }

    /// <summary>
    /// Once <see cref="Next"/> is saved: the person's accounts act as the new post, the subordinates who follow escalate
    /// to it, and the delegations returned (the old post's staff, to the new post) are to be added.
    /// </summary>
    /// <exception cref="InvalidOperationException"><see cref="Next"/> has no id yet (it was not saved).</exception>
    public IReadOnlyList<CadreDelegation> Complete()
    {
        if (Next.Id == 0)
        {
            throw new InvalidOperationException("The new post is not saved yet: save it before completing the change of post.");
        }

        foreach (var account in _accounts)
        {
            account.CadreId = Next.Id;
        }

        foreach (var follower in Followers)
        {
            follower.SuperiorId = Next.Id;
        }

        return [.. _staff.Select(staff => new CadreDelegation { StaffUserId = staff, CadreId = Next.Id, GrantedAt = _now })];
    }

    /// <summary>Whether the post may change today: it is held and did not start today.</summary>
    public static bool CanChange(Cadre cadre, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(cadre);
        return cadre.PostStart < today && (cadre.PostEnd is null || cadre.PostEnd >= today);
    }

    /// <summary>
    /// Ends a post with no successor record: the last day held is yesterday (China date <paramref name="today"/> minus
    /// one), or its first day for a post that starts today or later. False, and nothing changed, when it has ended already.
    /// </summary>
    public static bool End(Cadre cadre, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(cadre);
        if (cadre.PostEnd is not null)
        {
            return false;
        }

        cadre.PostEnd = cadre.PostStart < today ? today.AddDays(-1) : cadre.PostStart;
        return true;
    }
}
