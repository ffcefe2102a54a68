namespace Bozhou.Hotline.Core.Appeals;

/// <summary>The time limits of PRODUCT §5, in working days unless the name says otherwise.</summary>
public sealed class ClockSettings
{
    public const string Section = "Clocks";

    /// <summary>A missed call is called back by the end of the next working day.</summary>
    public int CallbackWorkingDays { get; set; } = 1;

    /// <summary>The handling unit contacts the caller within 3 working days (Bozhou).</summary>
    public int FirstContactWorkingDays { get; set; } = 3;

    /// <summary>A transferred appeal is accepted within 1 working day (12345 practice).</summary>
    public int TransferAcceptWorkingDays { get; set; } = 1;

    /// <summary>No more than two levels of transfer (Bozhou).</summary>
    public int MaxTransfers { get; set; } = 2;

    public int ReplyConsultationWorkingDays { get; set; } = 3;

    public int ReplyOtherWorkingDays { get; set; } = 10;

    /// <summary>Calendar days the citizen has to rate a reply before the appeal closes unrated.</summary>
    public int RatingWindowDays { get; set; } = 7;

    /// <summary>Quiet hours (China time) are not counted against answer rates: [start, end).</summary>
    public int QuietHoursStart { get; set; }

    public int QuietHoursEnd { get; set; } = 6;
}

/// <summary>
/// The range each limit may take: wide enough for any policy a city adopts, narrow enough to catch a slip of
/// the keyboard. The start-up check of the "Clocks" section and the administrator's settings form both use it,
/// so a configured value can always be saved again unchanged.
/// </summary>
public static class ClockLimits
{
    public static IReadOnlyList<(string Name, int Min, int Max, Func<ClockSettings, int> Value)> All { get; } =
    [
        (nameof(ClockSettings.CallbackWorkingDays), 1, 10, c => c.CallbackWorkingDays),
        (nameof(ClockSettings.FirstContactWorkingDays), 1, 30, c => c.FirstContactWorkingDays),
        (nameof(ClockSettings.TransferAcceptWorkingDays), 1, 10, c => c.TransferAcceptWorkingDays),
        (nameof(ClockSettings.MaxTransfers), 0, 5, c => c.MaxTransfers),
        (nameof(ClockSettings.ReplyConsultationWorkingDays), 1, 60, c => c.ReplyConsultationWorkingDays),
        (nameof(ClockSettings.ReplyOtherWorkingDays), 1, 60, c => c.ReplyOtherWorkingDays),
        (nameof(ClockSettings.RatingWindowDays), 1, 30, c => c.RatingWindowDays),
        (nameof(ClockSettings.QuietHoursStart), 0, 23, c => c.QuietHoursStart),
        (nameof(ClockSettings.QuietHoursEnd), 0, 24, c => c.QuietHoursEnd),
    ];

    public static (int Min, int Max) Of(string name) =>
        All.Where(l => l.Name == name).Select(l => (l.Min, l.Max)).Single();

    /// <summary>The limits outside their range, as "Clocks:Name must be between min and max (is value)."</summary>
    public static IEnumerable<string> Violations(ClockSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return All.Where(l => l.Value(settings) < l.Min || l.Value(settings) > l.Max)
            .Select(l => $"{ClockSettings.Section}:{l.Name} must be between {l.Min} and {l.Max} (is {l.Value(settings)}).");
    }
}
