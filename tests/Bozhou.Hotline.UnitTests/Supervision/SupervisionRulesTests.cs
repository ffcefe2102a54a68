namespace Bozhou.Hotline.UnitTests.Supervision;

public class SupervisionRulesTests
{
    private static readonly AppealClock Clock = new(new WorkingDayCalendar(HolidaySchedule.Official2026), new ClockSettings());

    [Theory]
    [InlineData("2026-03", "2026-03-01", "2026-03-31")]
    [InlineData("2026-02", "2026-02-01", "2026-02-28")]
    [InlineData("2026-Q1", "2026-01-01", "2026-03-31")]
    [InlineData("2026-q4", "2026-10-01", "2026-12-31")]
    [InlineData("2026", "2026-01-01", "2026-12-31")]
    [InlineData("２０２６－０３", "2026-03-01", "2026-03-31")]
    [InlineData("２０２６－ｑ１", "2026-01-01", "2026-03-31")]
    [InlineData(" 2026-Q1 ", "2026-01-01", "2026-03-31")]
    public void A_month_quarter_or_year_is_read_as_its_China_dates(string code, string from, string to)
    {
        Assert.True(ReportPeriod.TryParse(code, out var period));
        Assert.Equal(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), period.From);
        Assert.Equal(DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture), period.To);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2026-13")]
    [InlineData("2026-Q5")]
    [InlineData("26-03")]
    [InlineData("2026-03-01")]
    [InlineData("march")]
    [InlineData("٢٠٢٦")]
    [InlineData("२०२६-०३")]
    public void Anything_else_is_not_a_period(string code) => Assert.False(ReportPeriod.TryParse(code, out _));

    [Theory]
    [InlineData(SpotCheckOutcome.Answered, true)]
    [InlineData(SpotCheckOutcome.AnsweredByStaff, true)]
    [InlineData(SpotCheckOutcome.CalledBackWithin30Minutes, true)]
    [InlineData(SpotCheckOutcome.NotAnswered, false)]
    [InlineData(SpotCheckOutcome.SwitchedOff, false)]
    public void A_spot_check_counts_as_answered_when_the_cadre_or_staff_answered_or_called_back_within_30_minutes(SpotCheckOutcome outcome, bool answered) =>
        Assert.Equal(answered, outcome.CountsAsAnswered());

    [Fact]
    public void An_appeal_is_long_overdue_once_twice_its_reply_limit_has_passed_since_it_was_logged()
    {
        // A consultation logged on Monday 2 March 2026 is long overdue from the end of Tuesday 10 March.
        var logged = ChinaTime.At(new DateOnly(2026, 3, 2), new TimeOnly(10, 0));
        var longDue = Clock.ReplyLongOverdue(logged, TopicKind.Consultation);
        Assert.Equal(ChinaTime.StartOf(new DateOnly(2026, 3, 11)), longDue);

        var before = SupervisionQueues.LongOverdueLoggedBefore(Clock, TopicKind.Consultation, longDue.AddTicks(-1));
        var at = SupervisionQueues.LongOverdueLoggedBefore(Clock, TopicKind.Consultation, longDue);

        Assert.False(logged < before);
        Assert.True(logged < at);
        Assert.Equal(ChinaTime.StartOf(new DateOnly(2026, 3, 3)), at);
    }

    [Fact]
    public void The_Spring_Festival_stretches_the_long_overdue_line_over_the_holiday()
    {
        // 20 working days after Monday 2 February 2026 fall on 6 March: the holiday (15–23 Feb) does not count
        // and the make-up Saturdays (14 and 28 Feb) do.
        var logged = ChinaTime.At(new DateOnly(2026, 2, 2), new TimeOnly(9, 0));
        Assert.Equal(ChinaTime.StartOf(new DateOnly(2026, 3, 7)), Clock.ReplyLongOverdue(logged, TopicKind.Matter));
        var cutoff = SupervisionQueues.LongOverdueLoggedBefore(Clock, TopicKind.Matter, ChinaTime.StartOf(new DateOnly(2026, 3, 7)));
        Assert.Equal(ChinaTime.StartOf(new DateOnly(2026, 2, 3)), cutoff);
    }

    [Fact]
    public void A_round_keeps_its_lists_as_text_and_reads_them_back()
    {
        var round = new SpotCheckRound { CandidateIds = SpotCheckRound.FormatIds([3, 5, 8, 13]), DrawnIds = SpotCheckRound.FormatIds([8, 3]) };

        Assert.Equal("3,5,8,13", round.CandidateIds);
        Assert.Equal([3, 5, 8, 13], round.Candidates);
        Assert.Equal([8, 3], round.Drawn);
    }
}
