using System.Diagnostics;
using System.Globalization;
using Bogus;
using Bozhou.Hotline.Core.Appeals;
using Bozhou.Hotline.Core.Data;
using Bozhou.Hotline.Core.Demo;
using Bozhou.Hotline.Core.Directory;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Bozhou.Hotline.Bench;

/// <summary>
/// The benchmark seed (<see cref="BenchProgram"/>, bench/README.md): fills a database with benchmark data. It brings the
/// directory up to <c>--cadres</c> cadres (the demo directory first when the database is empty), then adds
/// <c>--appeals</c> appeals over the year so far, each built through the domain (<see cref="Appeal.Log"/> and
/// its methods) so states, clocks, events and call attempts are the ones the product would write.
/// Batched: 10,000 appeals per transaction (<see cref="RowWriter"/>); on SQLite synchronous=OFF and a large page cache meanwhile.
/// </summary>
public sealed class BenchSeed(
    HotlineDbContext db,
    DatabaseInitializer initializer,
    CallerDataProtector protector,
    AppealClockSource clocks,
    TimeProvider time)
{
    public const int BatchSize = 10_000;

    // Share of calls per hour of the day (China time): few after midnight, rising after 06:00.
    private static readonly double[] HourWeights =
        [0.4, 0.25, 0.15, 0.1, 0.1, 0.3, 1.0, 2.5, 5.0, 7.5, 8.0, 7.0, 5.0, 4.5, 6.5, 7.5, 7.5, 6.5, 5.0, 4.5, 4.0, 3.0, 1.8, 0.9];

    private static readonly string[] Matters =
    [
        "小区门口的路灯坏了一个多月，晚上出行很不安全，希望尽快维修。",
        "反映{0}附近施工噪音扰民，夜间十点后仍在作业。",
        "企业办理营业执照变更遇到困难，窗口要求的材料反复变化。",
        "{0}的供水经常中断，没有提前通知。",
        "咨询灵活就业人员医保缴费的标准和办理渠道。",
        "孩子入学的学区划分有疑问，想了解具体政策。",
        "{0}道路积水严重，下雨天无法通行。",
        "农村危房改造补助迟迟没有发放，希望核实进度。",
        "反映{0}一家餐馆油烟直排，影响周边居民。",
        "企业的增值税留抵退税申请已提交两个月，仍未办结。",
        "希望在{0}增设公交站点，方便老人出行。",
        "物业公司擅自提高物业费，业主多次协商无果。",
    ];

    public sealed record Result(int CadresAdded, int Appeals, long Events, long CallAttempts, TimeSpan Elapsed);

    public async Task<Result> RunAsync(int cadres, int appeals, int seed, TextWriter progress, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cadres);
        ArgumentOutOfRangeException.ThrowIfNegative(appeals);
        ArgumentNullException.ThrowIfNull(progress);
        var watch = Stopwatch.StartNew();
        await initializer.MigrateAsync(cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            if (db.IsSqlite)
            {
                // No fsync, and a large page cache: the rows arrive in random index order, and every page that
                // misses the cache (SQLite's default is 2 MiB) costs a system call. With 1 GiB the seed slowed from
                // 4,500 to 1,000 appeals/s once the file passed 3 GiB; a quarter of the memory, at most 4 GiB.
                var cacheKiB = Math.Clamp(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4 / 1024, 65_536, 4_194_304);
#pragma warning disable EF1002 // a number computed here, not input
                await db.Database.ExecuteSqlRawAsync($"PRAGMA synchronous=OFF; PRAGMA cache_size=-{cacheKiB};", cancellationToken);
#pragma warning restore EF1002
            }

            Randomizer.Seed = new Random(seed);
            var added = await SeedDirectoryAsync(cadres, cancellationToken);
            var (events, attempts) = await SeedAppealsAsync(appeals, seed, progress, watch, cancellationToken);
            if (db.IsSqlite)
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous=NORMAL; PRAGMA optimize;", cancellationToken);
            }
            else
            {
                // VACUUM as autovacuum would after a bulk load: it marks the pages all-visible, which index-only scans need.
                await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE;", cancellationToken);
            }

            return new Result(added, appeals, events, attempts, watch.Elapsed);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<int> SeedDirectoryAsync(int cadres, CancellationToken cancellationToken)
    {
        if (!await db.Jurisdictions.AnyAsync(cancellationToken))
        {
            var demo = DemoDirectory.Build();
            db.Jurisdictions.AddRange(demo.Jurisdictions);
            db.Topics.AddRange(demo.Topics);
            db.Cadres.AddRange(demo.Cadres);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        var existing = await db.Cadres.CountAsync(cancellationToken);
        var missing = cadres - existing;
        if (missing <= 0)
        {
            return 0;
        }

        var jurisdictions = await db.Jurisdictions.AsNoTracking().OrderBy(j => j.Order).ToListAsync(cancellationToken);
        var topicIds = await db.Topics.Where(t => t.IsActive).Select(t => t.Id).ToListAsync(cancellationToken);
        var faker = new Faker("zh_CN");
        string[] units = ["发展和改革委员会", "教育局", "民政局", "人力资源和社会保障局", "自然资源和规划局", "住房和城乡建设局", "交通运输局", "农业农村局", "卫生健康委员会", "市场监督管理局", "城市管理局", "生态环境局"];
        string[] posts = ["局长", "副局长", "主任", "副主任", "科长"];
        var perDepartment = 8;
        var departments = new List<Department>();
        for (var i = 0; i * perDepartment < missing; i++)
        {
            var jurisdiction = jurisdictions[i % jurisdictions.Count];
            departments.Add(new Department
            {
                JurisdictionId = jurisdiction.Id,
                NameZh = jurisdiction.NameZh + units[i % units.Length] + (i / units.Length + 1).ToString(CultureInfo.InvariantCulture) + "（基准）",
                NameEn = "Bench unit " + (i + 1).ToString(CultureInfo.InvariantCulture),
                Order = 1000 + i,
            });
        }

        db.Departments.AddRange(departments);
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(cancellationToken);
        var list = new List<Cadre>(missing);
        for (var i = 0; i < missing; i++)
        {
            var name = faker.Name.LastName() + faker.Name.FirstName();
            var cadre = new Cadre
            {
                Name = name,
                NamePinyin = "bench" + i.ToString(CultureInfo.InvariantCulture),
                Position = posts[i % posts.Length],
                PositionEn = "Official",
                Duties = "负责" + units[i % units.Length] + "相关工作。",
                DutiesEn = "Bench duties.",
                Mobile = "+86139" + faker.Random.Number(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture),
                DepartmentId = departments[i / perDepartment].Id,
                ProtocolOrder = i % perDepartment,
                PostStart = new DateOnly(2024, 1, 1),
            };
            foreach (var topicId in faker.PickRandom(topicIds, Math.Min(3, topicIds.Count)))
            {
                cadre.Topics.Add(new CadreTopic { TopicId = topicId });
            }

            list.Add(cadre);
        }

        db.Cadres.AddRange(list);
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return missing;
    }

    private async Task<(long Events, long Attempts)> SeedAppealsAsync(
        int count, int seed, TextWriter progress, Stopwatch watch, CancellationToken cancellationToken)
    {
        if (count == 0)
        {
            return (0, 0);
        }

        var now = time.GetUtcNow();
        var cadreIds = await db.Cadres.Select(c => c.Id).ToArrayAsync(cancellationToken);
        var topics = await db.Topics.Where(t => t.IsActive).Select(t => new { t.Id, t.Kind }).ToArrayAsync(cancellationToken);
        var codes = (await db.Appeals.Select(a => a.TrackingCode).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var clock = await clocks.GetAsync(cancellationToken);
        var faker = new Faker("zh_CN");
        var random = new Random(seed);
        var cumulative = new double[24];
        var sum = 0.0;
        for (var h = 0; h < 24; h++)
        {
            sum += HourWeights[h];
            cumulative[h] = sum;
        }

        // The year so far in China time; the bench's scorecard asks for the current year.
        var chinaOffset = TimeSpan.FromHours(8);
        var yearStart = new DateTimeOffset(now.ToOffset(chinaOffset).Year, 1, 1, 0, 0, 0, chinaOffset);
        var days = Math.Max(1, (int)(now - yearStart).TotalDays);
        long eventCount = 0, attemptCount = 0, written = 0;
        var connection = db.Database.GetDbConnection();
        var appeals = new RowWriter(db, typeof(Appeal));
        var events = new RowWriter(db, typeof(AppealEvent));
        var attemptRows = new RowWriter(db, typeof(CallAttempt));
        var nextAppealId = (await db.Appeals.MaxAsync(a => (long?)a.Id, cancellationToken) ?? 0) + 1;
        var nextEventId = (await db.AppealEvents.MaxAsync(a => (long?)a.Id, cancellationToken) ?? 0) + 1;
        var nextAttemptId = (await db.CallAttempts.MaxAsync(a => (long?)a.Id, cancellationToken) ?? 0) + 1;
        var saving = new Stopwatch();

        // Appeals are made on a second thread while the batch before is written: one random sequence, so the
        // data is the same for a seed whatever the timing.
        var batches = System.Threading.Channels.Channel.CreateBounded<List<Appeal>>(2);
        var making = Task.Run(async () =>
        {
            try
            {
                var batch = new List<Appeal>(BatchSize);
                for (var n = 0; n < count; n++)
                {
                    var day = random.Next(days);
                    var hour = Array.BinarySearch(cumulative, random.NextDouble() * sum);
                    hour = hour < 0 ? ~hour : hour;
                    var calledAt = yearStart.AddDays(day).AddHours(Math.Min(hour, 23)).AddSeconds(random.Next(3600)).ToUniversalTime();
                    if (calledAt > now)
                    {
                        calledAt = now.AddMinutes(-random.Next(1, 600));
                    }

                    var loggedAt = calledAt.AddMinutes(random.Next(1, 30));
                    if (loggedAt > now)
                    {
                        loggedAt = now;
                    }

                    var topic = topics[random.Next(topics.Length)];
                    var cadreId = cadreIds[random.Next(cadreIds.Length)];
                    var callerType = random.NextDouble() < 0.15 ? CallerType.Enterprise : CallerType.Individual;
                    var outcome = random.NextDouble() switch
                    {
                        < 0.45 => CallOutcome.Answered,
                        < 0.75 => CallOutcome.NotAnswered,
                        < 0.85 => CallOutcome.BusyOrOff,
                        < 0.97 => CallOutcome.SmsSent,
                        _ => CallOutcome.SmsReplyReceived,
                    };
                    var description = string.Format(CultureInfo.InvariantCulture, Matters[random.Next(Matters.Length)], faker.Address.StreetName());
                    var input = new NewAppeal(
                        cadreId, topic.Id, topic.Kind, calledAt, outcome, callerType,
                        callerType == CallerType.Enterprise ? faker.Company.CompanyName() : null,
                        description, random.NextDouble() < 0.1, true, AppealActors.Caller);
                    var phone = "+861" + random.Next(30, 99).ToString(CultureInfo.InvariantCulture) + random.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
                    var caller = protector.Protect(random.NextDouble() < 0.7 ? faker.Name.FullName() : null, phone);
                    string code;
                    do
                    {
                        code = TrackingCode.Generate();
                    }
                    while (!codes.Add(code));

                    var appeal = Appeal.Log(input, caller, code, clock, loggedAt);
                    Live(appeal, cadreIds, random, clock, now);
                    batch.Add(appeal);
                    if (batch.Count == BatchSize || n == count - 1)
                    {
                        await batches.Writer.WriteAsync(batch, cancellationToken);
                        batch = new List<Appeal>(BatchSize);
                    }
                }

                batches.Writer.Complete();
            }
            catch (Exception e)
            {
                batches.Writer.Complete(e);
            }
        }, cancellationToken);

        await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken))
        {
            saving.Start();
            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
            {
                foreach (var row in batch)
                {
                    var appealId = nextAppealId++;
                    appeals.Add(row, appealId, appealId);
                    foreach (var e in row.Events)
                    {
                        events.Add(e, nextEventId++, appealId);
                    }

                    foreach (var c in row.CallAttempts)
                    {
                        attemptRows.Add(c, nextAttemptId++, appealId);
                    }

                    eventCount += row.Events.Count;
                    attemptCount += row.CallAttempts.Count;
                }

                await appeals.FlushAsync(connection, transaction, cancellationToken);
                await events.FlushAsync(connection, transaction, cancellationToken);
                await attemptRows.FlushAsync(connection, transaction, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            saving.Stop();
            written += batch.Count;
            if (written % 50_000 == 0 || written == count)
            {
                await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"seed-bench: {written} appeals, {eventCount} events, {attemptCount} call attempts, {watch.Elapsed.TotalSeconds:F0} s ({written / watch.Elapsed.TotalSeconds:F0} appeals/s; {saving.Elapsed.TotalSeconds:F0} s writing rows)"));
            }
        }

        await making;
        await appeals.DisposeAsync();
        await events.DisposeAsync();
        await attemptRows.DisposeAsync();

        if (!db.IsSqlite)
        {
            // The rows carry their own ids: move the identity sequences past them.
            foreach (var table in new[] { "Appeals", "AppealEvents", "CallAttempts" })
            {
#pragma warning disable EF1002 // table names from the model, not from input
                await db.Database.ExecuteSqlRawAsync(
                    $"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'Id'), (SELECT MAX(\"Id\") FROM \"{table}\"));", cancellationToken);
#pragma warning restore EF1002
            }
        }

        return (eventCount, attemptCount);
    }

    /// <summary>Takes one appeal through what usually happens to it, as far as its age allows.</summary>
    private static void Live(Appeal appeal, int[] cadreIds, Random random, AppealClock clock, DateTimeOffset now)
    {
        const string staff = "工作人员";
        var at = appeal.LoggedAt;

        bool Next(double hoursMin, double hoursMax)
        {
            var next = at.AddHours(hoursMin + (random.NextDouble() * (hoursMax - hoursMin)));
            if (next >= now)
            {
                return false;
            }

            at = next;
            return true;
        }

        if (random.NextDouble() < 0.08 && Next(0.5, 30))
        {
            appeal.RecordCitizenCall(at.AddMinutes(-2), CallOutcome.NotAnswered, clock, at, AppealActors.Caller);
        }

        if (random.NextDouble() < 0.85 && Next(0.5, 40))
        {
            appeal.RecordCallback(random.NextDouble() < 0.9, random.NextDouble() < 0.3 ? "已与来电人沟通，了解诉求详情。" : null, staff, null, at);
        }
        else if (random.NextDouble() < 0.5)
        {
            return;
        }

        if (random.NextDouble() < 0.08 && Next(2, 30))
        {
            var to = cadreIds[random.Next(cadreIds.Length)];
            if (to != appeal.HandlerCadreId)
            {
                appeal.Transfer(to, "该事项属于其他部门职责范围。", staff, null, clock, at);
                if (random.NextDouble() < 0.85 && Next(1, 20))
                {
                    appeal.AcceptTransfer(staff, null, at);
                }
            }
        }

        if (random.NextDouble() < 0.03 && Next(24, 120))
        {
            appeal.RecordReminder("请尽快办理。", "督查室", null, at);
        }

        if (random.NextDouble() < 0.93 && Next(12, 24 * 14))
        {
            var kind = random.NextDouble() switch { < 0.75 => ReplyKind.Resolved, < 0.93 => ReplyKind.Explained, _ => ReplyKind.ReferredTo12345 };
            appeal.Reply(kind, "经核实，已安排相关单位处理，并向来电人说明情况。",
                kind == ReplyKind.ReferredTo12345 ? "12345" + random.Next(1_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture) : null,
                staff, null, clock, at);
        }
        else
        {
            return;
        }

        if (random.NextDouble() < 0.6 && Next(2, 24 * 6))
        {
            var score = random.NextDouble() switch { < 0.04 => 1, < 0.08 => 2, < 0.2 => 3, < 0.45 => 4, _ => 5 };
            appeal.Rate(score >= 3, score, null, clock, at, AppealActors.Caller);
            if (appeal.Status == AppealStatus.Reopened && random.NextDouble() < 0.8 && Next(24, 24 * 10))
            {
                appeal.Reply(ReplyKind.Explained, "重新办理后再次答复。", null, staff, null, clock, at);
            }
        }
        else if (appeal.RatingDueAt is { } due && due < now)
        {
            appeal.CloseUnratedIfDue(due, AppealActors.System);
        }
    }

    /// <summary>
    /// Writes the rows of one entity type, columns and value conversions taken from the EF model, ids given here
    /// (EF's SaveChanges ran at a few hundred appeals a second). On SQLite one prepared single-row INSERT is
    /// bound and stepped again for each row (parsing large multi-row statements cost more than the inserts);
    /// on PostgreSQL the rows go through a binary COPY.
    /// </summary>
    private sealed class RowWriter : IAsyncDisposable
    {
        private readonly List<(string Name, Func<object, object?> Get, Func<object?, object?> Convert)> _columns = [];
        private readonly List<(object Entity, long Id, long AppealId)> _rows = [];
        private readonly string _table;
        private readonly string _columnList;
        private readonly bool _sqlite;
        private System.Data.Common.DbCommand? _insert;

        public RowWriter(DbContext db, Type clrType)
        {
            var entity = db.Model.FindEntityType(clrType)!;
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            foreach (var property in entity.GetProperties())
            {
                if (property.IsShadowProperty())
                {
                    throw new InvalidOperationException($"{clrType.Name}.{property.Name} is a shadow property; the bench seed cannot write it.");
                }

                var getter = property.GetGetter();
                var converter = property.GetTypeMapping().Converter;
                Func<object?, object?> convert = v => v is null ? null : converter is null ? v : converter.ConvertToProvider(v);
                Func<object, object?> get = property.Name switch
                {
                    "Id" or "AppealId" => _ => null, // given by the caller
                    _ => getter.GetClrValue,
                };
                _columns.Add((property.Name, get, convert));
            }

            _table = table.Name;
            _columnList = string.Join(", ", entity.GetProperties().Select(p => "\"" + p.GetColumnName(table) + "\""));
            _sqlite = db.Database.ProviderName!.Contains("Sqlite", StringComparison.Ordinal);
        }

        public void Add(object entity, long id, long appealId) => _rows.Add((entity, id, appealId));

        public ValueTask DisposeAsync() => _insert?.DisposeAsync() ?? ValueTask.CompletedTask;

        public async Task FlushAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, CancellationToken cancellationToken)
        {
            if (_sqlite)
            {
                await InsertAsync(connection, transaction, cancellationToken);
            }
            else
            {
                await CopyAsync((Npgsql.NpgsqlConnection)connection, cancellationToken);
            }

            _rows.Clear();
        }

        private object? Value(int column, (object Entity, long Id, long AppealId) row)
        {
            var (name, get, convert) = _columns[column];
            return name switch
            {
                "Id" => row.Id,
                "AppealId" => row.AppealId,
                _ => convert(get(row.Entity)) switch
                {
                    // Npgsql writes timestamptz from UTC values only.
                    DateTimeOffset at => at.ToUniversalTime(),
                    var other => other,
                },
            };
        }

        private async Task InsertAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, CancellationToken cancellationToken)
        {
            if (_insert is null)
            {
                _insert = connection.CreateCommand();
                _insert.CommandText = $"INSERT INTO \"{_table}\" ({_columnList}) VALUES (" +
                    string.Join(", ", _columns.Select((_, i) => "@p" + i.ToString(CultureInfo.InvariantCulture))) + ")";
                for (var i = 0; i < _columns.Count; i++)
                {
                    var parameter = _insert.CreateParameter();
                    parameter.ParameterName = "@p" + i.ToString(CultureInfo.InvariantCulture);
                    _insert.Parameters.Add(parameter);
                }
            }

            _insert.Transaction = transaction;
            foreach (var row in _rows)
            {
                for (var c = 0; c < _columns.Count; c++)
                {
                    _insert.Parameters[c].Value = Value(c, row) ?? DBNull.Value;
                }

                await _insert.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        private async Task CopyAsync(Npgsql.NpgsqlConnection connection, CancellationToken cancellationToken)
        {
            await using var importer = await connection.BeginBinaryImportAsync(
                $"COPY \"{_table}\" ({_columnList}) FROM STDIN (FORMAT BINARY)", cancellationToken);
            foreach (var row in _rows)
            {
                await importer.StartRowAsync(cancellationToken);
                for (var c = 0; c < _columns.Count; c++)
                {
                    if (Value(c, row) is { } value)
                    {
                        await importer.WriteAsync(value, cancellationToken);
                    }
                    else
                    {
                        await importer.WriteNullAsync(cancellationToken);
                    }
                }
            }

            await importer.CompleteAsync(cancellationToken);
        }
    }
}
