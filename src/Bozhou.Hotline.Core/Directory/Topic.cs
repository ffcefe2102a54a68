namespace Bozhou.Hotline.Core.Directory;

/// <summary>What a matter is about, from an administered list of at most 20 topics, "Other" included.</summary>
[Audited("Topic")]
public class Topic
{
    public const int MaxActive = 20;

    public int Id { get; set; }

    /// <summary>A stable short code, e.g. <c>transport</c>, <c>other</c>.</summary>
    [SingleLine]
    public string Code { get; set; } = "";

    [SingleLine]
    public string NameZh { get; set; } = "";

    [SingleLine]
    public string NameEn { get; set; } = "";

    /// <summary>A consultation gets its reply within 3 working days, anything else within 10 (Anhui 2022 rule).</summary>
    public TopicKind Kind { get; set; } = TopicKind.Matter;

    public int Order { get; set; }

    public bool IsActive { get; set; } = true;

    public string Name(bool english) => english ? NameEn : NameZh;
}

public enum TopicKind
{
    /// <summary>A request, complaint or suggestion: the longer reply clock.</summary>
    Matter = 1,

    /// <summary>A question (咨询): the shorter reply clock.</summary>
    Consultation = 2,
}
