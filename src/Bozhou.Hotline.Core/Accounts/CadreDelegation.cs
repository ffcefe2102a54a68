namespace Bozhou.Hotline.Core.Accounts;

/// <summary>A staff account (工作人员) acting for a cadre by explicit delegation.</summary>
public class CadreDelegation
{
    public string StaffUserId { get; set; } = "";

    public int CadreId { get; set; }

    public DateTimeOffset GrantedAt { get; set; }
}
