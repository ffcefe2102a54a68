namespace Bozhou.Hotline.Core.Insight;

/// <summary>
/// One key of one analysed appeal: a term, a phrase, or (<see cref="TermKind.Appeal"/>, empty key) the row saying the
/// appeal was analysed, which the trends count as the scope's appeals. The primary key (<see cref="AppealId"/>,
/// <see cref="Key"/>) makes a second analysis of the same appeal fail rather than count twice.
/// <para>
/// The scope is the appeal's own at logging: the cadre the citizen called (<see cref="Appeal.CadreId"/>), that cadre's
/// department and jurisdiction when the appeal was analysed (a minute after logging). A transfer does not move it: the
/// trends say what citizens raise at whose door, and the counts of a past window do not change when a case moves on.
/// </para>
/// </summary>
public class AppealTerm
{
    public long AppealId { get; set; }

    /// <summary>The term, or a phrase's two terms separated by a space; empty for the <see cref="TermKind.Appeal"/> row.</summary>
    [NotDisplayText]
    public string Key { get; set; } = "";

    public TermKind Kind { get; set; }

    /// <summary>The China date the appeal was logged (<see cref="Appeal.LoggedAt"/>).</summary>
    public DateOnly LoggedDay { get; set; }

    public int CadreId { get; set; }

    public int DepartmentId { get; set; }

    public int JurisdictionId { get; set; }
}
