namespace Bozhou.Hotline.Core.Directory;

/// <summary>A unit (单位) within a jurisdiction: the municipal leadership, a bureau, a county government.</summary>
[Audited("Department")]
public class Department
{
    public int Id { get; set; }

    public int JurisdictionId { get; set; }

    public Jurisdiction Jurisdiction { get; set; } = null!;

    [SingleLine]
    public string NameZh { get; set; } = "";

    [SingleLine]
    public string NameEn { get; set; } = "";

    /// <summary>Protocol order within the jurisdiction.</summary>
    public int Order { get; set; }

    /// <summary>Set when the unit is dissolved or merged; its history stays.</summary>
    public DateOnly? EndedOn { get; set; }

    public List<Cadre> Cadres { get; set; } = [];
}
