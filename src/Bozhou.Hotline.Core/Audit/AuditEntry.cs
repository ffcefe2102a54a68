namespace Bozhou.Hotline.Core.Audit;

/// <summary>
/// One line of the audit trail: an admin change, or a reveal or export of personal data. Written once,
/// never edited or deleted through the app.
/// </summary>
public class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    [NotDisplayText]
    public string? UserId { get; set; }

    [SingleLine]
    public string UserName { get; set; } = "";

    public AuditAction Action { get; set; }

    /// <summary>What it was done to, e.g. <c>Appeal:123</c>, <c>Cadre:45</c>.</summary>
    [SingleLine]
    public string Subject { get; set; } = "";

    public string? Details { get; set; }

    [NotDisplayText]
    public string? Before { get; set; }

    [NotDisplayText]
    public string? After { get; set; }
}

public enum AuditAction
{
    /// <summary>A caller's full phone or name was shown.</summary>
    RevealPersonalData = 1,
    Export = 2,
    AdminChange = 3,
    Purge = 4,
    SignIn = 5,

    /// <summary>An account was locked by repeated failed sign-ins.</summary>
    Lockout = 6,

    /// <summary>An administrator lifted an account's lockout.</summary>
    Unlock = 7,

    /// <summary>An SMS was kept back by the gateway limits: a duplicate within minutes, or over a phone's daily limit.</summary>
    SmsWithheld = 8,

    /// <summary>The supervision office took a step of the escalation ladder out of its order, with a written reason.</summary>
    LadderOverride = 9,

    /// <summary>The supervision office dismissed an early warning (预警), with a written reason.</summary>
    AlertDismissed = 10,
}
