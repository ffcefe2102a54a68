using System.Text.RegularExpressions;

namespace Bozhou.Hotline.Core.Calendar;

/// <summary>
/// Reads the State Council's holiday notice (国务院办公厅关于…部分节假日安排的通知) as published, one festival per line:
/// "一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。". A sentence with 放假 gives the days off
/// (a date, or a range "M月D日至[M月]D日"); a sentence with 上班 gives the weekend days made working days (调休), each
/// date listed. Parentheses (weekdays, lunar dates) and other sentences are ignored. Dates are China dates of the
/// given year; a date with its own "YYYY年" keeps that year.
/// </summary>
public static partial class HolidayNotice
{
    /// <summary>The fewest festivals a national schedule has had since 2008: fewer, and one was probably left out.</summary>
    public const int UsualFestivals = 7;

    private static readonly Dictionary<string, string> Occasions = new(StringComparer.Ordinal)
    {
        ["元旦"] = "New Year's Day 元旦",
        ["春节"] = "Spring Festival 春节",
        ["清明节"] = "Qingming 清明节",
        ["清明"] = "Qingming 清明节",
        ["劳动节"] = "Labour Day 劳动节",
        ["端午节"] = "Dragon Boat 端午节",
        ["端午"] = "Dragon Boat 端午节",
        ["中秋节"] = "Mid-Autumn 中秋节",
        ["中秋"] = "Mid-Autumn 中秋节",
        ["国庆节"] = "National Day 国庆节",
    };

    /// <summary>
    /// The days off and make-up working days of <paramref name="year"/> that the notice's text sets, in date order,
    /// each with its festival as the occasion (the bilingual name the shipped schedule uses, or the name as written).
    /// </summary>
    /// <exception cref="FormatException">
    /// A line names no festival before its dates, a date does not exist, a range runs backwards, or one date is given
    /// twice; the message quotes the text.
    /// </exception>
    public static IReadOnlyList<CalendarDay> Parse(int year, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var days = new Dictionary<DateOnly, CalendarDay>();
        string? festival = null;
        var plain = Parenthesis().Replace(text, "");
        foreach (var rawLine in Enumerator().Replace(plain, "\n").Split('\n'))
        {
            foreach (var part in rawLine.Split(['。', '；', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var sentence = part;
                if (FestivalName().Match(sentence) is { Success: true } named)
                {
                    festival = named.Groups["name"].Value.Trim();
                    sentence = sentence[named.Length..];
                }

                var off = sentence.Contains("放假", StringComparison.Ordinal);
                var worked = !off && sentence.Contains("上班", StringComparison.Ordinal);
                if (!off && !worked)
                {
                    continue;
                }

                if (festival is null)
                {
                    throw new FormatException($"“{sentence}”: no festival named before it (e.g. “元旦：”).");
                }

                var occasion = Occasions.GetValueOrDefault(festival, festival);
                var dates = off ? HolidayRange(year, sentence) : [.. DateMention().Matches(sentence).Select(m => DateOf(year, m, sentence))];
                foreach (var date in dates)
                {
                    if (!days.TryAdd(date, new CalendarDay { Date = date, Kind = off ? CalendarDayKind.Holiday : CalendarDayKind.Workday, Occasion = occasion }))
                    {
                        throw new FormatException($"“{sentence}”: {date:yyyy-MM-dd} is given twice.");
                    }
                }
            }
        }

        return [.. days.Values.OrderBy(d => d.Date)];
    }

    /// <summary>The festivals (distinct occasions) among <paramref name="days"/>.</summary>
    public static int FestivalCount(IEnumerable<CalendarDay> days) => days.Select(d => d.Occasion).Distinct(StringComparer.Ordinal).Count();

    /// <summary>
    /// What an administrator should look at before saving a year's days: make-up working days that are not on a weekend
    /// (a weekday works anyway, so the date is probably mistyped), days off that fall on a weekend (off anyway: the
    /// notice counts them in the holiday, and they change no deadline), and a year with fewer than
    /// <see cref="UsualFestivals"/> festivals.
    /// </summary>
    public static IReadOnlyList<NoticeWarning> Check(IReadOnlyCollection<CalendarDay> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        var warnings = new List<NoticeWarning>();
        foreach (var day in days.OrderBy(d => d.Date))
        {
            var weekend = day.Date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            if (day.Kind == CalendarDayKind.Workday && !weekend)
            {
                warnings.Add(new NoticeWarning(NoticeWarningKind.WorkdayNotOnWeekend, day.Date));
            }
            else if (day.Kind == CalendarDayKind.Holiday && weekend)
            {
                warnings.Add(new NoticeWarning(NoticeWarningKind.HolidayOnWeekend, day.Date));
            }
        }

        if (FestivalCount(days) < UsualFestivals)
        {
            warnings.Add(new NoticeWarning(NoticeWarningKind.FewFestivals, null));
        }

        return warnings;
    }

    private static List<DateOnly> HolidayRange(int year, string sentence)
    {
        var first = DateMention().Match(sentence);
        if (!first.Success)
        {
            throw new FormatException($"“{sentence}”: no date (M月D日) before 放假.");
        }

        var start = DateOf(year, first, sentence);
        var end = start;
        if (RangeEnd().Match(sentence, first.Index + first.Length) is { Success: true } to)
        {
            var month = to.Groups["month"].Success ? int.Parse(to.Groups["month"].Value, CultureInfo.InvariantCulture) : start.Month;
            var endYear = to.Groups["month"].Success && month < start.Month ? start.Year + 1 : start.Year;
            end = Date(endYear, month, int.Parse(to.Groups["day"].Value, CultureInfo.InvariantCulture), sentence);
        }

        if (end < start)
        {
            throw new FormatException($"“{sentence}”: the range ends before it starts.");
        }

        var range = new List<DateOnly>();
        for (var d = start; d <= end; d = d.AddDays(1))
        {
            range.Add(d);
        }

        return range;
    }

    private static DateOnly DateOf(int year, Match match, string sentence) => Date(
        match.Groups["year"].Success ? int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture) : year,
        int.Parse(match.Groups["month"].Value, CultureInfo.InvariantCulture),
        int.Parse(match.Groups["day"].Value, CultureInfo.InvariantCulture),
        sentence);

    private static DateOnly Date(int year, int month, int day, string sentence) =>
        SupportedDates.ContainsYear(year) && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new DateOnly(year, month, day)
            : throw new FormatException($"“{sentence}”: {year}年{month}月{day}日 does not exist.");

    /// <summary>（周四）, （农历腊月二十八、周日）, (Thursday): dropped before reading.</summary>
    [GeneratedRegex(@"[（(][^）)]*[）)]")]
    private static partial Regex Parenthesis();

    /// <summary>"二、" starting a festival, also in a notice pasted as one paragraph: becomes a line break.</summary>
    [GeneratedRegex(@"(?:^|(?<=[。\s]))\s*[一二三四五六七八九十]+、")]
    private static partial Regex Enumerator();

    [GeneratedRegex(@"^(?<name>[^：:，,。\d]{1,12})[：:]")]
    private static partial Regex FestivalName();

    [GeneratedRegex(@"(?:(?<year>\d{4})年)?(?<month>\d{1,2})月(?<day>\d{1,2})日")]
    private static partial Regex DateMention();

    [GeneratedRegex(@"\G\s*[至到\-–—~～]\s*(?:(?<month>\d{1,2})月)?(?<day>\d{1,2})日")]
    private static partial Regex RangeEnd();
}

/// <summary>What <see cref="HolidayNotice.Check"/> asks an administrator to look at.</summary>
public enum NoticeWarningKind
{
    /// <summary>A make-up working day (上班) on a weekday, which works anyway.</summary>
    WorkdayNotOnWeekend = 1,

    /// <summary>A day off on a Saturday or Sunday, which is off anyway.</summary>
    HolidayOnWeekend = 2,

    /// <summary>Fewer festivals than <see cref="HolidayNotice.UsualFestivals"/>.</summary>
    FewFestivals = 3,
}

/// <summary>One warning of the preview; <paramref name="Date"/> is null for the whole year.</summary>
public sealed record NoticeWarning(NoticeWarningKind Kind, DateOnly? Date);
