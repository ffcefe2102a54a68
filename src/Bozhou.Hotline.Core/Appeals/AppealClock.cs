namespace Bozhou.Hotline.Core.Appeals;

/// <summary>The deadlines of PRODUCT §5 for one calendar and one set of limits.</summary>
public sealed class AppealClock(WorkingDayCalendar calendar, ClockSettings settings)
{
    public WorkingDayCalendar Calendar { get; } = calendar;

    public ClockSettings Settings { get; } = settings;

    public DateTimeOffset CallbackDue(DateTimeOffset missedCallAt) => Calendar.DeadlineAfter(missedCallAt, Settings.CallbackWorkingDays);

    public DateTimeOffset FirstContactDue(DateTimeOffset loggedAt) => Calendar.DeadlineAfter(loggedAt, Settings.FirstContactWorkingDays);

    public DateTimeOffset TransferAcceptDue(DateTimeOffset transferredAt) => Calendar.DeadlineAfter(transferredAt, Settings.TransferAcceptWorkingDays);

    public int ReplyWorkingDays(TopicKind kind) =>
        kind == TopicKind.Consultation ? Settings.ReplyConsultationWorkingDays : Settings.ReplyOtherWorkingDays;

    public DateTimeOffset ReplyDue(DateTimeOffset from, TopicKind kind) => Calendar.DeadlineAfter(from, ReplyWorkingDays(kind));

    /// <summary>Long overdue: past twice the limit (like Alaveteli's "very late").</summary>
    public DateTimeOffset ReplyLongOverdue(DateTimeOffset from, TopicKind kind) => Calendar.DeadlineAfter(from, 2 * ReplyWorkingDays(kind));

    public DateTimeOffset RatingDue(DateTimeOffset repliedAt) => repliedAt.AddDays(Settings.RatingWindowDays);

    /// <summary>Whether an instant falls in the quiet hours (China time), which answer rates leave out.</summary>
    public bool IsQuietHour(DateTimeOffset instant)
    {
        var hour = ChinaTime.ToChina(instant).Hour;
        return Settings.QuietHoursStart <= Settings.QuietHoursEnd
            ? hour >= Settings.QuietHoursStart && hour < Settings.QuietHoursEnd
            : hour >= Settings.QuietHoursStart || hour < Settings.QuietHoursEnd;
    }
}
