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
