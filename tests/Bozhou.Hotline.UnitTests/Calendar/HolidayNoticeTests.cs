namespace Bozhou.Hotline.UnitTests.Calendar;

public class HolidayNoticeTests
{
    // As published in the State Council's 2026 notice (国办发明电〔2025〕).
    private const string NewYear = "一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。";

    private const string SpringFestival =
        "二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。";

    // The other festivals in the notice's form, as the reference schedule has them.
    private const string Others = """
        三、清明节：4月4日（周六）至6日（周一）放假，共3天。
        四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
        五、端午节：6月19日（周五）至21日（周日）放假，共3天。
        六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
        七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
        """;

    private static IReadOnlyList<(DateOnly, CalendarDayKind, string)> Rows(IEnumerable<CalendarDay> days) =>
        [.. days.Select(d => (d.Date, d.Kind, d.Occasion))];

    private static IReadOnlyList<(DateOnly, CalendarDayKind, string)> Reference(params string[] occasions) =>
        Rows(HolidaySchedule.Official2026.Where(d => occasions.Contains(d.Occasion)));

    [Fact]
    public void New_Years_Day_and_the_Spring_Festival_as_the_2026_notice_words_them_give_the_reference_schedules_days()
    {
        var days = HolidayNotice.Parse(2026, NewYear + "\n" + SpringFestival);

        Assert.Equal(Reference("New Year's Day 元旦", "Spring Festival 春节"), Rows(days));
        Assert.Equal(15, days.Count);
    }

    [Fact]
    public void The_whole_2026_notice_pasted_as_one_paragraph_gives_the_whole_reference_schedule()
    {
        var paragraph = NewYear + SpringFestival + string.Concat(Others.Split('\n').Select(l => l.Trim()));

        var days = HolidayNotice.Parse(2026, paragraph);

        Assert.Equal(Rows(HolidaySchedule.Official2026), Rows(days));
        Assert.Equal(7, HolidayNotice.FestivalCount(days));
        // The notice's weekend days off (e.g. Saturday 3 January) are flagged for a look; nothing else is.
        Assert.All(HolidayNotice.Check(days), w => Assert.Equal(NoticeWarningKind.HolidayOnWeekend, w.Kind));
        Assert.Contains(new NoticeWarning(NoticeWarningKind.HolidayOnWeekend, new DateOnly(2026, 1, 3)), HolidayNotice.Check(days));
    }

    [Fact]
    public void Ranges_typed_by_hand_read_as_the_notice_does()
    {
        var days = HolidayNotice.Parse(2027, "元旦：1月1日至3日放假\n春节：2月14日（星期六）上班\n国庆节：9月30日至10月2日放假");

        Assert.Equal(
            [new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 2), new DateOnly(2027, 1, 3), new DateOnly(2027, 2, 14),
             new DateOnly(2027, 9, 30), new DateOnly(2027, 10, 1), new DateOnly(2027, 10, 2)],
            days.Select(d => d.Date));
        Assert.Equal(CalendarDayKind.Workday, days[3].Kind);
        Assert.Equal("Spring Festival 春节", days[3].Occasion);
    }

    [Fact]
    public void The_preview_flags_a_make_up_day_on_a_weekday_a_holiday_on_a_weekend_and_a_year_short_of_festivals()
    {
        var days = HolidayNotice.Parse(2027, "元旦：1月1日（周五）至3日（周日）放假。1月4日（周一）上班。");

        Assert.Equal(
            [
                new NoticeWarning(NoticeWarningKind.HolidayOnWeekend, new DateOnly(2027, 1, 2)),
                new NoticeWarning(NoticeWarningKind.HolidayOnWeekend, new DateOnly(2027, 1, 3)),
                new NoticeWarning(NoticeWarningKind.WorkdayNotOnWeekend, new DateOnly(2027, 1, 4)),
                new NoticeWarning(NoticeWarningKind.FewFestivals, null),
            ],
            HolidayNotice.Check(days));
    }

    [Theory]
    [InlineData("1月1日至3日放假", "no festival")]
    [InlineData("元旦：2月30日放假", "does not exist")]
    [InlineData("元旦：1月5日至3日放假", "ends before it starts")]
    [InlineData("元旦：1月1日至3日放假。1月2日上班", "given twice")]
    public void A_notice_that_cannot_be_read_says_where(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => HolidayNotice.Parse(2027, text));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
