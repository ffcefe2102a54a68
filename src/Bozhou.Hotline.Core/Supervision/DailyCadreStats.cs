namespace Bozhou.Hotline.Core.Supervision;

/// <summary>
/// The scorecard counts of the appeals logged with one cadre on one China date (the day's cohort), so
/// that a month, quarter or year is a sum of small rows rather than a scan of the appeals. Kept up to
/// date by <see cref="StatsRollup"/>; rebuilt whole by the <c>rebuild-stats</c> command.
/// </summary>
public class DailyCadreStats
{
    public DateOnly Date { get; set; }

    public int CadreId { get; set; }

    public int CallsLogged { get; set; }

    /// <summary>Call attempts outside the quiet hours.</summary>
    public int CallAttempts { get; set; }

    public int CallsAnswered { get; set; }

    /// <summary>Missed calls whose callback is decided: made, or its deadline passed.</summary>
    public int CallbacksDue { get; set; }

    public int CallbacksOnTime { get; set; }

    public int FirstContactsDue { get; set; }

    public int FirstContactsOnTime { get; set; }

    public int RepliesDue { get; set; }

    public int RepliesOnTime { get; set; }

    public int Ratings { get; set; }

    /// <summary>Ratings of 4 or 5.</summary>
    public int RatingsSatisfied { get; set; }

    /// <summary>Appeals whose citizen answered "was it resolved" (the latest rating's answer): the resolution rate's cases.</summary>
    public int ResolutionAnswers { get; set; }

    /// <summary>Of <see cref="ResolutionAnswers"/>, those that said resolved (解决).</summary>
    public int SaidResolved { get; set; }

    /// <summary>Appeals whose handler asked for an extension (延期) of the reply deadline, whatever the decision.</summary>
    public int ExtensionsRequested { get; set; }

    /// <summary>Of <see cref="ExtensionsRequested"/>, those the supervision office approved.</summary>
    public int ExtensionsApproved { get; set; }

    /// <summary>When the row was computed: the counts are as of this instant.</summary>
    public DateTimeOffset ComputedAt { get; set; }

    /// <summary>Adds <paramref name="other"/>'s counts to these (the date, cadre and computing time stay).</summary>
    public void Add(DailyCadreStats other)
    {
        ArgumentNullException.ThrowIfNull(other);
        CallsLogged += other.CallsLogged;
        CallAttempts += other.CallAttempts;
        CallsAnswered += other.CallsAnswered;
        CallbacksDue += other.CallbacksDue;
        CallbacksOnTime += other.CallbacksOnTime;
        FirstContactsDue += other.FirstContactsDue;
        FirstContactsOnTime += other.FirstContactsOnTime;
        RepliesDue += other.RepliesDue;
        RepliesOnTime += other.RepliesOnTime;
        Ratings += other.Ratings;
        RatingsSatisfied += other.RatingsSatisfied;
        ResolutionAnswers += other.ResolutionAnswers;
        SaidResolved += other.SaidResolved;
        ExtensionsRequested += other.ExtensionsRequested;
        ExtensionsApproved += other.ExtensionsApproved;
    }
}
