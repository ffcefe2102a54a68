namespace Bozhou.Hotline.Core.Appeals;

/// <summary>A call or SMS from the citizen to the cadre, with what happened.</summary>
public class CallAttempt
{
    public long Id { get; set; }

    public long AppealId { get; set; }

    public DateTimeOffset At { get; set; }

    public CallOutcome Outcome { get; set; }

    /// <summary>When it was logged, which may be later than the call itself.</summary>
    public DateTimeOffset LoggedAt { get; set; }
}
