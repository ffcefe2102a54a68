using System.Diagnostics;
using Bozhou.Hotline.Web.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Bozhou.Hotline.IntegrationTests.Supervision;

/// <summary>
/// Figures, not a pass/fail timing: a year of appeals (HOTLINE_BENCH_APPEALS, default 350,000; the design
/// load is 3,500,000) for 1,000 cadres on SQLite, then the queue page's counts and first pages, a
/// quarter's and a year's scorecard from the roll-ups, a refresh pass and a month computed directly.
/// Run with <c>dotnet test --filter SupervisionScaleBenchmark -- xUnit.Explicit=only</c>.
/// </summary>
public class SupervisionScaleBenchmark(ITestOutputHelper output)
{
    [Fact(Explicit = true)]
    public async Task Queues_and_scorecards_at_a_years_volume()
    {
        var total = int.TryParse(Environment.GetEnvironmentVariable("HOTLINE_BENCH_APPEALS"), out var n) ? n : 350_000;
        using var factory = new AuthenticatedHotlineFactory();
        var data = await SupervisionTestData.SeedAsync(factory);
        var cadres = await AddCadresAsync(factory, data, 996);
        var now = factory.Clock.GetUtcNow();
        await using var scope = factory.Services.CreateAsyncScope();
        var clock = await scope.ServiceProvider.GetRequiredService<AppealClockSource>().GetAsync();

        var watch = Stopwatch.StartNew();
        Seed(factory.SqlitePath, total, cadres, data.TopicTransport, data.TopicConsultation, clock, now);
        output.WriteLine($"seeded {total:N0} appeals with attempts and events in {watch.Elapsed.TotalSeconds:F1} s");

        watch.Restart();
        var rollup = scope.ServiceProvider.GetRequiredService<StatsRollup>();
        var days = await rollup.RebuildAsync(null, null, clock, now);
        output.WriteLine($"rebuild-stats: {days} days in {watch.Elapsed.TotalSeconds:F1} s");

        var queues = scope.ServiceProvider.GetRequiredService<SupervisionQueues>();
        for (var run = 0; run < 2; run++)
        {
            watch.Restart();
            var counts = new List<string>();
            foreach (var kind in SupervisionQueues.All)
            {
                counts.Add($"{kind}={await queues.CountAsync(kind, QueueFilter.None, clock, now)}");
            }

            var countTime = watch.Elapsed.TotalMilliseconds;
            watch.Restart();
            foreach (var kind in SupervisionQueues.All)
            {
                await queues.PageAsync(kind, QueueFilter.None, 1, 50, clock, now);
            }

            output.WriteLine($"run {run}: six queue counts {countTime:F0} ms ({string.Join(", ", counts)}); six first pages of 50 {watch.Elapsed.TotalMilliseconds:F0} ms");
        }

        foreach (var kind in SupervisionQueues.All)
        {
            watch.Restart();
            await queues.PageAsync(kind, QueueFilter.None, 1, 50, clock, now);
            output.WriteLine($"  {kind}: count and first page {watch.Elapsed.TotalMilliseconds:F0} ms");
        }

        watch.Restart();
        await queues.PageAsync(QueueKind.OverdueReplies, new QueueFilter(Jurisdiction: "city"), 3, 50, clock, now);
        output.WriteLine($"overdue replies, city, page 3: {watch.Elapsed.TotalMilliseconds:F0} ms");

        var scorecards = scope.ServiceProvider.GetRequiredService<Scorecards>();
        foreach (var code in new[] { "2026-Q1", "2025", "2026" })
        {
            ReportPeriod.TryParse(code, out var period);
            watch.Restart();
            var card = await scorecards.BuildAsync(ScorecardLevel.Cadre, period, ScorecardMetric.AnswerRate, null, clock, now);
            var cadreTime = watch.Elapsed.TotalMilliseconds;
            watch.Restart();
            await scorecards.BuildAsync(ScorecardLevel.Department, period, ScorecardMetric.RepliesOnTime, null, clock, now);
            output.WriteLine($"scorecard {code} from roll-ups: cadres {cadreTime:F0} ms ({card.Rows.Count} rows), departments {watch.Elapsed.TotalMilliseconds:F0} ms");
        }

        watch.Restart();
        ReportPeriod.TryParse("2026-02", out var february);
        for (var day = february.From; day <= february.To; day = day.AddDays(1))
        {
            await rollup.ComputeDayAsync(day, clock, now);
        }

        output.WriteLine($"February computed directly from the appeals (no roll-ups): {watch.Elapsed.TotalMilliseconds:F0} ms");

        watch.Restart();
        var refreshed = await rollup.RefreshAsync(now.AddMinutes(-5), clock, now);
        output.WriteLine($"refresh pass: {refreshed} days in {watch.Elapsed.TotalMilliseconds:F0} ms");

        watch.Restart();
        var dashboard = scope.ServiceProvider.GetRequiredService<Dashboard>();
        await dashboard.BuildAsync(ChinaTime.DateOf(now).AddDays(-29), ChinaTime.DateOf(now), clock, now);
        output.WriteLine($"dashboard, 30 days: {watch.Elapsed.TotalMilliseconds:F0} ms");
    }

    private static async Task<List<int>> AddCadresAsync(HotlineFactory factory, SupervisionTestData data, int count)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var departments = new[] { data.CityGovernment, data.Transport, data.QiaochengGovernment };
        for (var i = 0; i < count; i++)
        {
            db.Cadres.Add(new Cadre
            {
                Name = $"干部{i}", NamePinyin = $"Cadre {i}", Position = "局长", Mobile = $"+86139{i:00000000}",
                DepartmentId = departments[i % 3], ProtocolOrder = 10 + i, PostStart = new DateOnly(2024, 1, 1),
            });
        }

        await db.SaveChangesAsync();
        return await db.Cadres.Where(c => c.PostEnd == null).Select(c => c.Id).ToListAsync();
    }

    /// <summary>
    /// A year up to <paramref name="now"/>: most appeals replied in time and closed, some replied late,
    /// a few still open (and so overdue if old), one in ten with a missed call, a few transfers and unsatisfied ratings.
    /// </summary>
    private static void Seed(string path, int total, List<int> cadres, int matter, int consultation, AppealClock clock, DateTimeOffset now)
    {
        var converter = new DateTimeOffsetToBinaryConverter();
        long L(DateTimeOffset d) => (long)converter.ConvertToProvider(d)!;
        object N(DateTimeOffset? d) => d is { } x ? L(x) : DBNull.Value;
        var random = new Random(20260302);
        var start = now.AddDays(-365);
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var appeal = connection.CreateCommand();
        appeal.CommandText = """
            INSERT INTO Appeals (TrackingCode, CadreId, HandlerCadreId, TopicId, TopicKind, CallerType, CallerPhoneMasked, Description, Confidential,
              ConsentToContact, Status, LoggedAt, CallbackDueAt, FirstContactDueAt, FirstContactAt, ReplyDueAt, RepliedAt, TransferCount,
              TransferAcceptDueAt, ReopenCount, FlaggedForSupervision, RatingScore, ClosedAt, Version)
            VALUES ($code, $cadre, $cadre, $topic, $kind, 'Individual', '138****0000', '基准测试', 0, 1, $status, $logged, $callbackDue,
              $firstDue, $firstAt, $replyDue, $repliedAt, 0, $transferDue, 0, $flagged, $score, $closed, 1);
            SELECT last_insert_rowid();
            """;
        string[] names = ["$code", "$cadre", "$topic", "$kind", "$status", "$logged", "$callbackDue", "$firstDue", "$firstAt", "$replyDue", "$repliedAt", "$transferDue", "$flagged", "$score", "$closed"];
        foreach (var name in names)
        {
            appeal.Parameters.Add(new SqliteParameter(name, null));
        }

        using var attempt = connection.CreateCommand();
        attempt.CommandText = "INSERT INTO CallAttempts (AppealId, At, Outcome, LoggedAt) VALUES ($id, $at, $outcome, $at)";
        attempt.Parameters.Add(new SqliteParameter("$id", null));
        attempt.Parameters.Add(new SqliteParameter("$at", null));
        attempt.Parameters.Add(new SqliteParameter("$outcome", null));
        using var evt = connection.CreateCommand();
        evt.CommandText = "INSERT INTO AppealEvents (AppealId, At, Kind, Actor, IsInternal) VALUES ($id, $at, $kind, '基准', 0)";
        evt.Parameters.Add(new SqliteParameter("$id", null));
        evt.Parameters.Add(new SqliteParameter("$at", null));
        evt.Parameters.Add(new SqliteParameter("$kind", null));

        for (var i = 0; i < total; i++)
        {
            // Calls in the day: most between 8:00 and 22:00 China time.
            var logged = start.AddSeconds(365.0 * 86400 * i / total).AddSeconds(random.Next(0, 600));
            var isConsultation = random.Next(4) == 0;
            var kind = isConsultation ? TopicKind.Consultation : TopicKind.Matter;
            var missed = random.Next(10) == 0;
            var firstDue = clock.FirstContactDue(logged);
            var replyDue = clock.ReplyDue(logged, kind);
            var roll = random.Next(1000);
            var age = now - logged;
            string status;
            DateTimeOffset? repliedAt = null, firstAt = null, closed = null, callbackDue = null, transferDue = null;
            int? score = null;
            var flagged = false;
            if (roll < 20 || age < TimeSpan.FromDays(10) && roll < 400)
            {
                status = roll % 2 == 0 ? "Logged" : "Contacted";
                firstAt = status == "Contacted" ? logged.AddHours(5) : null;
                callbackDue = missed ? clock.CallbackDue(logged) : null;
                transferDue = roll % 7 == 0 ? clock.TransferAcceptDue(logged.AddHours(2)) : null;
            }
            else
            {
                var late = roll < 80;
                repliedAt = late ? replyDue.AddDays(2) : logged.AddHours(20 + random.Next(48));
                firstAt = late ? firstDue.AddHours(3) : logged.AddHours(random.Next(2, 30));
                if (repliedAt > now)
                {
                    repliedAt = now.AddMinutes(-1);
                }

                status = repliedAt < now.AddDays(-7) ? "Closed" : "Replied";
                score = status == "Closed" ? 1 + random.Next(5) : null;
                flagged = score <= 2;
                closed = status == "Closed" ? repliedAt.Value.AddDays(1) : null;
            }

            appeal.Parameters["$code"].Value = i.ToString("X10", System.Globalization.CultureInfo.InvariantCulture);
            appeal.Parameters["$cadre"].Value = cadres[random.Next(cadres.Count)];
            appeal.Parameters["$topic"].Value = isConsultation ? consultation : matter;
            appeal.Parameters["$kind"].Value = kind.ToString();
            appeal.Parameters["$status"].Value = status;
            appeal.Parameters["$logged"].Value = L(logged);
            appeal.Parameters["$callbackDue"].Value = N(callbackDue);
            appeal.Parameters["$firstDue"].Value = L(firstDue);
            appeal.Parameters["$firstAt"].Value = N(firstAt);
            appeal.Parameters["$replyDue"].Value = L(replyDue);
            appeal.Parameters["$repliedAt"].Value = N(repliedAt);
            appeal.Parameters["$transferDue"].Value = N(transferDue);
            appeal.Parameters["$flagged"].Value = flagged ? 1 : 0;
            appeal.Parameters["$score"].Value = score is { } s ? s : DBNull.Value;
            appeal.Parameters["$closed"].Value = N(closed);
            var id = (long)appeal.ExecuteScalar()!;

            attempt.Parameters["$id"].Value = id;
            attempt.Parameters["$at"].Value = L(logged);
            attempt.Parameters["$outcome"].Value = missed ? "NotAnswered" : "Answered";
            attempt.ExecuteNonQuery();
            evt.Parameters["$id"].Value = id;
            evt.Parameters["$at"].Value = L(logged);
            evt.Parameters["$kind"].Value = "Logged";
            evt.ExecuteNonQuery();
            if (repliedAt is { } r)
            {
                evt.Parameters["$at"].Value = L(r);
                evt.Parameters["$kind"].Value = "Reply";
                evt.ExecuteNonQuery();
            }
        }

        transaction.Commit();
        using var analyze = connection.CreateCommand();
        analyze.CommandText = "ANALYZE;";
        analyze.ExecuteNonQuery();
    }
}
