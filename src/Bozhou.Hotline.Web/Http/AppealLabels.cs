namespace Bozhou.Hotline.Web.Http;

/// <summary>The appeal's states, outcomes and times as a citizen reads them, in the chosen language.</summary>
public static class AppealLabels
{
    public static string Outcome(this IStringLocalizer<AppealsResource> l, CallOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(l);
        return l["Outcome." + outcome];
    }

    public static string Status(this IStringLocalizer<AppealsResource> l, AppealStatus status)
    {
        ArgumentNullException.ThrowIfNull(l);
        return l["Status." + status];
    }

    public static string CallerType(this IStringLocalizer<AppealsResource> l, CallerType type)
    {
        ArgumentNullException.ThrowIfNull(l);
        return l["CallerType." + type];
    }

    /// <summary>
    /// A deadline as the last day it covers: a clock "within N working days" passes at 00:00 China time
    /// after its last day, which a citizen reads as "by the end of Friday 13 February".
    /// </summary>
    public static string Deadline(this IStringLocalizer<AppealsResource> l, DateTimeOffset due)
    {
        ArgumentNullException.ThrowIfNull(l);
        return l["Format.Deadline", ChinaTime.ToChina(due).AddTicks(-1).DateTime];
    }

    /// <summary>An instant in China time, to the minute.</summary>
    public static string When(this IStringLocalizer<AppealsResource> l, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(l);
        return l["Format.When", ChinaTime.ToChina(at).DateTime];
    }

    /// <summary>Who acted, as the public timeline shows it: the caller, the system, or staff by role only.</summary>
    public static string Actor(this IStringLocalizer<AppealsResource> l, EventActorKind actor)
    {
        ArgumentNullException.ThrowIfNull(l);
        return actor switch
        {
            EventActorKind.Caller => l["Actor.Caller"],
            EventActorKind.System => l["Actor.System"],
            _ => l["Actor.Staff"],
        };
    }
}
