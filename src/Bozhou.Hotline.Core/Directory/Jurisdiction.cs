namespace Bozhou.Hotline.Core.Directory;

/// <summary>The city proper (市直) or one of its district and counties: 谯城区, 涡阳县, 蒙城县, 利辛县.</summary>
[Audited("Jurisdiction")]
public class Jurisdiction
{
    /// <summary>What a code may be: a letter, then up to 31 letters, digits or hyphens (stored in lower case).</summary>
    public const string CodePattern = "^[A-Za-z][A-Za-z0-9-]{0,31}$";

    /// <summary>The longest Chinese name, in characters.</summary>
    public const int MaxNameZh = 40;

    /// <summary>The longest English name, in characters.</summary>
    public const int MaxNameEn = 80;

    public int Id { get; set; }

    /// <summary>A stable short code used in URLs and imports, e.g. <c>city</c>, <c>qiaocheng</c>.</summary>
    [SingleLine]
    public string Code { get; set; } = "";

    [SingleLine]
    public string NameZh { get; set; } = "";

    [SingleLine]
    public string NameEn { get; set; } = "";

    /// <summary>Protocol order: the city first, then as the published list has them.</summary>
    public int Order { get; set; }

    /// <summary>Set when the jurisdiction is abolished or merged; its units and history stay.</summary>
    public DateOnly? EndedOn { get; set; }

    public List<Department> Departments { get; set; } = [];
}
