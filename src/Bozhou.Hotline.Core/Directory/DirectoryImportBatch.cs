namespace Bozhou.Hotline.Core.Directory;

/// <summary>
/// One applied import of the published list (导入批次): who applied which file when, what it did, and every record it
/// touched with that record's state before and after (<see cref="DirectoryImportChange"/>), so that it can be reverted
/// as one change within <see cref="RevertDays"/> days while none of those records has changed since.
/// </summary>
public class DirectoryImportBatch
{
    /// <summary>How long after it was applied an import may be reverted, in days (30).</summary>
    public const int RevertDays = 30;

    public int Id { get; set; }

    /// <summary>When the import was applied (UTC).</summary>
    public DateTimeOffset ImportedAt { get; set; }

    /// <summary>The account that applied it; null for the <c>import-directory</c> command.</summary>
    public string? ImportedByUserId { get; set; }

    /// <summary>The name shown for who applied it (the account's name, or "system").</summary>
    public string ImportedBy { get; set; } = "";

    /// <summary>The uploaded file's name, or "pasted" for pasted text.</summary>
    public string FileName { get; set; } = "";

    /// <summary>SHA-256 of the file's bytes as uploaded (of the pasted text in UTF-8), lower-case hex.</summary>
    public string FileSha256 { get; set; } = "";

    /// <summary>The codes of the jurisdictions the file lists, comma-separated: the only ones the import changed.</summary>
    public string Jurisdictions { get; set; } = "";

    public int Added { get; set; }

    public int Changed { get; set; }

    public int Ended { get; set; }

    public int DepartmentsAdded { get; set; }

    /// <summary>When it was reverted (UTC); null while it stands.</summary>
    public DateTimeOffset? RevertedAt { get; set; }

    public string? RevertedBy { get; set; }

    public List<DirectoryImportChange> Changes { get; set; } = [];

    /// <summary>Whether the revert window is still open at <paramref name="now"/> (UTC) and the batch stands.</summary>
    public bool CanRevertAt(DateTimeOffset now) => RevertedAt is null && now < ImportedAt.AddDays(RevertDays);
}

/// <summary>
/// One record an import touched: a cadre (added, changed, ended, or pointed to another superior) or a department it
/// added. <see cref="Before"/> is null for a record the import created; both states are <see cref="CadreState"/> JSON
/// for a cadre, and empty for a department.
/// </summary>
public class DirectoryImportChange
{
    public int Id { get; set; }

    public int BatchId { get; set; }

    public int? CadreId { get; set; }

    public Cadre? Cadre { get; set; }

    public int? DepartmentId { get; set; }

    public Department? Department { get; set; }

    public string? Before { get; set; }

    public string After { get; set; } = "";
}

/// <summary>What an import may change of a cadre's record, compared to tell whether the record changed since.</summary>
public sealed record CadreState(
    string Name, string Position, string Duties, string Mobile, string? OfficePhone, int ProtocolOrder, int? SuperiorId, DateOnly? PostEnd, int DepartmentId)
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    /// <summary>The record's state now (its <see cref="Cadre.SuperiorId"/> and <see cref="Cadre.DepartmentId"/> set).</summary>
    public static CadreState Of(Cadre cadre)
    {
        ArgumentNullException.ThrowIfNull(cadre);
        return new(cadre.Name, cadre.Position, cadre.Duties, cadre.Mobile, cadre.OfficePhone, cadre.ProtocolOrder, cadre.SuperiorId, cadre.PostEnd, cadre.DepartmentId);
    }

    public string ToJson() => System.Text.Json.JsonSerializer.Serialize(this, Json);

    /// <exception cref="System.Text.Json.JsonException">Not a stored state.</exception>
    public static CadreState FromJson(string json) => System.Text.Json.JsonSerializer.Deserialize<CadreState>(json, Json)!;

    /// <summary>Puts this state back on <paramref name="cadre"/>.</summary>
    public void ApplyTo(Cadre cadre)
    {
        ArgumentNullException.ThrowIfNull(cadre);
        (cadre.Name, cadre.Position, cadre.Duties, cadre.Mobile, cadre.OfficePhone, cadre.ProtocolOrder, cadre.SuperiorId, cadre.PostEnd, cadre.DepartmentId) =
            (Name, Position, Duties, Mobile, OfficePhone, ProtocolOrder, SuperiorId, PostEnd, DepartmentId);
    }
}
