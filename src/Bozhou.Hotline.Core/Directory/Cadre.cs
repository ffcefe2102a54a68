namespace Bozhou.Hotline.Core.Directory;

/// <summary>
/// A leading cadre (领导干部) holding one post. A change of post ends this record and starts a new one,
/// so that an appeal keeps pointing to the cadre who held the post when it was logged.
/// </summary>
[Audited("Cadre")]
public class Cadre
{
    public int Id { get; set; }

    [SingleLine]
    public string Name { get; set; } = "";

    /// <summary>The name in pinyin, for English pages and searches.</summary>
    [SingleLine]
    public string NamePinyin { get; set; } = "";

    /// <summary>职务, e.g. "副市长".</summary>
    [SingleLine]
    public string Position { get; set; } = "";

    [SingleLine]
    public string PositionEn { get; set; } = "";

    /// <summary>分工: the division of duties as published.</summary>
    public string Duties { get; set; } = "";

    public string DutiesEn { get; set; } = "";

    /// <summary>Mobile number in E.164 (+86…).</summary>
    [SingleLine]
    public string Mobile { get; set; } = "";

    /// <summary>Office number in E.164, when published.</summary>
    [SingleLine]
    public string? OfficePhone { get; set; }

    public int DepartmentId { get; set; }

    public Department Department { get; set; } = null!;

    /// <summary>Whom a citizen escalates to when this cadre does not resolve the matter.</summary>
    public int? SuperiorId { get; set; }

    public Cadre? Superior { get; set; }

    /// <summary>Order within the department, as the published list has it.</summary>
    public int ProtocolOrder { get; set; }

    public DateOnly PostStart { get; set; }

    /// <summary>The last day the post was held; null while the cadre holds it.</summary>
    public DateOnly? PostEnd { get; set; }

    /// <summary>"在开会，16:00后回电" as the cadre or staff set it; shown on the card until it expires.</summary>
    [SingleLine]
    [NotAudited]
    public string? AvailabilityNote { get; set; }

    [NotAudited]
    public DateTimeOffset? AvailabilityUntil { get; set; }

    [AuditedIds("TopicIds", nameof(CadreTopic.TopicId))]
    public List<CadreTopic> Topics { get; set; } = [];

    public bool HoldsPostOn(DateOnly date) => PostStart <= date && (PostEnd is null || PostEnd >= date);

    /// <summary>The availability note while it has not expired.</summary>
    public string? CurrentAvailability(DateTimeOffset now) =>
        AvailabilityNote is { Length: > 0 } note && (AvailabilityUntil is null || AvailabilityUntil > now) ? note : null;
}

/// <summary>A topic tag on a cadre: the matters the cadre handles.</summary>
public class CadreTopic
{
    public int CadreId { get; set; }

    public int TopicId { get; set; }

    public Topic Topic { get; set; } = null!;
}
