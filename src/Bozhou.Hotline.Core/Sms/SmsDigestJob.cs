using Bozhou.Hotline.Core.Operations;
using Microsoft.Extensions.DependencyInjection;

namespace Bozhou.Hotline.Core.Sms;

/// <summary>One person's digest: the appeals with a deadline passing that China day, and those already overdue.</summary>
public sealed record DigestCounts(int DueToday, int Overdue);

/// <summary>
/// The working-day digest (PRODUCT §4): on each working day of the <see cref="WorkingDayCalendar"/> (make-up working days
/// included; none on a weekend or holiday), at <see cref="SmsOptions.DigestAt"/> China time, one text to each person of
/// the handling side (<see cref="SmsNotifier.MobilesOfAsync"/>) who has something that falls due that day or is overdue,
/// instead of one text per appeal. A person acting for several cadres gets one text with their appeals together. Once
/// per cluster (<see cref="ClusterJob"/>); a phone already sent that day's digest is not sent another, so a pass run
/// again the same day sends nothing twice. A day whose 08:30 passed while no instance ran is not made up the next day.
/// </summary>
public sealed class SmsDigestJob(
    IServiceScopeFactory scopes, TimeProvider time, IOptions<SmsOptions> options, CalendarStore calendars, JobRuns jobs, ILogger<SmsDigestJob> logger)
    : ClusterJob(jobs, time, logger)
{
    /// <summary>The job's name in <c>JobRuns</c> and <c>/admin</c>.</summary>
    public const string JobName = "sms-digest";

    public override string Name => JobName;

    protected override TimeSpan Interval => TimeSpan.FromDays(1);

    protected override TimeSpan StartDelay => TimeSpan.FromSeconds(30);

    /// <summary>Runs only when <see cref="SmsOptions.DigestEnabled"/>.</summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.DigestEnabled ? base.ExecuteAsync(stoppingToken) : Task.CompletedTask;

    protected override TimeSpan Lease => TimeSpan.FromHours(1);

    /// <summary>Due from that day's digest time (China) until a pass has succeeded after it.</summary>
    protected override bool IsDue(JobRun? run, DateTimeOffset now)
    {
        var scheduled = ChinaTime.At(ChinaTime.DateOf(now), options.Value.DigestAt);
        return now >= scheduled && (run?.LastSuccessUtc is not { } success || success < scheduled);
    }

    protected override async Task PassAsync(JobRun? before, CancellationToken cancellationToken)
    {
        var sent = await SendDueAsync(cancellationToken);
        if (sent > 0)
        {
            logger.LogInformation("Queued {Count} working-day digest(s)", sent);
        }
    }

    /// <summary>
    /// Queues today's digests now (the time check is <see cref="IsDue"/>'s); none on a day that is not a working day.
    /// Returns how many texts were queued.
    /// </summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken = default)
    {
        var now = Time.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        if (!(await calendars.GetAsync(cancellationToken)).IsWorkingDay(today))
        {
            return 0;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var notifier = scope.ServiceProvider.GetRequiredService<SmsNotifier>();
        var protector = scope.ServiceProvider.GetRequiredService<CallerDataProtector>();
        var perCadre = await CountsAsync(db, now, cancellationToken);
        var perPhone = new Dictionary<string, (int CadreId, HashSet<long> Today, HashSet<long> Overdue)>(StringComparer.Ordinal);
        foreach (var (cadreId, (dueToday, overdue)) in perCadre.OrderBy(p => p.Key))
        {
            foreach (var mobile in await SmsNotifier.MobilesOfAsync(db, cadreId, cancellationToken))
            {
                if (!perPhone.TryGetValue(mobile, out var entry))
                {
                    entry = (cadreId, [], []);
                    perPhone[mobile] = entry;
                }

                entry.Today.UnionWith(dueToday);
                entry.Overdue.UnionWith(overdue);
            }
        }

        var startOfToday = ChinaTime.StartOf(today);
        var queued = 0;
        foreach (var (mobile, entry) in perPhone)
        {
            var hash = protector.HashPhone(mobile);
            if (await db.SmsMessages.AnyAsync(m => m.Purpose == SmsPurpose.CadreDigest && m.ToPhoneHash == hash && m.CreatedAt >= startOfToday, cancellationToken))
            {
                continue;
            }

            queued += await notifier.ToPhoneAsync(
                db, mobile, entry.CadreId, null, SmsText.CadreDigest, new SmsValues(Today: entry.Today.Count, Overdue: entry.Overdue.Count), now, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return queued;
    }

    /// <summary>
    /// Per handling cadre, the open appeals with a running deadline (call back, first contact, accepting a transfer, reply)
    /// passing later on <paramref name="now"/>'s China date, and those with one already passed. Cadres with neither are left out.
    /// </summary>
    public static async Task<Dictionary<int, (List<long> DueToday, List<long> Overdue)>> CountsAsync(
        HotlineDbContext db, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var endOfToday = ChinaTime.StartOf(ChinaTime.DateOf(now).AddDays(1));
        var open = await db.Appeals.AsNoTracking()
            .Where(a => a.Status != AppealStatus.Closed)
            .Select(a => new
            {
                a.Id, a.HandlerCadreId, a.CallbackDueAt, a.TransferAcceptDueAt,
                FirstContactDueAt = a.FirstContactAt == null ? (DateTimeOffset?)a.FirstContactDueAt : null,
                ReplyDueAt = a.Status != AppealStatus.Replied ? (DateTimeOffset?)a.ReplyDueAt : null,
            })
            .ToListAsync(cancellationToken);
        var result = new Dictionary<int, (List<long> DueToday, List<long> Overdue)>();
        foreach (var a in open)
        {
            DateTimeOffset?[] deadlines = [a.CallbackDueAt, a.TransferAcceptDueAt, a.FirstContactDueAt, a.ReplyDueAt];
            var running = deadlines.Where(d => d is not null).Select(d => d!.Value).ToList();
            var overdue = running.Any(d => d <= now);
            var dueToday = !overdue && running.Any(d => d <= endOfToday);
            if (!overdue && !dueToday)
            {
                continue;
            }

            if (!result.TryGetValue(a.HandlerCadreId, out var lists))
            {
                lists = ([], []);
                result[a.HandlerCadreId] = lists;
            }

            (overdue ? lists.Overdue : lists.DueToday).Add(a.Id);
        }

        return result;
    }
}
