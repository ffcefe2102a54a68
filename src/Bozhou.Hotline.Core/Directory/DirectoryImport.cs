using Bozhou.Hotline.Core.Phones;
using CsvHelper;

namespace Bozhou.Hotline.Core.Directory;

/// <summary>
/// One data row of the published list, validated: phones in E.164. <see cref="Superior"/> is the optional
/// <c>superior</c> column: the superior's position or name among the file's rows, empty to keep what the directory has.
/// </summary>
public sealed record ImportRow(
    int Row, string Jurisdiction, string Department, string Name, string Position, string Duties, string Mobile, string? OfficePhone, int Order,
    string Superior = "");

/// <summary>Why a row cannot be imported: its number (1 = the first row under the header), the column, the reason.</summary>
public sealed record ImportError(int Row, string Column, string Message);

/// <summary>
/// A post the import creates: a new person, a person moving to another post (<see cref="Previous"/>, their old record,
/// is in <see cref="ImportPlan.Replaced"/>), or a new holder of a post (<see cref="PostHolder"/>: the current holder
/// of the same position in the same unit who is not in the file, or who moves away).
/// </summary>
public sealed class PlannedPost(ImportRow row, Jurisdiction jurisdiction, Department? department)
{
    public ImportRow Row { get; } = row;

    public Jurisdiction Jurisdiction { get; } = jurisdiction;

    /// <summary>The existing unit, or null for a unit the import adds (<see cref="ImportPlan.NewDepartments"/>).</summary>
    public Department? Department { get; } = department;

    /// <summary>The same person's current record when the person changes position.</summary>
    public Cadre? Previous { get; internal set; }

    /// <summary>The record this post takes over: its superior and, once it ends, its subordinates.</summary>
    public Cadre? PostHolder { get; internal set; }
}

/// <summary>A record after the import: an existing cadre or a planned post.</summary>
public sealed record PostRef(Cadre? Existing, PlannedPost? Planned)
{
    public string Name => Existing?.Name ?? Planned!.Row.Name;

    public string Position => Existing?.Position ?? Planned!.Row.Position;

    public string DepartmentName => Existing?.Department.NameZh ?? Planned!.Row.Department;
}

/// <summary>What an import will do; empty <see cref="Errors"/> or nothing at all is written.</summary>
public sealed class ImportPlan
{
    /// <summary>The share of a jurisdiction's posts beyond which ending them needs the count typed: a quarter.</summary>
    public const double LargeEndingShare = 0.25;

    public List<ImportError> Errors { get; } = [];

    /// <summary>The jurisdictions the file lists, in their order: the import changes nothing elsewhere.</summary>
    public List<Jurisdiction> Jurisdictions { get; } = [];

    /// <summary>New people, people who change position, and new holders of posts.</summary>
    public List<PlannedPost> Added { get; } = [];

    /// <summary>
    /// Current records whose duties, phones or order change, with the row that changes them (a superior set through the
    /// <c>superior</c> column is applied too, and recorded in the history batch, but not counted here).
    /// </summary>
    public List<(Cadre Cadre, ImportRow Row)> Changed { get; } = [];

    /// <summary>Records ended because the same person takes another post in the file (<see cref="PlannedPost.Previous"/>).</summary>
    public List<Cadre> Replaced { get; } = [];

    /// <summary>
    /// Current cadres of the listed jurisdictions who are not in the file. They are not ended by the import itself:
    /// only those the administrator names in the separate ending step (and, beyond <see cref="LargeEndingShare"/> of a
    /// jurisdiction, confirms by typing the count).
    /// </summary>
    public List<Cadre> Missing { get; } = [];

    /// <summary>Departments named in the file that the jurisdiction does not have yet.</summary>
    public List<(Jurisdiction Jurisdiction, string Name)> NewDepartments { get; } = [];

    /// <summary>Per listed jurisdiction id, how many posts are held now (the base of <see cref="LargeEndingShare"/>).</summary>
    public Dictionary<int, int> PostsHeld { get; } = [];

    /// <summary>
    /// The posts that would be left with no superior (and are not their jurisdiction's top post) if the import were
    /// applied with none of <see cref="Missing"/> ended: to set in the file's <c>superior</c> column or on the cadre's page.
    /// </summary>
    public List<PostRef> WithoutSuperior { get; } = [];

    /// <summary>Every current record of every jurisdiction (the subordinates of an ended record may be anywhere).</summary>
    internal IReadOnlyList<Cadre> AllCurrent { get; set; } = [];

    /// <summary>The superior named in the <c>superior</c> column of a row, resolved to a record of the file.</summary>
    internal Dictionary<ImportRow, PostRef> NamedSuperiors { get; } = [];

    /// <summary>Each row's resulting record.</summary>
    internal Dictionary<ImportRow, PostRef> ByRow { get; } = [];

    public bool IsValid => Errors.Count == 0;

    /// <summary>
    /// Why ending <paramref name="ending"/> (of <see cref="Missing"/>) needs the count typed: the jurisdictions where it
    /// ends more than a quarter of the posts held; empty when it does not.
    /// </summary>
    public IReadOnlyList<Jurisdiction> LargeEndings(IReadOnlyCollection<Cadre> ending)
    {
        ArgumentNullException.ThrowIfNull(ending);
        return [.. Jurisdictions.Where(j => PostsHeld.GetValueOrDefault(j.Id) is var held && held > 0
            && ending.Count(c => c.Department.JurisdictionId == j.Id) > held * LargeEndingShare)];
    }
}

/// <summary>
/// Imports the published cadre list (干部名录) from CSV with the header
/// <c>jurisdiction,department,name,position,duties,mobile,office_phone,order</c> and an optional <c>superior</c>:
/// parse, plan against the directory as it stands, and apply only a plan without errors. An import changes only the
/// jurisdictions its rows name; the current cadres of those jurisdictions missing from the file end only when named
/// (<see cref="ImportPlan.Missing"/>). Superiors survive (逐级反映): a post keeps its superior, a new holder of a post
/// takes the previous holder's superior and, once that record ends, its subordinates; nobody is left pointing at an
/// ended record.
/// </summary>
public static class DirectoryImport
{
    /// <summary>The required columns, in the published order.</summary>
    public static readonly string[] Columns = ["jurisdiction", "department", "name", "position", "duties", "mobile", "office_phone", "order"];

    /// <summary>The optional column naming each row's superior (a position or a name among the file's rows).</summary>
    public const string SuperiorColumn = "superior";

    /// <summary>
    /// The most data rows a file may have (far more than the city's directory): a file with more is refused with one
    /// error, so that a wrong file (or a workbook of a million empty-looking rows) cannot make a preview of millions of lines.
    /// </summary>
    public const int MaxRows = 20_000;

    /// <summary>The errors after which checking stops (with a last error saying so): the preview lists at most these.</summary>
    public const int MaxErrors = 100;

    private static readonly string[] Required = ["jurisdiction", "department", "name", "position", "mobile", "order"];

    /// <summary>
    /// Reads and checks every row on its own (missing fields, phones, order); BOM or none. More than <see cref="MaxRows"/>
    /// rows is one error and no rows; checking stops after <see cref="MaxErrors"/> errors. Values are cleaned as they
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
        var headers = csv.Headers.Select(h => h.Trim().ToLowerInvariant()).ToList();
        var missing = Columns.Except(headers).ToList();
        if (missing.Count > 0)
        {
            errors.Add(new ImportError(0, string.Join(",", missing), "missing column"));
            return (rows, errors);
        }

        var hasSuperior = headers.Contains(SuperiorColumn);
        var number = 0;
        try
        {
            while (csv.Read())
            {
                number++;
                if (number > MaxRows)
                {
                    rows.Clear();
                    errors.Clear();
                    errors.Add(new ImportError(number, "", "too many rows"));
                    return (rows, errors);
                }

                var values = Columns.ToDictionary(c => c, c => Cleaned(c, csv.GetString(c)));
                var superior = hasSuperior ? Cleaned(SuperiorColumn, csv.GetString(SuperiorColumn)) : "";
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
                    rows.Add(new ImportRow(number, values["jurisdiction"], values["department"], values["name"], values["position"], values["duties"], mobile, office, order, superior));
                }

                if (errors.Count >= MaxErrors)
                {
                    errors.Add(new ImportError(number, "", "too many errors"));
                    break;
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
    /// Plans the import against the directory's jurisdictions (departments loaded) and every current cadre (department
    /// loaded): unknown jurisdictions (by Chinese name or code), a person twice in one department, and a superior that
    /// names no row, several rows, the row itself or a loop are errors.
    /// </summary>
    public static ImportPlan Plan(IReadOnlyList<ImportRow> rows, IEnumerable<ImportError> parseErrors, IReadOnlyList<Jurisdiction> jurisdictions, IReadOnlyList<Cadre> current)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(jurisdictions);
        ArgumentNullException.ThrowIfNull(current);
        var plan = new ImportPlan { AllCurrent = current };
        plan.Errors.AddRange(parseErrors ?? []);
        var seen = new HashSet<(int, string, string)>();
        var matched = new HashSet<Cadre>();
        var rowsOf = new Dictionary<ImportRow, Jurisdiction>();
        foreach (var row in rows)
        {
            var jurisdiction = jurisdictions.FirstOrDefault(j => j.NameZh == row.Jurisdiction || string.Equals(j.Code, row.Jurisdiction, StringComparison.OrdinalIgnoreCase));
            if (jurisdiction is null)
            {
                plan.Errors.Add(new ImportError(row.Row, "jurisdiction", "unknown jurisdiction"));
                continue;
            }

            if (!plan.Jurisdictions.Contains(jurisdiction))
            {
                plan.Jurisdictions.Add(jurisdiction);
            }

            if (!seen.Add((jurisdiction.Id, row.Department, row.Name)))
            {
                plan.Errors.Add(new ImportError(row.Row, "name", "duplicate person"));
                continue;
            }

            rowsOf[row] = jurisdiction;
            var department = jurisdiction.Departments.FirstOrDefault(d => d.NameZh == row.Department && d.EndedOn is null);
            if (department is null && !plan.NewDepartments.Any(n => n.Jurisdiction == jurisdiction && n.Name == row.Department))
            {
                plan.NewDepartments.Add((jurisdiction, row.Department));
            }

            var existing = department is null ? null : current.FirstOrDefault(c => c.DepartmentId == department.Id && c.Name == row.Name && !matched.Contains(c));
            if (existing is null)
            {
                var post = new PlannedPost(row, jurisdiction, department);
                plan.Added.Add(post);
                plan.ByRow[row] = new PostRef(null, post);
                continue;
            }

            matched.Add(existing);
            if (existing.Position != row.Position)
            {
                plan.Replaced.Add(existing);
                var post = new PlannedPost(row, jurisdiction, department) { Previous = existing };
                plan.Added.Add(post);
                plan.ByRow[row] = new PostRef(null, post);
            }
            else
            {
                plan.ByRow[row] = new PostRef(existing, null);
                if (existing.Duties != row.Duties || existing.Mobile != row.Mobile || existing.OfficePhone != row.OfficePhone || existing.ProtocolOrder != row.Order)
                {
                    plan.Changed.Add((existing, row));
                }
            }
        }

        var listed = plan.Jurisdictions.Select(j => j.Id).ToHashSet();
        plan.Missing.AddRange(current.Where(c => !matched.Contains(c) && listed.Contains(c.Department.JurisdictionId)));
        foreach (var jurisdiction in plan.Jurisdictions)
        {
            plan.PostsHeld[jurisdiction.Id] = current.Count(c => c.Department.JurisdictionId == jurisdiction.Id);
        }

        FindPostHolders(plan);
        NameSuperiors(plan, rowsOf);
        if (plan.IsValid)
        {
            var superiors = ResolveSuperiors(plan, []);
            RefuseLoopsThroughKeptSuperiors(plan, superiors);
            if (plan.IsValid)
            {
                plan.WithoutSuperior.AddRange(WithoutSuperior(plan, superiors));
            }
        }

        plan.Errors.Sort((a, b) => a.Row.CompareTo(b.Row));
        return plan;
    }

    /// <summary>
    /// A new post takes over the record of the same position in the same unit that is vacated: held by someone missing
    /// from the file or moving to another position. Each vacated record goes to one new post, in the file's order.
    /// </summary>
    private static void FindPostHolders(ImportPlan plan)
    {
        var vacated = plan.Missing.Concat(plan.Replaced).ToList();
        foreach (var post in plan.Added.Where(p => p.Department is not null))
        {
            var holder = vacated.FirstOrDefault(c => c.DepartmentId == post.Department!.Id && c.Position == post.Row.Position);
            if (holder is not null)
            {
                post.PostHolder = holder;
                vacated.Remove(holder);
            }
        }
    }

    /// <summary>Resolves each row's <c>superior</c> to one row of the file (same jurisdiction first); loops are refused by <see cref="RefuseLoopsThroughKeptSuperiors"/>.</summary>
    private static void NameSuperiors(ImportPlan plan, Dictionary<ImportRow, Jurisdiction> rowsOf)
    {
        var byName = rowsOf.Keys.ToLookup(r => r.Name);
        var byPosition = rowsOf.Keys.ToLookup(r => r.Position);
        foreach (var (row, jurisdiction) in rowsOf.Where(r => r.Key.Superior.Length > 0))
        {
            var candidates = byName[row.Superior].Union(byPosition[row.Superior]).OrderBy(r => r.Row).ToList();
            var local = candidates.Where(r => rowsOf[r] == jurisdiction).ToList();
            var choice = local.Count > 0 ? local : candidates;
            if (choice.Count == 0)
            {
                plan.Errors.Add(new ImportError(row.Row, SuperiorColumn, "unknown superior"));
            }
            else if (choice.Count > 1)
            {
                plan.Errors.Add(new ImportError(row.Row, SuperiorColumn, "ambiguous superior"));
            }
            else if (choice[0] == row)
            {
                plan.Errors.Add(new ImportError(row.Row, SuperiorColumn, "own superior"));
            }
            else if (plan.ByRow.TryGetValue(choice[0], out var target))
            {
                plan.NamedSuperiors[row] = target;
            }
        }
    }

    /// <summary>
    /// A superior named in the file whose chain, followed through the superiors the import sets and those the directory
    /// keeps (rows without a <c>superior</c>), leads back to the row is a loop too (the cadre's page refuses the same,
    /// <see cref="CadreHierarchy.WouldLoop"/>): an error on that row.
    /// </summary>
    private static void RefuseLoopsThroughKeptSuperiors(ImportPlan plan, Dictionary<PostRef, PostRef?> superiors)
    {
        var ended = plan.Replaced.ToHashSet();
        var byId = plan.AllCurrent.ToDictionary(c => c.Id);
        PostRef? Up(PostRef record) => superiors.TryGetValue(record, out var set) ? set
            : record.Existing?.SuperiorId is int id && byId.TryGetValue(id, out var kept) && !ended.Contains(kept) ? new PostRef(kept, null) : null;

        foreach (var (row, named) in plan.NamedSuperiors)
        {
            var self = plan.ByRow[row];
            var seen = new HashSet<PostRef>();
            for (var next = named; next is not null && seen.Add(next); next = Up(next))
            {
                if (next == self)
                {
                    plan.Errors.Add(new ImportError(row.Row, SuperiorColumn, "superior loop"));
                    break;
                }
            }
        }
    }

    /// <summary>
    /// Every record whose superior the import sets, given the records it ends (<see cref="ImportPlan.Replaced"/> and
    /// <paramref name="ending"/>): a named superior; for a new post, its post holder's superior, else the same person's
    /// previous superior; and for every record, new or current, in any jurisdiction, whose superior ends, that record's
    /// successor (the new holder of its post, else the same person's new post in the same unit) or none.
    /// </summary>
    private static Dictionary<PostRef, PostRef?> ResolveSuperiors(ImportPlan plan, IReadOnlyCollection<Cadre> ending)
    {
        var ended = plan.Replaced.Concat(ending).ToHashSet();
        var successor = new Dictionary<Cadre, PostRef>();
        foreach (var post in plan.Added)
        {
            if (post.PostHolder is { } holder && ended.Contains(holder))
            {
                successor[holder] = new PostRef(null, post);
            }
        }

        foreach (var post in plan.Added)
        {
            if (post.Previous is { } previous && !successor.ContainsKey(previous) && post.Department?.Id == previous.DepartmentId)
            {
                successor[previous] = new PostRef(null, post);
            }
        }

        var byId = plan.AllCurrent.ToDictionary(c => c.Id);
        var rowOf = plan.ByRow.ToDictionary(p => p.Value, p => p.Key);
        PostRef? Current(int? superiorId)
        {
            if (superiorId is not int id || !byId.TryGetValue(id, out var superior))
            {
                return null;
            }

            return ended.Contains(superior) ? successor.GetValueOrDefault(superior) : new PostRef(superior, null);
        }

        var result = new Dictionary<PostRef, PostRef?>();
        foreach (var post in plan.Added)
        {
            var self = new PostRef(null, post);
            var superior = plan.NamedSuperiors.TryGetValue(post.Row, out var named) ? named
                : Current(post.PostHolder?.SuperiorId) ?? Current(post.Previous?.SuperiorId);
            // A deputy taking over the post of the chief they reported to does not report to themselves.
            result[self] = superior == self ? null : superior;
        }

        foreach (var cadre in plan.AllCurrent.Where(c => !ended.Contains(c)))
        {
            var self = new PostRef(cadre, null);
            if (rowOf.TryGetValue(self, out var row) && plan.NamedSuperiors.TryGetValue(row, out var named))
            {
                result[self] = named;
            }
            else if (cadre.SuperiorId is int id && byId.TryGetValue(id, out var superior) && ended.Contains(superior))
            {
                result[self] = Current(id);
            }
        }

        return result;
    }

    /// <summary>The records of the listed jurisdictions left with no superior that are not their jurisdiction's top post.</summary>
    private static IEnumerable<PostRef> WithoutSuperior(ImportPlan plan, Dictionary<PostRef, PostRef?> superiors)
    {
        var ended = plan.Replaced.ToHashSet();
        var listed = plan.Jurisdictions.Select(j => j.Id).ToHashSet();
        var held = plan.AllCurrent.Select(c => c.Id).ToHashSet();
        var records = plan.AllCurrent.Where(c => !ended.Contains(c) && listed.Contains(c.Department.JurisdictionId)).Select(c => new PostRef(c, null))
            .Concat(plan.Added.Select(p => new PostRef(null, p)))
            .ToList();
        foreach (var jurisdiction in plan.Jurisdictions)
        {
            var mine = records.Where(r => (r.Existing?.Department.JurisdictionId ?? r.Planned!.Jurisdiction.Id) == jurisdiction.Id).ToList();
            var top = mine.OrderBy(r => OrderOf(r)).ThenBy(r => r.Existing?.ProtocolOrder ?? r.Planned!.Row.Order).FirstOrDefault();
            foreach (var record in mine.Where(r => r != top))
            {
                var hasSuperior = superiors.TryGetValue(record, out var set)
                    ? set is not null
                    : record.Existing?.SuperiorId is int id && held.Contains(id);
                if (!hasSuperior)
                {
                    yield return record;
                }
            }
        }
    }

    private static int OrderOf(PostRef record) => record.Existing?.Department.Order ?? record.Planned!.Department?.Order ?? int.MaxValue;

    /// <summary>
    /// Applies a valid plan on <paramref name="today"/> (China date): the records it replaces and the missing records
    /// named in <paramref name="ending"/> end yesterday, changes and superiors are set in place, and the returned new
    /// departments and cadres (by their planned post) are for the caller to add and save in one transaction. Returns
    /// also every current record whose superior it set.
    /// </summary>
    /// <exception cref="InvalidOperationException">The plan has errors, or <paramref name="ending"/> names a record not missing from the file.</exception>
    public static AppliedImport Apply(ImportPlan plan, IReadOnlyCollection<Cadre> ending, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(ending);
        if (!plan.IsValid)
        {
            throw new InvalidOperationException("An import with errors is not applied.");
        }

        if (ending.Any(c => !plan.Missing.Contains(c)))
        {
            throw new InvalidOperationException("Only cadres missing from the file can be ended by an import.");
        }

        var superiors = ResolveSuperiors(plan, ending);
        foreach (var cadre in plan.Replaced.Concat(ending))
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
        var cadres = plan.Added.ToDictionary(added => added, added => new Cadre
        {
            Department = added.Department ?? departments.First(d => d.Jurisdiction == added.Jurisdiction && d.NameZh == added.Row.Department),
            Name = added.Row.Name,
            NamePinyin = added.Previous?.NamePinyin ?? "",
            Position = added.Row.Position,
            Duties = added.Row.Duties,
            Mobile = added.Row.Mobile,
            OfficePhone = added.Row.OfficePhone,
            ProtocolOrder = added.Row.Order,
            PostStart = today,
        });
        Cadre? RecordOf(PostRef? post) => post is null ? null : post.Existing ?? cadres[post.Planned!];
        var resuperiored = new List<Cadre>();
        foreach (var (post, superior) in superiors)
        {
            var record = RecordOf(post)!;
            var target = RecordOf(superior);
            if (post.Existing is { } existing)
            {
                if (target is { Id: > 0 } && existing.SuperiorId == target.Id)
                {
                    continue;
                }

                resuperiored.Add(existing);
            }

            // The navigation for a new superior (its key comes with the save, and is left alone so as not to contradict it), the key too for an existing one or none.
            record.Superior = target;
            record.SuperiorId = target is null ? null : target.Id > 0 ? target.Id : record.SuperiorId;
        }

        return new AppliedImport(departments, cadres, resuperiored);
    }
}

/// <summary>What <see cref="DirectoryImport.Apply"/> made: new departments and cadres to add, and current records re-pointed.</summary>
public sealed record AppliedImport(List<Department> Departments, Dictionary<PlannedPost, Cadre> Cadres, List<Cadre> Resuperiored);
