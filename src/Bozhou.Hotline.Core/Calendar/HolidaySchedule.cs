using CsvHelper;

namespace Bozhou.Hotline.Core.Calendar;

/// <summary>Reads a national holiday schedule in the shape of the State Council's announcement.</summary>
public static class HolidaySchedule
{
    /// <summary>The 2026 schedule (国办发明电〔2025〕), shipped with the product.</summary>
    public static IReadOnlyList<CalendarDay> Official2026 { get; } = LoadEmbedded("cn-holidays-2026.csv");

    /// <summary>Parses rows of <c>date,kind,occasion</c> with kind <c>holiday</c> or <c>workday</c>.</summary>
    public static IReadOnlyList<CalendarDay> Parse(TextReader reader)
    {
        using var csv = CsvReader.Create(reader, new CsvReaderOptions { HasHeader = true, TrimWhitespace = true }, leaveOpen: true);
        var days = new List<CalendarDay>();
        while (csv.Read())
        {
            var date = DateOnly.ParseExact(csv.GetString("date"), "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var kind = csv.GetString("kind") switch
            {
                "holiday" => CalendarDayKind.Holiday,
                "workday" => CalendarDayKind.Workday,
                var other => throw new FormatException($"Unknown day kind '{other}' on {date:yyyy-MM-dd}."),
            };
            days.Add(new CalendarDay { Date = date, Kind = kind, Occasion = csv.GetString("occasion") });
        }

        return days;
    }

    private static List<CalendarDay> LoadEmbedded(string fileName)
    {
        var assembly = typeof(HolidaySchedule).Assembly;
        using var stream = assembly.GetManifestResourceStream($"Bozhou.Hotline.Core.Calendar.{fileName}")
            ?? throw new InvalidOperationException($"The holiday schedule {fileName} is not embedded.");
        using var reader = new StreamReader(stream);
        return [.. Parse(reader)];
    }
}
