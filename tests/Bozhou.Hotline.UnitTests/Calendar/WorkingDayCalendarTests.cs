namespace Bozhou.Hotline.UnitTests.Calendar;

public class WorkingDayCalendarTests
{
    private static readonly WorkingDayCalendar Calendar2026 = new(HolidaySchedule.Official2026);

    private static DateOnly D(int month, int day) => new(2026, month, day);

    private static DateTimeOffset China(int month, int day, int hour, int minute = 0) =>
        new(2026, month, day, hour, minute, 0, ChinaTime.Offset);

    [Fact]
    public void The_shipped_2026_schedule_has_33_days_off_and_6_make_up_working_days()
    {
        Assert.Equal(39, HolidaySchedule.Official2026.Count);
        Assert.Equal(33, HolidaySchedule.Official2026.Count(d => d.Kind == CalendarDayKind.Holiday));
        Assert.Equal(
            [D(1, 4), D(2, 14), D(2, 28), D(5, 9), D(9, 20), D(10, 10)],
            HolidaySchedule.Official2026.Where(d => d.Kind == CalendarDayKind.Workday).Select(d => d.Date));
    }

    [Theory]
    [InlineData(2, 13, true)]   // Friday before the Spring Festival
    [InlineData(2, 14, true)]   // Saturday made a working day (调休)
    [InlineData(2, 15, false)]  // Sunday, first day of the holiday
    [InlineData(2, 16, false)]  // Monday inside the holiday
    [InlineData(2, 23, false)]  // Monday, last day of the holiday
    [InlineData(2, 24, true)]   // Tuesday, back to work
    [InlineData(2, 28, true)]   // Saturday made a working day
    [InlineData(3, 1, false)]   // ordinary Sunday
    [InlineData(3, 7, false)]   // ordinary Saturday
    [InlineData(10, 1, false)]  // National Day
    [InlineData(10, 10, true)]  // Saturday made a working day
    [InlineData(9, 20, true)]   // Sunday made a working day
    [InlineData(9, 25, false)]  // Mid-Autumn, a Friday off
    public void Working_days_follow_the_2026_schedule_including_make_up_weekend_days(int month, int day, bool working)
    {
        Assert.Equal(working, Calendar2026.IsWorkingDay(D(month, day)));
    }

    [Theory]
    [InlineData(2, 13, 1, 2, 14)]
    [InlineData(2, 14, 1, 2, 24)]
    [InlineData(2, 13, 3, 2, 25)]
    [InlineData(2, 23, 5, 2, 28)] // 24, 25, 26, 27 and Saturday the 28th
    [InlineData(2, 23, 6, 3, 2)]
    public void Adding_working_days_across_the_Spring_Festival_counts_the_make_up_Saturdays(int fromMonth, int fromDay, int workingDays, int month, int day)
    {
        Assert.Equal(D(month, day), Calendar2026.AddWorkingDays(D(fromMonth, fromDay), workingDays));
    }

    [Theory]
    [InlineData(9, 30, 1, 10, 8)]
    [InlineData(10, 9, 1, 10, 10)]
    [InlineData(9, 24, 1, 9, 28)]
    [InlineData(9, 30, 4, 10, 12)]
    public void Adding_working_days_across_National_Day_skips_the_golden_week(int fromMonth, int fromDay, int workingDays, int month, int day)
    {
        Assert.Equal(D(month, day), Calendar2026.AddWorkingDays(D(fromMonth, fromDay), workingDays));
    }

    [Theory]
    [InlineData(10, 3, 0, 10, 8)]
    [InlineData(3, 2, 0, 3, 2)]
    public void Zero_working_days_from_a_holiday_is_the_next_working_day(int fromMonth, int fromDay, int workingDays, int month, int day)
    {
        Assert.Equal(D(month, day), Calendar2026.AddWorkingDays(D(fromMonth, fromDay), workingDays));
    }

    [Fact]
    public void A_three_working_day_deadline_ends_at_midnight_China_time_of_the_third_working_day()
    {
        var deadline = Calendar2026.DeadlineAfter(China(2, 13, 10), 3);

        Assert.Equal(China(2, 26, 0), deadline);
        Assert.Equal(new DateTimeOffset(2026, 2, 25, 16, 0, 0, TimeSpan.Zero), deadline.ToUniversalTime());
    }

    [Fact]
    public void A_matter_logged_on_a_holiday_gets_the_first_working_day_as_day_one()
    {
        Assert.Equal(China(10, 9, 0), Calendar2026.DeadlineAfter(China(10, 3, 12), 1));
    }

    [Fact]
    public void A_call_late_in_the_evening_counts_from_its_China_date_not_its_UTC_date()
    {
        // 23:30 on Monday in Bozhou is 15:30 UTC the same Monday; 00:30 Tuesday is still Monday in UTC.
        Assert.Equal(China(3, 4, 0), Calendar2026.DeadlineAfter(China(3, 2, 23, 30), 1));
        Assert.Equal(China(3, 5, 0), Calendar2026.DeadlineAfter(China(3, 3, 0, 30), 1));
    }

    [Fact]
    public void Working_days_between_two_dates_count_the_later_date_and_not_the_earlier()
    {
        Assert.Equal(6, Calendar2026.WorkingDaysBetween(D(2, 13), D(2, 28)));
        Assert.Equal(3, Calendar2026.WorkingDaysBetween(D(9, 30), D(10, 10)));
        Assert.Equal(0, Calendar2026.WorkingDaysBetween(D(10, 1), D(10, 7)));
        Assert.Equal(0, Calendar2026.WorkingDaysBetween(D(3, 5), D(3, 2)));
        Assert.Equal(3, Calendar2026.WorkingDaysBetween(China(9, 30, 23, 59), China(10, 10, 0, 1)));
    }

    [Fact]
    public void Lateness_counts_the_working_days_begun_since_the_deadline_passed()
    {
        var deadline = Calendar2026.DeadlineAfter(China(3, 2, 10), 3); // end of Thursday 5 March

        Assert.Equal(0, Calendar2026.WorkingDaysLate(deadline, China(3, 5, 23, 59)));
        Assert.Equal(1, Calendar2026.WorkingDaysLate(deadline, China(3, 6, 0)));
        Assert.Equal(1, Calendar2026.WorkingDaysLate(deadline, China(3, 8, 12)));
        Assert.Equal(2, Calendar2026.WorkingDaysLate(deadline, China(3, 9, 9)));
    }

    [Fact]
    public void A_plain_calendar_rests_on_weekends_only()
    {
        Assert.True(WorkingDayCalendar.Plain.IsWorkingDay(D(10, 1)));
        Assert.False(WorkingDayCalendar.Plain.IsWorkingDay(D(10, 10)));
    }

    [Fact]
    public void A_schedule_with_an_unknown_day_kind_is_rejected()
    {
        using var reader = new StringReader("date,kind,occasion\n2027-01-01,vacation,New Year\n");
        Assert.Throws<FormatException>(() => HolidaySchedule.Parse(reader));
    }
}

public class ProvisionalDeadlineTests
{
    private static readonly WorkingDayCalendar Calendar2026 = new(HolidaySchedule.Official2026);

    [Fact]
    public void A_year_counts_as_loaded_once_it_holds_a_holiday()
    {
        Assert.True(Calendar2026.HasSchedule(2026));
        Assert.False(Calendar2026.HasSchedule(2027));
        Assert.False(new WorkingDayCalendar([new CalendarDay { Date = new DateOnly(2027, 2, 20), Kind = CalendarDayKind.Workday }]).HasSchedule(2027));
    }

    [Fact]
    public void A_deadline_is_provisional_when_its_last_day_lies_in_a_year_with_no_schedule()
    {
        // Passing at 00:00 on 1 January 2027, its last day is 31 December 2026: final.
        Assert.False(Calendar2026.IsProvisional(ChinaTime.StartOf(new DateOnly(2027, 1, 1))));
        Assert.True(Calendar2026.IsProvisional(ChinaTime.StartOf(new DateOnly(2027, 1, 2))));
        Assert.False(Calendar2026.IsProvisional(ChinaTime.StartOf(new DateOnly(2026, 12, 2))));
    }

    [Fact]
    public void Next_years_schedule_is_missing_from_1_November_and_this_years_all_year()
    {
        Assert.Empty(Calendar2026.MissingSchedules(new DateOnly(2026, 10, 31)));
        Assert.Equal([2027], Calendar2026.MissingSchedules(new DateOnly(2026, 11, 1)));
        Assert.Equal([2027], Calendar2026.MissingSchedules(new DateOnly(2027, 1, 5)));
        Assert.Equal([2025], WorkingDayCalendar.Plain.MissingSchedules(new DateOnly(2025, 6, 1)));
    }
}
