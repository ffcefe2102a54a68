using Bozhou.Hotline.Core.Phones;
using Bozhou.Hotline.Core.Setup;
using CsvHelper;

namespace Bozhou.Hotline.Core.Demo;

/// <summary>The demonstration directory as one graph of new entities, ready to be added to an empty database.</summary>
public sealed record DemoDirectoryData(IReadOnlyList<Jurisdiction> Jurisdictions, IReadOnlyList<Topic> Topics, IReadOnlyList<Cadre> Cadres);

/// <summary>
/// The demonstration directory: 81 cadres of the city and its district and counties, in the shape of the
/// published list (职务, 分工, superiors). Names and numbers are fictional: mobiles are 138 0000 00xx and
/// office lines 0558-500 00xx. The departments and cadres are data, in <c>demo-departments.csv</c> and
/// <c>demo-cadres.csv</c> beside this file; protocol order is the order of the rows. The jurisdictions and topics
/// are the city's defaults (<see cref="CityDefaults"/>), which <c>setup</c> creates too.
/// </summary>
public static class DemoDirectory
{
    /// <summary>A new graph each call: jurisdictions with their departments, topics, and cadres linked to both and to their superiors.</summary>
    public static DemoDirectoryData Build()
    {
        var jurisdictions = CityDefaults.Jurisdictions.Select((j, i) => j.Create(i + 1)).ToList();
        var topics = CityDefaults.Topics.Select((t, i) => t.Create(i + 1)).ToList();

        var departments = new Dictionary<string, Department>(StringComparer.Ordinal);
        foreach (var row in ReadEmbedded("demo-departments.csv"))
        {
            var jurisdiction = jurisdictions.Single(j => j.Code == row["jurisdiction"]);
            var department = new Department
            {
                Jurisdiction = jurisdiction,
                NameZh = row["name_zh"],
                NameEn = row["name_en"],
                Order = jurisdiction.Departments.Count + 1,
            };
            jurisdiction.Departments.Add(department);
            departments.Add(row["key"], department);
        }

        var cadres = new Dictionary<string, Cadre>(StringComparer.Ordinal);
        var superiors = new List<(Cadre Cadre, string SuperiorKey)>();
        foreach (var row in ReadEmbedded("demo-cadres.csv"))
        {
            var department = departments[row["department"]];
            var cadre = new Cadre
            {
                Name = row["name"],
                NamePinyin = row["pinyin"],
                Position = row["position"],
                PositionEn = row["position_en"],
                Duties = row["duties"],
                DutiesEn = row["duties_en"],
                Mobile = Phone(row["mobile"], row["key"]),
                OfficePhone = row["office"] is { Length: > 0 } office ? Phone(office, row["key"]) : null,
                Department = department,
                ProtocolOrder = department.Cadres.Count + 1,
                PostStart = DateOnly.ParseExact(row["post_start"], "yyyy-MM-dd", CultureInfo.InvariantCulture),
                Topics = [.. row["topics"].Split(' ', StringSplitOptions.RemoveEmptyEntries)
                    .Select(code => new CadreTopic { Topic = topics.Single(t => t.Code == code) })],
            };
            department.Cadres.Add(cadre);
            cadres.Add(row["key"], cadre);
            if (row["superior"] is { Length: > 0 } superior)
            {
                superiors.Add((cadre, superior));
            }
        }

        foreach (var (cadre, key) in superiors)
        {
            cadre.Superior = cadres[key];
        }

        return new DemoDirectoryData(jurisdictions, topics, [.. cadres.Values]);
    }

    private static string Phone(string input, string key) =>
        ChinesePhone.TryNormalize(input, out var e164)
            ? e164
            : throw new FormatException($"Demo cadre {key}: '{input}' is not a valid Chinese phone number.");

    private static List<Dictionary<string, string>> ReadEmbedded(string fileName)
    {
        using var stream = typeof(DemoDirectory).Assembly.GetManifestResourceStream($"Bozhou.Hotline.Core.Demo.{fileName}")
            ?? throw new InvalidOperationException($"The demo directory file {fileName} is not embedded.");
        using var reader = new StreamReader(stream);
        using var csv = CsvReader.Create(reader, new CsvReaderOptions { HasHeader = true, TrimWhitespace = true }, leaveOpen: true);
        var rows = new List<Dictionary<string, string>>();
        string[]? headers = null;
        while (csv.Read())
        {
            headers ??= [.. csv.Headers];
            rows.Add(headers.ToDictionary(h => h, h => csv.GetString(h), StringComparer.Ordinal));
        }

        return rows;
    }
}
