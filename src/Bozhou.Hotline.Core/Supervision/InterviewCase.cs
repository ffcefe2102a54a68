namespace Bozhou.Hotline.Core.Supervision;

/// <summary>
/// A step of the escalation ladder above a reminder: an interview (约谈) of a cadre, or a referral for
/// serious handling (严肃处理) with the discipline inspection commission, with the appeals behind it.
/// </summary>
public class InterviewCase
{
    public const int NotesMaxLength = 4000;

    /// <summary>The longest outcome, and the longest out-of-order reason.</summary>
    public const int OutcomeMaxLength = 2000;

    public long Id { get; set; }

    public int CadreId { get; set; }

    public EscalationKind Kind { get; set; }

    /// <summary>The China date of the interview, or of the referral.</summary>
    public DateOnly HeldOn { get; set; }

    /// <summary>Who held the interview; for a referral, to whom it went.</summary>
    [SingleLine]
    public string Interviewer { get; set; } = "";

    public string Notes { get; set; } = "";

    /// <summary>The interview's outcome; empty until recorded. A referral needs an interview whose outcome is recorded.</summary>
    public string Outcome { get; set; } = "";

    /// <summary>
    /// Why the office took this step out of the ladder's order (PRODUCT §6: going out of order needs a written reason);
    /// null when the step followed the ladder.
    /// </summary>
    public string? OverrideReason { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    [SingleLine]
    public string CreatedBy { get; set; } = "";

    [NotDisplayText]
    public string? CreatedByUserId { get; set; }

    public List<InterviewCaseAppeal> Appeals { get; set; } = [];
}

/// <summary>An appeal behind an interview or referral.</summary>
public class InterviewCaseAppeal
{
    public long InterviewCaseId { get; set; }

    public long AppealId { get; set; }
}

public enum EscalationKind
{
    /// <summary>约谈.</summary>
    Interview = 1,

    /// <summary>严肃处理: referred to the discipline inspection commission.</summary>
    Referral = 2,
}
