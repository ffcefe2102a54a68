using System.Text;

namespace Bozhou.Hotline.Core.Directory;

/// <summary>The published list's import against the database, for the upload page and the command alike.</summary>
public sealed class DirectoryImporter(HotlineDbContext db, AdminChanges changes, TimeProvider time)
{
    /// <summary>Plans the import of <paramref name="csv"/> against the directory as it stands now (tracked, ready to apply).</summary>
    public async Task<ImportPlan> PlanAsync(string csv, CancellationToken cancellationToken)
    {
        var (rows, errors) = DirectoryImport.Parse(new StringReader(csv));
        // An ended jurisdiction is no longer known: rows naming it are refused as an unknown jurisdiction.
        var jurisdictions = await db.Jurisdictions.Where(j => j.EndedOn == null).Include(j => j.Departments).ToListAsync(cancellationToken);
        var current = await db.Cadres.Include(c => c.Department).ThenInclude(d => d.Jurisdiction).Where(c => c.PostEnd == null).ToListAsync(cancellationToken);
        var today = ChinaTime.DateOf(time.GetUtcNow());
        return DirectoryImport.Plan(rows, errors, jurisdictions, current.Where(c => c.HoldsPostOn(today)).ToList());
    }

    /// <summary>
    /// Applies a valid plan as one administrator's change (<see cref="AdminChanges"/>): one transaction, one audit line
    /// with the counts standing for the rows it touches, the directory's cache evicted.
    /// </summary>
    public async Task ApplyAsync(ImportPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var (departments, cadres) = DirectoryImport.Apply(plan, ChinaTime.DateOf(time.GetUtcNow()));
        db.Departments.AddRange(departments);
        db.Cadres.AddRange(cadres);
        changes.Summarize("Directory:import", null, new Dictionary<string, int>
        {
            ["added"] = plan.Added.Count, ["changed"] = plan.Changed.Count, ["ended"] = plan.Ended.Count, ["departments"] = departments.Count,
        }, "directory imported");
        await changes.SaveAsync(cancellationToken);
    }

    public static string Describe(ImportPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var text = new StringBuilder();
        foreach (var error in plan.Errors)
        {
            text.AppendLine($"error: row {error.Row}, column {error.Column}: {error.Message}");
        }

        foreach (var d in plan.NewDepartments)
        {
            text.AppendLine($"new department: {d.Jurisdiction.NameZh} {d.Name}");
        }

        foreach (var a in plan.Added)
        {
            text.AppendLine($"add: {a.Row.Jurisdiction} {a.Row.Department} {a.Row.Name} {a.Row.Position}");
        }

        foreach (var (cadre, _) in plan.Changed)
        {
            text.AppendLine($"change: {cadre.Department.NameZh} {cadre.Name} {cadre.Position}");
        }

        foreach (var cadre in plan.Ended)
        {
            text.AppendLine($"end: {cadre.Department.NameZh} {cadre.Name} {cadre.Position}");
        }

        text.Append($"{plan.Added.Count} to add, {plan.Changed.Count} to change, {plan.Ended.Count} to end, {plan.Errors.Count} errors.");
        return text.ToString();
    }
}
