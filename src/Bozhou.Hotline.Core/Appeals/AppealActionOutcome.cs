namespace Bozhou.Hotline.Core.Appeals;

/// <summary>How an action on an appeal ended (<see cref="AppealActionRunner"/>).</summary>
public enum AppealActionStatus
{
    /// <summary>The action was saved, with its timeline event.</summary>
    Done,

    /// <summary>No such appeal, or not one the actor may see: the same answer for both, so ids reveal nothing.</summary>
    NotFound,

    /// <summary>The actor may read the appeal but not act on it (it was passed on).</summary>
    Forbidden,

    /// <summary>Someone else changed the appeal since the form was shown; nothing was saved.</summary>
    Conflict,

    /// <summary>A rule refused the action; <see cref="AppealActionOutcome.RuleCode"/> says which. Nothing was saved.</summary>
    Rule,
}

/// <summary>
/// The outcome of one action on one appeal: its status, the refusing rule's code (a resource key such as
/// <see cref="AppealRuleException.Closed"/>) and the appeal as it was read, for the answer's wording (null when not found).
/// </summary>
public sealed record AppealActionOutcome(AppealActionStatus Status, string? RuleCode = null, Appeal? Appeal = null)
{
    /// <summary>Whether the action was saved.</summary>
    public bool IsDone => Status == AppealActionStatus.Done;
}
