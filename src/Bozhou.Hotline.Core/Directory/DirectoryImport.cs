using Bozhou.Hotline.Core.Phones;
using CsvHelper;

namespace Bozhou.Hotline.Core.Directory;

/// <summary>One data row of the published list, validated: phones in E.164.</summary>
public sealed record ImportRow(
    int Row, string Jurisdiction, string Department, string Name, string Position, string Duties, string Mobile, string? OfficePhone, int Order);

/// <summary>Why a row cannot be imported: its number (1 = the first row under the header), the column, the reason.</summary>
public sealed record ImportError(int Row, string Column, string Message);

/// <summary>What an import will do; empty <see cref="Errors"/> or nothing at all is written.</summary>
public sealed class ImportPlan
{
    public List<ImportError> Errors { get; } = [];

    /// <summary>New people, and people whose position changes (a new post record; the old one is in <see cref="Ended"/>).</summary>
    public List<(ImportRow Row, Jurisdiction Jurisdiction, Department? Department)> Added { get; } = [];

    /// <summary>Current records whose duties, phones or order change, with the row that changes them.</summary>
    public List<(Cadre Cadre, ImportRow Row)> Changed { get; } = [];

    /// <summary>Current cadres of the listed jurisdictions who are not in the file, or who move to another post.</summary>
    public List<Cadre> Ended { get; } = [];

    /// <summary>Departments named in the file that the jurisdiction does not have yet.</summary>
    public List<(Jurisdiction Jurisdiction, string Name)> NewDepartments { get; } = [];

    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Imports the published cadre list (干部名录) from CSV with the header
/// <c>jurisdiction,department,name,position,duties,mobile,office_phone,order</c>: parse, plan against the
/// directory as it stands, and apply only a plan without errors.
/// </summary>
public static class DirectoryImport
{
    public static readonly string[] Columns = ["jurisdiction", "department", "name", "position", "duties", "mobile", "office_phone", "order"];

    private static readonly string[] Required = ["jurisdiction", "department", "name", "position", "mobile", "order"];

    /// <summary>
    /// Reads and checks every row on its own (missing fields, phones, order); BOM or none. Values are cleaned as they
    /// will be stored (<see cref="DisplayText"/>: the duties as free text, every other column as one line), so that
    /// a value of control characters alone is missing and a row compares with the directory as stored.
    /// </summary>
    public static (List<ImportRow> Rows, List<ImportError> Errors) Parse(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var rows = new List<ImportRow>();
        var errors = new List<ImportError>();
        // A BOM read as text (a string from a form field) is dropped here; a stream's BOM the reader drops itself.
        if (reader.Peek() == '\uFEFF')
        {
            reader.Read();
        }

        using var csv = CsvReader.Create(reader, new CsvReaderOptions { HasHeader = true, TrimWhitespace = true, AllowLineBreaksInQuotes = true }, leaveOpen: true);
        var missing = Columns.Except(csv.Headers.Select(h => h.Trim().ToLowerInvariant())).ToList();
        if (missing.Count > 0)
        {
            errors.Add(new ImportError(0, string.Join(",", missing), "missing column"));
            return (rows, errors);
        }

        var number = 0;
        try
        {
            while (csv.Read())
            {
                number++;
                var values = Columns.ToDictionary(c => c, c => Cleaned(c, csv.GetString(c)));
                var rowErrors = Required.Where(c => values[c].Length == 0).Select(c => new ImportError(number, c, "missing")).ToList();
                var mobile = "";
                if (values["mobile"].Length > 0 && !ChinesePhone.TryNormalize(values["mobile"], out mobile))
                {
                    rowErrors.Add(new ImportError(number, "mobile", "bad phone"));
                }

                string? office = null;
                if (values["office_phone"].Length > 0)
                {
                    if (ChinesePhone.TryNormalize(values["office_phone"], out var e164))
                    {
                        office = e164;
                    }
                    else
                    {
                        rowErrors.Add(new ImportError(number, "office_phone", "bad phone"));
                    }
                }

                var order = 0;
                if (values["order"].Length > 0 && !int.TryParse(values["order"], NumberStyles.None, CultureInfo.InvariantCulture, out order))
                {
                    rowErrors.Add(new ImportError(number, "order", "not a number"));
                }

                errors.AddRange(rowErrors);
                if (rowErrors.Count == 0)
                {
                    rows.Add(new ImportRow(number, values["jurisdiction"], values["department"], values["name"], values["position"], values["duties"], mobile, office, order));
                }
            }
        }
        catch (CsvFormatException e)
        {
            errors.Add(new ImportError(number + 1, "", e.Message));
        }

        if (number == 0 && errors.Count == 0)
        {
            errors.Add(new ImportError(0, "", "no rows"));
        }

        return (rows, errors);
    }

    private static string Cleaned(string column, string value) =>
        column == "duties" ? DisplayText.FreeText(value).Trim() : DisplayText.SingleLine(value);

    /// <summary>
    /// Plans the import against the directory's jurisdictions (departments loaded) and current cadres (departments
    /// loaded): unknown jurisdictions (by Chinese name or code) and a person twice in one department are errors.
    /// </summary>
    public static ImportPlan Plan(IReadOnlyList<ImportRow> rows, IEnumerable<ImportError> parseErrors, IReadOnlyList<Jurisdiction> jurisdictions, IReadOnlyList<Cadre> current)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(jurisdictions);
        ArgumentNullException.ThrowIfNull(current);
        var plan = new ImportPlan();
        plan.Errors.AddRange(parseErrors ?? []);
        var seen = new HashSet<(int, string, string)>();
        var matched = new HashSet<Cadre>();
        var listed = new HashSet<int>();
        foreach (var row in rows)
        {
            var jurisdiction = jurisdictions.FirstOrDefault(j => j.NameZh == row.Jurisdiction || string.Equals(j.Code, row.Jurisdiction, StringComparison.OrdinalIgnoreCase));
            if (jurisdiction is null)
            {
                plan.Errors.Add(new ImportError(row.Row, "jurisdiction", "unknown jurisdiction"));
                continue;
            }

            listed.Add(jurisdiction.Id);
            if (!seen.Add((jurisdiction.Id, row.Department, row.Name)))
            {
                plan.Errors.Add(new ImportError(row.Row, "name", "duplicate person"));
                continue;
            }

            var department = jurisdiction.Departments.FirstOrDefault(d => d.NameZh == row.Department && d.EndedOn is null);
            if (department is null && !plan.NewDepartments.Any(n => n.Jurisdiction == jurisdiction && n.Name == row.Department))
            {
                plan.NewDepartments.Add((jurisdiction, row.Department));
            }

            var existing = department is null ? null : current.FirstOrDefault(c => c.DepartmentId == department.Id && c.Name == row.Name && !matched.Contains(c));
            if (existing is null)
            {
                plan.Added.Add((row, jurisdiction, department));
                continue;
            }

            matched.Add(existing);
            if (existing.Position != row.Position)
            {
                plan.Ended.Add(existing);
                plan.Added.Add((row, jurisdiction, department));
            }
            else if (existing.Duties != row.Duties || existing.Mobile != row.Mobile || existing.OfficePhone != row.OfficePhone || existing.ProtocolOrder != row.Order)
            {
                plan.Changed.Add((existing, row));
            }
        }

        plan.Ended.AddRange(current.Where(c => !matched.Contains(c) && listed.Contains(c.Department.JurisdictionId)));
        plan.Errors.Sort((a, b) => a.Row.CompareTo(b.Row));
        return plan;
    }

    /// <summary>
    /// Applies a valid plan on <paramref name="today"/> (China date): ended posts end yesterday, changes are made
    /// in place, and the returned new departments and cadres are for the caller to add and save in one transaction.
    /// </summary>
    public static (List<Department> Departments, List<Cadre> Cadres) Apply(ImportPlan plan, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (!plan.IsValid)
        {
            throw new InvalidOperationException("An import with errors is not applied.");
        }

        foreach (var cadre in plan.Ended)
        {
            cadre.PostEnd = cadre.PostStart < today ? today.AddDays(-1) : cadre.PostStart;
        }

        foreach (var (cadre, row) in plan.Changed)
        {
            cadre.Duties = row.Duties;
            cadre.Mobile = row.Mobile;
            cadre.OfficePhone = row.OfficePhone;
            cadre.ProtocolOrder = row.Order;
        }

        var departments = plan.NewDepartments.Select(n => new Department
        {
            Jurisdiction = n.Jurisdiction,
            NameZh = n.Name,
            Order = n.Jurisdiction.Departments.Count + plan.NewDepartments.IndexOf(n) + 1,
        }).ToList();
        var cadres = plan.Added.Select(added => new Cadre
        {
            Department = added.Department ?? departments.First(d => d.Jurisdiction == added.Jurisdiction && d.NameZh == added.Row.Department),
            Name = added.Row.Name,
            Position = added.Row.Position,
            Duties = added.Row.Duties,
            Mobile = added.Row.Mobile,
            OfficePhone = added.Row.OfficePhone,
            ProtocolOrder = added.Row.Order,
            PostStart = today,
        }).ToList();
        return (departments, cadres);
    }
}
