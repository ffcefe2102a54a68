namespace Bozhou.Hotline.Web.Http;

/// <summary>How a page words an action's refusal (<see cref="AppealActionOutcome"/>) in the feature's language.</summary>
public static class AppealOutcomes
{
    /// <summary>
    /// The message for a refused action: <paramref name="conflictKey"/> for a concurrent change, the rule's own code (a
    /// key of the feature's resources) for a rule; null when the outcome is not one of those two.
    /// </summary>
    public static string? Refusal(this AppealActionOutcome outcome, IStringLocalizer localizer, string conflictKey)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(localizer);
        return outcome.Status switch
        {
            AppealActionStatus.Conflict => localizer[conflictKey].Value,
            AppealActionStatus.Rule => localizer[outcome.RuleCode!].Value,
            _ => null,
        };
    }
}
