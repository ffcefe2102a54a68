using System.Security.Cryptography;
using System.Text;

namespace Bozhou.Hotline.Core.Directory;

/// <summary>The file an import came from, for its history: the name as uploaded and SHA-256 of its bytes (lower-case hex).</summary>
public sealed record ImportSource(string FileName, string Sha256)
{
    /// <summary>The source of <paramref name="bytes"/> named <paramref name="fileName"/>.</summary>
    public static ImportSource Of(string fileName, byte[] bytes) => new(fileName, Convert.ToHexStringLower(SHA256.HashData(bytes)));

    /// <summary>The source of text pasted into the form (hashed as UTF-8).</summary>
    public static ImportSource Pasted(string text) => Of("pasted", Encoding.UTF8.GetBytes(text));
}

/// <summary>Why an import was not applied as asked (<see cref="DirectoryImporter.CheckEnding"/>).</summary>
public enum EndingProblem
{
    /// <summary>Nothing stands in the way.</summary>
    None,

    /// <summary>A named record is not one of the cadres missing from the file.</summary>
    NotMissing,

    /// <summary>More than a quarter of a jurisdiction's posts end, and the typed count is not the number ended.</summary>
    CountNotConfirmed,
}

/// <summary>Why a revert was refused, or that it was done (<see cref="DirectoryImporter.RevertAsync"/>).</summary>
public enum RevertOutcome
{
    Reverted,
    NotFound,
    AlreadyReverted,

    /// <summary>More than <see cref="DirectoryImportBatch.RevertDays"/> days have passed.</summary>
    TooOld,

    /// <summary>A record the import touched has changed since (the names are in the result).</summary>
    ChangedSince,

    /// <summary>A post the import added is in use: an appeal, an account or another record points to it.</summary>
    InUse,
}

/// <summary>The published list's import against the database, for the upload page and the command alike.</summary>
public sealed class DirectoryImporter(HotlineDbContext db, AdminChanges changes, IAuditActor actor, TimeProvider time)
{
    /// <summary>Plans the import of <paramref name="csv"/> against the directory as it stands now (tracked, ready to apply).</summary>
    public async Task<ImportPlan> PlanAsync(string csv, CancellationToken cancellationToken)
    {
        var (rows, errors) = DirectoryImport.Parse(new StringReader(csv));
        // An ended jurisdiction is no longer known: rows naming it are refused as an unknown jurisdiction.
        var jurisdictions = await db.Jurisdictions.Where(j => j.EndedOn == null).OrderBy(j => j.Order).Include(j => j.Departments).ToListAsync(cancellationToken);
        var current = await db.Cadres.Include(c => c.Department).ThenInclude(d => d.Jurisdiction).Where(c => c.PostEnd == null).ToListAsync(cancellationToken);
        var today = ChinaTime.DateOf(time.GetUtcNow());
        return DirectoryImport.Plan(rows, errors, jurisdictions, current.Where(c => c.HoldsPostOn(today)).ToList());
    }

    /// <summary>
    /// Checks the ending step: every id in <paramref name="endIds"/> is missing from the file, and where the ending
    /// takes more than a quarter of a jurisdiction's posts, <paramref name="typedCount"/> equals the number ended.
    /// </summary>
    public static EndingProblem CheckEnding(ImportPlan plan, IReadOnlyCollection<int> endIds, int? typedCount, out List<Cadre> ending)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(endIds);
        ending = [.. plan.Missing.Where(c => endIds.Contains(c.Id))];
        if (ending.Count != endIds.Distinct().Count())
        {
            return EndingProblem.NotMissing;
        }

        return plan.LargeEndings(ending).Count > 0 && typedCount != ending.Count ? EndingProblem.CountNotConfirmed : EndingProblem.None;
    }

    /// <summary>
    /// Applies a valid plan, ending the missing cadres in <paramref name="ending"/>, as one administrator's change
    /// (<see cref="AdminChanges"/>): one transaction, one audit line with the counts, and a history batch recording
    /// each record touched before and after (<see cref="DirectoryImportBatch"/>); the directory's cache evicted.
    /// </summary>
    /// <exception cref="InvalidOperationException">The plan has errors, or <paramref name="ending"/> names a cadre not missing from the file.</exception>
    /// <exception cref="DirectoryChangedException">The listed jurisdictions' posts changed since the plan was made (another apply of the same file, a double click): nothing written.</exception>
    public async Task<DirectoryImportBatch> ApplyAsync(ImportPlan plan, IReadOnlyCollection<Cadre> ending, ImportSource source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(source);
        var before = plan.AllCurrent.ToDictionary(c => c, CadreState.Of);
        var now = time.GetUtcNow();
        var applied = DirectoryImport.Apply(plan, ending, ChinaTime.DateOf(now));
        db.Departments.AddRange(applied.Departments);
        db.Cadres.AddRange(applied.Cadres.Values);
        var who = actor.Current;
        var batch = new DirectoryImportBatch
        {
            ImportedAt = now,
            ImportedByUserId = who.UserId,
            ImportedBy = who.UserName,
            FileName = source.FileName.Length > 200 ? source.FileName[..200] : source.FileName,
            FileSha256 = source.Sha256,
            Jurisdictions = string.Join(",", plan.Jurisdictions.Select(j => j.Code)),
            Added = applied.Cadres.Count,
            Changed = plan.Changed.Count,
            Ended = plan.Replaced.Count + ending.Count,
            DepartmentsAdded = applied.Departments.Count,
        };
        db.DirectoryImportBatches.Add(batch);
        var touched = plan.Changed.Select(c => c.Cadre).Concat(plan.Replaced).Concat(ending).Concat(applied.Resuperiored).Distinct().ToList();
        changes.AfterFirstSave(() =>
        {
            batch.Changes.AddRange(applied.Departments.Select(d => new DirectoryImportChange { DepartmentId = d.Id }));
            batch.Changes.AddRange(applied.Cadres.Values.Select(c => new DirectoryImportChange { CadreId = c.Id, After = CadreState.Of(c).ToJson() }));
            batch.Changes.AddRange(touched.Select(c => new DirectoryImportChange { CadreId = c.Id, Before = before[c].ToJson(), After = CadreState.Of(c).ToJson() }));
        });
        changes.Summarize("Directory:import", null, new Dictionary<string, int>
        {
            ["added"] = batch.Added, ["changed"] = batch.Changed, ["ended"] = batch.Ended, ["departments"] = batch.DepartmentsAdded,
        }, $"directory imported from {batch.FileName} (SHA-256 {batch.FileSha256})");
        var listed = plan.Jurisdictions.Select(j => j.Id).ToList();
        var planned = plan.AllCurrent.Where(c => listed.Contains(c.Department.JurisdictionId)).ToDictionary(c => c.Id, c => before[c]);
        var today = ChinaTime.DateOf(now);
        await changes.RunAsync(
            async token =>
            {
                // The listed jurisdictions' rows locked first (PostgreSQL; SQLite's writes are one at a time already), so
                // that of two applies planned against the same directory (a double click) the later sees the earlier's posts.
                await db.Jurisdictions.Where(j => listed.Contains(j.Id)).ExecuteUpdateAsync(set => set.SetProperty(j => j.Order, j => j.Order), token);
                var held = (await db.Cadres.AsNoTracking().Where(c => c.PostEnd == null && listed.Contains(c.Department.JurisdictionId)).ToListAsync(token))
                    .Where(c => c.HoldsPostOn(today)).ToList();
                if (held.Count != planned.Count || held.Any(c => !planned.TryGetValue(c.Id, out var state) || state != CadreState.Of(c)))
                {
                    throw new DirectoryChangedException();
                }
            },
            cancellationToken);
        return batch;
    }

    /// <summary>
    /// Reverts import <paramref name="batchId"/> as one audited change: the posts it added are removed (with the units it
    /// added, when nothing else is in them), and every record it changed, ended or re-pointed gets its state from
    /// before the import back. Refused, with nothing changed, after <see cref="DirectoryImportBatch.RevertDays"/> days,
    /// or when a record it touched has changed since or a post it added is in use (<paramref name="names"/> says which).
    /// </summary>
    public async Task<RevertOutcome> RevertAsync(int batchId, List<string> names, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(names);
        var batch = await db.DirectoryImportBatches.Include(b => b.Changes).SingleOrDefaultAsync(b => b.Id == batchId, cancellationToken);
        if (batch is null)
        {
            return RevertOutcome.NotFound;
        }

        var now = time.GetUtcNow();
        if (batch.RevertedAt is not null)
        {
            return RevertOutcome.AlreadyReverted;
        }

        if (!batch.CanRevertAt(now))
        {
            return RevertOutcome.TooOld;
        }

        var cadreIds = batch.Changes.Where(c => c.CadreId is not null).Select(c => c.CadreId!.Value).ToList();
        var cadres = await db.Cadres.Include(c => c.Department).Where(c => cadreIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var expected = batch.Changes.Where(c => c.CadreId is not null).ToDictionary(c => c.CadreId!.Value, c => CadreState.FromJson(c.After));
        names.AddRange(ChangedSince(cadres, expected));

        if (names.Count > 0)
        {
            // A record gone or changed may be another revert of this import, committed since the batch was read.
            if (await db.DirectoryImportBatches.AnyAsync(b => b.Id == batchId && b.RevertedAt != null, cancellationToken))
            {
                names.Clear();
                return RevertOutcome.AlreadyReverted;
            }

            return RevertOutcome.ChangedSince;
        }

        var added = batch.Changes.Where(c => c.CadreId is not null && c.Before is null).Select(c => cadres[c.CadreId!.Value]).ToList();
        var addedIds = added.Select(c => c.Id).ToList();
        var inUse = await db.Appeals.Where(a => addedIds.Contains(a.CadreId) || addedIds.Contains(a.HandlerCadreId)).Select(a => a.HandlerCadreId).Distinct().ToListAsync(cancellationToken);
        inUse.AddRange(await db.Users.Where(u => u.CadreId != null && addedIds.Contains(u.CadreId.Value)).Select(u => u.CadreId!.Value).ToListAsync(cancellationToken));
        inUse.AddRange(await db.CadreDelegations.Where(d => addedIds.Contains(d.CadreId)).Select(d => d.CadreId).ToListAsync(cancellationToken));
        inUse.AddRange(await db.Cadres.Where(c => c.SuperiorId != null && addedIds.Contains(c.SuperiorId.Value) && !cadreIds.Contains(c.Id)).Select(c => c.SuperiorId!.Value).ToListAsync(cancellationToken));
        names.AddRange(added.Where(c => inUse.Contains(c.Id)).Select(Named));
        if (names.Count > 0)
        {
            return RevertOutcome.InUse;
        }

        foreach (var change in batch.Changes.Where(c => c.CadreId is not null && c.Before is not null))
        {
            CadreState.FromJson(change.Before!).ApplyTo(cadres[change.CadreId!.Value]);
        }

        var departmentIds = batch.Changes.Where(c => c.DepartmentId is not null).Select(c => c.DepartmentId!.Value).ToList();

        // Rows that keep a change's history pointing at a record it removes go with that record.
        batch.Changes.RemoveAll(c => c.Before is null);
        foreach (var cadre in added)
        {
            cadre.SuperiorId = null;
            cadre.Superior = null;
        }

        db.DailyCadreStats.RemoveRange(await db.DailyCadreStats.Where(s => addedIds.Contains(s.CadreId)).ToListAsync(cancellationToken));
        var departments = await db.Departments.Where(d => departmentIds.Contains(d.Id) && !db.Cadres.Any(c => c.DepartmentId == d.Id && !addedIds.Contains(c.Id))).ToListAsync(cancellationToken);
        batch.RevertedAt = now;
        batch.RevertedBy = actor.Current.UserName;
        changes.Summarize("Directory:revert", null, new Dictionary<string, int>
        {
            ["batch"] = batch.Id, ["removed"] = added.Count, ["restored"] = batch.Changes.Count(c => c.CadreId is not null), ["departments"] = departments.Count,
        }, $"directory import {batch.Id} of {batch.ImportedAt:yyyy-MM-dd HH:mm} UTC reverted");
        try
        {
            await changes.RunAsync(
                async token =>
                {
                    // Claimed in the transaction: of two reverts at once, the second finds it taken and changes nothing.
                    if (await db.DirectoryImportBatches.Where(b => b.Id == batchId && b.RevertedAt == null)
                        .ExecuteUpdateAsync(set => set.SetProperty(b => b.RevertedAt, now), token) == 0)
                    {
                        throw new RevertTakenException();
                    }

                    // The records locked (PostgreSQL; SQLite's writes are one at a time already) and read again: an edit
                    // committed since the checks above is met here, and the revert then changes nothing.
                    await db.Cadres.Where(c => cadreIds.Contains(c.Id)).ExecuteUpdateAsync(set => set.SetProperty(c => c.ProtocolOrder, c => c.ProtocolOrder), token);
                    var current = await db.Cadres.AsNoTracking().Include(c => c.Department).Where(c => cadreIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, token);
                    if (ChangedSince(current, expected) is { Count: > 0 } changedSince)
                    {
                        throw new RevertChangedException(changedSince);
                    }

                    // Added posts first (their superiors may be other added posts), then the units left empty.
                    await db.SaveChangesAsync(token);
                    db.Cadres.RemoveRange(added);
                    await db.SaveChangesAsync(token);
                    db.Departments.RemoveRange(departments);
                },
                cancellationToken);
        }
        catch (RevertTakenException)
        {
            db.ChangeTracker.Clear();
            return RevertOutcome.AlreadyReverted;
        }
        catch (RevertChangedException changed)
        {
            db.ChangeTracker.Clear();
            names.AddRange(changed.Names);
            return RevertOutcome.ChangedSince;
        }

        return RevertOutcome.Reverted;
    }

    /// <summary>
    /// The records whose state differs from what the import left (<paramref name="expected"/>, by cadre id), named as the
    /// refusal names them; a record gone reads <c>#id</c>.
    /// </summary>
    private static List<string> ChangedSince(IReadOnlyDictionary<int, Cadre> current, IReadOnlyDictionary<int, CadreState> expected) =>
        [.. expected.Where(e => !current.TryGetValue(e.Key, out var cadre) || CadreState.Of(cadre) != e.Value)
            .Select(e => current.TryGetValue(e.Key, out var cadre) ? Named(cadre) : $"#{e.Key}")];

    /// <summary>A record as a refusal names it: unit, name and position (<c>谯城区人民政府 袁秀英（副区长）</c>).</summary>
    private static string Named(Cadre cadre) => $"{cadre.Department.NameZh} {cadre.Name}（{cadre.Position}）";

    /// <summary>The plan in plain English lines, for the <c>import-directory</c> command.</summary>
    public static string Describe(ImportPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var text = new StringBuilder();
        foreach (var error in plan.Errors)
        {
            text.AppendLine($"error: row {error.Row}, column {error.Column}: {error.Message}");
        }

        text.AppendLine($"jurisdictions: {string.Join(", ", plan.Jurisdictions.Select(j => j.Code))} (no other jurisdiction is changed)");
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

        foreach (var cadre in plan.Replaced)
        {
            text.AppendLine($"end (changes position): {cadre.Department.NameZh} {cadre.Name} {cadre.Position}");
        }

        foreach (var cadre in plan.Missing)
        {
            text.AppendLine($"not in the file (ended only with --end-missing {plan.Missing.Count}): {cadre.Department.NameZh} {cadre.Name} {cadre.Position}");
        }

        foreach (var post in plan.WithoutSuperior)
        {
            text.AppendLine($"no superior: {post.DepartmentName} {post.Name} {post.Position}");
        }

        text.Append($"{plan.Added.Count} to add, {plan.Changed.Count} to change, {plan.Replaced.Count} to end, {plan.Missing.Count} not in the file, {plan.Errors.Count} errors.");
        return text.ToString();
    }
}

/// <summary>The posts of the jurisdictions an import lists changed between its plan and its apply (applied twice at once): plan it again.</summary>
public sealed class DirectoryChangedException : InvalidOperationException
{
    public DirectoryChangedException()
        : base("The directory changed since the import was planned; plan it again.")
    {
    }
}

/// <summary>Another revert of the same import committed first; this one rolls back.</summary>
internal sealed class RevertTakenException : Exception
{
}

/// <summary>A record the revert would restore changed after its checks, before its transaction: the revert changes nothing.</summary>
internal sealed class RevertChangedException(IReadOnlyList<string> names) : Exception
{
    public IReadOnlyList<string> Names { get; } = names;
}
