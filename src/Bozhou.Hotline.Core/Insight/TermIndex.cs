using Bozhou.Hotline.Core.Caching;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Bozhou.Hotline.Core.Insight;

/// <summary>
/// Analyses appeals into <see cref="AppealTerm"/> rows: each appeal logged within the last <see cref="TrendRules.KeptDays"/>
/// China days that has no <see cref="TermKind.Appeal"/> row yet gets one, with its description's terms and phrases
/// (<see cref="TermExtractor"/>), in batches of <see cref="BatchSize"/>, each batch one transaction.
/// <para>
/// <b>Incremental, neither missed nor counted twice.</b> The appeals looked at are those with an id above the highest
/// analysed one less <see cref="LookbackIds"/> that have no analysis row: an appeal whose id was handed out before a
/// later one but committed after the later one was analysed (PostgreSQL's sequences allow it) is still within that margin
/// at the next pass. The pass runs once per cluster (<see cref="TermIndexService"/>, a <see cref="Operations.ClusterJob"/>
/// lease); should two ever analyse the same appeal (a lease lost mid-pass), the primary key (appeal, key) refuses the
/// second batch as a whole and nothing is counted twice.
/// </para>
/// <para>
/// <b>What is kept.</b> Rows of appeals logged more than <see cref="TrendRules.KeptDays"/> days ago are deleted at each
/// pass: they are needed by no window (the bulletin's month and the three before it). The product never purges an
/// appeal's description (the retention purge removes the caller's name and phone only), so terms stay with their
/// appeal; an appeal deleted from the database takes its rows with it (cascade).
/// </para>
/// <para>
/// <b>Lists forgotten.</b> A pass that stored or deleted rows, even one that failed after some batches, announces
/// <see cref="KeptTags.Terms"/> (<see cref="KeptValueChanges"/>), so every instance forgets the lists it keeps
/// (<see cref="RisingTermsCache"/>).
/// </para>
/// </summary>
public sealed class TermIndex(HotlineDbContext db, TermExtractor extractor, KeptValueChanges changes, ILogger<TermIndex> logger)
{
    public const int BatchSize = 2_000;

    /// <summary>How far below the highest analysed appeal id the next pass looks for appeals committed late.</summary>
    public const long LookbackIds = 5_000;

    /// <summary>Analyses every appeal not yet analysed within the kept days; returns how many were analysed.</summary>
    public async Task<int> IndexPendingAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var changed = false;
        try
        {
            await LoadNamesAsync(cancellationToken);
            var keptFrom = ChinaTime.DateOf(now).AddDays(-TrendRules.KeptDays);
            changed = await ForgetBeforeAsync(keptFrom, cancellationToken) > 0;
            return await AnalyseAsync(ChinaTime.StartOf(keptFrom), () => changed = true, cancellationToken);
        }
        finally
        {
            if (changed)
            {
                await changes.ChangedAsync([KeptTags.Terms], CancellationToken.None);
            }
        }
    }

    private async Task<int> AnalyseAsync(DateTimeOffset since, Action stored, CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            // Every analysed appeal has its "analysed" row, so the highest appeal id of any row is the highest analysed one;
            // both this and the look-up below go through the primary key (AppealId, Key).
            var highest = await db.AppealTerms.MaxAsync(t => (long?)t.AppealId, cancellationToken) ?? 0;
            var floor = Math.Max(0, highest - LookbackIds);
            var batch = await db.Appeals.AsNoTracking()
                .Where(a => a.Id > floor && a.LoggedAt >= since
                    && !db.AppealTerms.Any(t => t.AppealId == a.Id && t.Key == ""))
                .OrderBy(a => a.Id).Take(BatchSize)
                .Select(a => new { a.Id, a.Description, a.LoggedAt, a.CadreId, a.Cadre.DepartmentId, a.Cadre.Department.JurisdictionId })
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return total;
            }

            var rows = new List<AppealTerm>(batch.Count * 20);
            foreach (var a in batch)
            {
                var day = ChinaTime.DateOf(a.LoggedAt);
                AppealTerm Row(string key, TermKind kind) => new()
                {
                    AppealId = a.Id, Key = key, Kind = kind, LoggedDay = day, CadreId = a.CadreId, DepartmentId = a.DepartmentId, JurisdictionId = a.JurisdictionId,
                };
                rows.Add(Row("", TermKind.Appeal));
                rows.AddRange(extractor.Extract(a.Description).Select(k => Row(k.Key, k.Kind)));
            }

            await InsertAsync(rows, cancellationToken);
            stored();

            total += batch.Count;
            logger.LogDebug("Analysed the descriptions of {Count} appeal(s) into {Rows} term rows", batch.Count, rows.Count);
        }
    }

    /// <summary>
    /// Writes a batch's rows in one transaction, without EF Core's change tracking (which took 150 s for the 1.2 million
    /// rows of 100,000 appeals): on PostgreSQL one binary <c>COPY</c>, on SQLite one prepared <c>INSERT</c> bound again for
    /// each row, behind the write gate. Table and column names come from the EF model. A duplicate (appeal, key) fails the
    /// whole batch: nothing of it is stored.
    /// </summary>
    private async Task InsertAsync(List<AppealTerm> rows, CancellationToken cancellationToken)
    {
        var entity = db.Model.FindEntityType(typeof(AppealTerm))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        string Column(string property) => "\"" + entity.FindProperty(property)!.GetColumnName(table) + "\"";
        string[] names = [nameof(AppealTerm.AppealId), nameof(AppealTerm.Key), nameof(AppealTerm.Kind), nameof(AppealTerm.LoggedDay),
            nameof(AppealTerm.CadreId), nameof(AppealTerm.DepartmentId), nameof(AppealTerm.JurisdictionId)];
        var columns = string.Join(", ", names.Select(Column));
        var tableName = (table.Schema is { } schema ? "\"" + schema + "\"." : "") + "\"" + table.Name + "\"";
        if (db.Database.IsNpgsql())
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                var connection = (Npgsql.NpgsqlConnection)db.Database.GetDbConnection();
                await using var import = await connection.BeginBinaryImportAsync($"COPY {tableName} ({columns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
                foreach (var r in rows)
                {
                    await import.StartRowAsync(cancellationToken);
                    await import.WriteAsync(r.AppealId, NpgsqlTypes.NpgsqlDbType.Bigint, cancellationToken);
                    await import.WriteAsync(r.Key, NpgsqlTypes.NpgsqlDbType.Varchar, cancellationToken);
                    await import.WriteAsync((short)r.Kind, NpgsqlTypes.NpgsqlDbType.Smallint, cancellationToken);
                    await import.WriteAsync(r.LoggedDay, NpgsqlTypes.NpgsqlDbType.Date, cancellationToken);
                    await import.WriteAsync(r.CadreId, NpgsqlTypes.NpgsqlDbType.Integer, cancellationToken);
                    await import.WriteAsync(r.DepartmentId, NpgsqlTypes.NpgsqlDbType.Integer, cancellationToken);
                    await import.WriteAsync(r.JurisdictionId, NpgsqlTypes.NpgsqlDbType.Integer, cancellationToken);
                }

                await import.CompleteAsync(cancellationToken);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }

            return;
        }

        await using var transaction = await SqliteWriteGate.BeginAsync(db, cancellationToken);
        await using (var command = db.Database.GetDbConnection().CreateCommand())
        {
            command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
            command.CommandText = $"INSERT INTO {tableName} ({columns}) VALUES ({string.Join(", ", names.Select((_, i) => "$p" + i))})";
            var parameters = names.Select((_, i) =>
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "$p" + i;
                command.Parameters.Add(parameter);
                return parameter;
            }).ToArray();
            foreach (var r in rows)
            {
                parameters[0].Value = r.AppealId;
                parameters[1].Value = r.Key;
                parameters[2].Value = (byte)r.Kind;
                parameters[3].Value = r.LoggedDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                parameters[4].Value = r.CadreId;
                parameters[5].Value = r.DepartmentId;
                parameters[6].Value = r.JurisdictionId;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Forgets every analysis and analyses the kept days' appeals again (the operator's <c>rebuild-trends</c>, after the
    /// stop words or the city's words changed); returns how many appeals were analysed.
    /// </summary>
    public async Task<int> RebuildAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        try
        {
            await using (await SqliteWriteGate.EnterAsync(db, cancellationToken))
            {
                await db.AppealTerms.ExecuteDeleteAsync(cancellationToken);
            }

            return await IndexPendingAsync(now, cancellationToken);
        }
        finally
        {
            await changes.ChangedAsync([KeptTags.Terms], CancellationToken.None);
        }
    }

    /// <summary>Adds the jurisdictions', departments' and topics' Chinese names to the segmenter's dictionary.</summary>
    private async Task LoadNamesAsync(CancellationToken cancellationToken)
    {
        var names = new List<string>();
        names.AddRange(await db.Jurisdictions.AsNoTracking().Select(j => j.NameZh).ToListAsync(cancellationToken));
        names.AddRange(await db.Departments.AsNoTracking().Select(d => d.NameZh).ToListAsync(cancellationToken));
        names.AddRange(await db.Topics.AsNoTracking().Select(t => t.NameZh).ToListAsync(cancellationToken));
        // Topic names such as "交通出行" or "住房/物业" hold words of their own; the whole name is added, and the parts.
        extractor.AddWords(names.SelectMany(n => n.Split(['/', '、', '，', ',', ' ', '（', '）', '(', ')'], StringSplitOptions.RemoveEmptyEntries).Append(n)));
    }

    private async Task<int> ForgetBeforeAsync(DateOnly keptFrom, CancellationToken cancellationToken)
    {
        await using (await SqliteWriteGate.EnterAsync(db, cancellationToken))
        {
            return await db.AppealTerms.Where(t => t.LoggedDay < keptFrom).ExecuteDeleteAsync(cancellationToken);
        }
    }
}
