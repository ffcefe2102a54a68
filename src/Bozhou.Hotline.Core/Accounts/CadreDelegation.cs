namespace Bozhou.Hotline.Core.Accounts;

/// <summary>
/// An account acting for a cadre record by explicit grant: a staff account (工作人员) delegated to a cadre, or
/// a cadre's own account keeping the post it left by a change of post, for the appeals still open there.
/// </summary>
[Audited("User", OnlyWhenDescribed = true, SubjectKey = nameof(StaffUserId), Fields = [nameof(CadreId)])]
public class CadreDelegation
{
    [NotDisplayText]
    public string StaffUserId { get; set; } = "";

    [AuditName("DelegatedCadreId")]
    public int CadreId { get; set; }

    public DateTimeOffset GrantedAt { get; set; }
}
