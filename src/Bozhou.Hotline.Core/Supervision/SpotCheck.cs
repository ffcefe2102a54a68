namespace Bozhou.Hotline.Core.Supervision;

/// <summary>
/// One day's draw of cadres to dial (抽查). The seed and the candidates are stored with the list, so that
/// <see cref="SpotCheckDraw"/> replays it exactly. A redraw never replaces a round: the earlier one is
/// marked superseded and the new one carries the written reason.
/// </summary>
public class SpotCheckRound
{
    public long Id { get; set; }

    /// <summary>The China date of the working day the round belongs to.</summary>
    public DateOnly Date { get; set; }

    /// <summary>From a cryptographic source; published with the draw so anyone can repeat it.</summary>
    public int Seed { get; set; }

    /// <summary>How many cadres were asked for (k).</summary>
    public int Size { get; set; }

    /// <summary>The cadres holding posts that day, as comma-separated ids: the pool the draw was made from.</summary>
    [NotDisplayText]
    public string CandidateIds { get; set; } = "";

    /// <summary>The cadres drawn, in draw order, comma-separated.</summary>
    [NotDisplayText]
    public string DrawnIds { get; set; } = "";

    public DateTimeOffset DrawnAt { get; set; }

    [SingleLine]
    public string DrawnBy { get; set; } = "";

    [NotDisplayText]
    public string? DrawnByUserId { get; set; }

    /// <summary>Why this round replaced an earlier one the same day; null for the day's first draw.</summary>
    [SingleLine]
    public string? RedrawReason { get; set; }

    /// <summary>Set when a later redraw replaced this round; the round itself is kept.</summary>
    public DateTimeOffset? SupersededAt { get; set; }

    public List<SpotCheckCall> Calls { get; set; } = [];

    public bool IsSuperseded => SupersededAt is not null;

    public IReadOnlyList<int> Candidates => ParseIds(CandidateIds);

    public IReadOnlyList<int> Drawn => ParseIds(DrawnIds);

    public static string FormatIds(IEnumerable<int> ids) => string.Join(',', ids.Select(i => i.ToString(CultureInfo.InvariantCulture)));

    private static int[] ParseIds(string ids) =>
        [.. ids.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
}

/// <summary>A checker's dial to a drawn cadre and what happened.</summary>
public class SpotCheckCall
{
    public long Id { get; set; }

    public long RoundId { get; set; }

    public int CadreId { get; set; }

    public SpotCheckOutcome Outcome { get; set; }

    /// <summary>When the checker dialled.</summary>
    public DateTimeOffset CalledAt { get; set; }

    [SingleLine]
    public string Checker { get; set; } = "";

    [NotDisplayText]
    public string? CheckerUserId { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}

public enum SpotCheckOutcome
{
    /// <summary>The cadre answered.</summary>
    Answered = 1,

    /// <summary>The cadre's staff answered for the cadre (秘书代接).</summary>
    AnsweredByStaff = 2,

    NotAnswered = 3,

    /// <summary>Not answered, but the cadre called back within 30 minutes.</summary>
    CalledBackWithin30Minutes = 4,

    /// <summary>The phone was off (关机) or out of service.</summary>
    SwitchedOff = 5,
}

public static class SpotCheckOutcomeExtensions
{
    /// <summary>
    /// The scheme asks that the cadre answer, or have staff answer, or call back promptly; so those three
    /// count as answered in the spot-check answer rate, and "not answered" and "off" do not.
    /// </summary>
    public static bool CountsAsAnswered(this SpotCheckOutcome outcome) =>
        outcome is SpotCheckOutcome.Answered or SpotCheckOutcome.AnsweredByStaff or SpotCheckOutcome.CalledBackWithin30Minutes;
}
