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

    /// <summary>Why the cadre cannot answer now (in a meeting, away); null when no availability is set.</summary>
    [NotAudited]
    public AvailabilityKind? AvailabilityKind { get; set; }

    /// <summary>The cadre's or staff's own words for <see cref="Directory.AvailabilityKind.Other"/>; null for the other kinds.</summary>
    [SingleLine]
    [NotAudited]
    public string? AvailabilityNote { get; set; }

    /// <summary>When the availability ends and the cadre calls back (UTC); the card shows it until then.</summary>
    [NotAudited]
    public DateTimeOffset? AvailabilityUntil { get; set; }

    [AuditedIds("TopicIds", nameof(CadreTopic.TopicId))]
    public List<CadreTopic> Topics { get; set; } = [];

    public bool HoldsPostOn(DateOnly date) => PostStart <= date && (PostEnd is null || PostEnd >= date);

    /// <summary>The availability set for this cadre while it has not expired at <paramref name="now"/>; null otherwise.</summary>
    public CadreAvailability? CurrentAvailability(DateTimeOffset now) =>
        AvailabilityKind is { } kind && (AvailabilityUntil is null || AvailabilityUntil > now)
            ? new CadreAvailability(kind, kind == Directory.AvailabilityKind.Other ? AvailabilityNote : null, AvailabilityUntil,
                AvailabilityUntil is { } until && ChinaTime.DateOf(until) > ChinaTime.DateOf(now))
            : null;

    /// <summary>Sets the availability until <paramref name="until"/> (UTC); <paramref name="note"/> is kept for <see cref="Directory.AvailabilityKind.Other"/> only.</summary>
    public void SetAvailability(AvailabilityKind kind, string? note, DateTimeOffset until)
    {
        AvailabilityKind = kind;
        AvailabilityNote = kind == Directory.AvailabilityKind.Other && !string.IsNullOrWhiteSpace(note) ? note.Trim() : null;
        AvailabilityUntil = until;
    }

    /// <summary>Clears the availability: the card shows the cadre as answering.</summary>
    public void ClearAvailability()
    {
        AvailabilityKind = null;
        AvailabilityNote = null;
        AvailabilityUntil = null;
    }
}

/// <summary>A topic tag on a cadre: the matters the cadre handles.</summary>
public class CadreTopic
{
    public int CadreId { get; set; }

    public int TopicId { get; set; }

    public Topic Topic { get; set; } = null!;
}
