using Bozhou.Hotline.Core.Limits;
using Bozhou.Hotline.Core.Appeals;
using Bozhou.Hotline.Core.Audit;
using Bozhou.Hotline.Core.Data;
using Bozhou.Hotline.Core.Operations;
using Bozhou.Hotline.Core.Settings;
using Bozhou.Hotline.Core.Sms;
using Bozhou.Hotline.Core.Submissions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bozhou.Hotline.Core.Appeals;

/// <summary>
/// Purges the caller's name and phone from appeals closed <see cref="CurrentSettings.RetentionDays"/> (configured, or
/// saved on /admin/settings) or more days ago, with the phone (cipher and hash) of their SMS no longer waiting to go, once a day at
/// <see cref="RetentionOptions.PurgeAt"/> (China time), and a minute after start when its last successful pass is older
/// than that day's time (so a service restarted daily still purges). Once per cluster (<see cref="ClusterJob"/>).
/// The appeal and its events stay for the statistics. Each sweep that purges is one audit entry. The same pass deletes
/// the forms' old submission keys, the old counted attempts and sign-in sessions long over.
/// </summary>
public sealed class PersonalDataPurger(
    IServiceScopeFactory scopes, TimeProvider time, SettingsStore settings, IOptions<RetentionOptions> retention, IOptions<AccountOptions> accounts, JobRuns jobs,
    ILogger<PersonalDataPurger> logger)
    : ClusterJob(jobs, time, logger)
{
    /// <summary>The job's name in <c>JobRuns</c> and <c>/healthz</c>.</summary>
    public const string JobName = "personal-data-purge";

    /// <summary>How often the sweep runs (once a day).</summary>
    public static readonly TimeSpan DailyInterval = TimeSpan.FromDays(1);

    public override string Name => JobName;

    protected override TimeSpan Interval => DailyInterval;

    protected override TimeSpan StartDelay => TimeSpan.FromMinutes(1);

    /// <summary>A pass keeps other instances off for an hour at most (a sweep of a year's appeals takes seconds).</summary>
    protected override TimeSpan Lease => TimeSpan.FromHours(1);

    /// <summary>Due when no pass has succeeded since the latest <see cref="RetentionOptions.PurgeAt"/> (China time) at or before <paramref name="now"/>.</summary>
    protected override bool IsDue(JobRun? run, DateTimeOffset now)
    {
        var today = ChinaTime.DateOf(now);
        var scheduled = ChinaTime.At(today, retention.Value.PurgeAt);
        if (scheduled > now)
        {
            scheduled = ChinaTime.At(today.AddDays(-1), retention.Value.PurgeAt);
        }

        return run?.LastSuccessUtc is not { } success || success < scheduled;
    }

    protected override async Task PassAsync(JobRun? before, CancellationToken cancellationToken)
    {
        await PurgeDueAsync(cancellationToken);
        await ForgetOldSubmissionKeysAsync(cancellationToken);
        await ForgetOldLimitHitsAsync(cancellationToken);
        await ForgetOldSessionsAsync(cancellationToken);
    }

    public const int BatchSize = 500;

    /// <summary>Purges every appeal now due, batch by batch; returns how many this call purged.</summary>
    public async Task<int> PurgeDueAsync(CancellationToken cancellationToken = default)
    {
        var purged = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
            var now = Time.GetUtcNow();
            var retentionDays = (await settings.GetAsync(cancellationToken)).RetentionDays;
            var cutoff = now.AddDays(-retentionDays);
            var due = await db.Appeals
                .Where(a => a.ClosedAt != null && a.ClosedAt <= cutoff && a.PersonalDataPurgedAt == null)
                .OrderBy(a => a.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (due.Count == 0)
            {
                return purged;
            }

            var ids = due.Select(a => (long?)a.Id).ToList();
            due.ForEach(a => a.PurgePersonalData(now));
            var messages = await db.SmsMessages
                .Where(m => ids.Contains(m.AppealId) && m.Status != SmsStatus.Pending)
                .ToListAsync(cancellationToken);
            messages.ForEach(m =>
            {
                m.ToPhoneCipher = "";
                m.ToPhoneHash = null;
            });
            db.AuditEntries.Add(new AuditEntry
            {
                At = now, UserName = AppealActors.System, Action = AuditAction.Purge, Subject = "Appeals",
                Details = $"{due.Count} appeal(s) closed on or before {cutoff:yyyy-MM-dd HH:mm:ss}Z purged of personal data",
                After = $"{{\"appeals\":{due.Count},\"sms\":{messages.Count}}}",
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another instance purged or changed these appeals; the next sweep takes whatever is left.
                logger.LogInformation("Appeals changed while being purged; left to the next sweep");
                return purged;
            }

            purged += due.Count;
            logger.LogInformation("Purged the personal data of {Count} appeal(s) closed more than {Days} days ago", due.Count, retentionDays);
            if (due.Count < BatchSize)
            {
                return purged;
            }
        }
    }

    /// <summary>
    /// Deletes the forms' one-time submission keys older than <see cref="FormSubmission.KeptFor"/> (2 days); returns
    /// how many. They hold no personal data, only whether a form was already posted.
    /// </summary>
    public async Task<int> ForgetOldSubmissionKeysAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var cutoff = Time.GetUtcNow() - FormSubmission.KeptFor;
        await using (await SqliteWriteGate.EnterAsync(db, cancellationToken))
        {
            return await db.FormSubmissions.Where(s => s.SubmittedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Deletes the sign-in sessions (<see cref="UserSession"/>) started more than <see cref="UserSession.KeptFor"/> ago
    /// (30 days), or the absolute session lifetime if that is longer, so none of them can still be open; returns how many.
    /// </summary>
    public async Task<int> ForgetOldSessionsAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var lifetime = TimeSpan.FromHours(accounts.Value.SessionMaxHours);
        var cutoff = Time.GetUtcNow() - (lifetime > UserSession.KeptFor ? lifetime : UserSession.KeptFor);
        await using (await SqliteWriteGate.EnterAsync(db, cancellationToken))
        {
            return await db.UserSessions.Where(s => s.StartedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Deletes clients' counted attempts (<see cref="LimitHit"/>, which name a client's address) older than
    /// <see cref="LimitHit.KeptFor"/> (1 day, beyond every limit's window); returns how many. Only PostgreSQL stores them.
    /// </summary>
    public async Task<int> ForgetOldLimitHitsAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var cutoff = Time.GetUtcNow() - LimitHit.KeptFor;
        await using (await SqliteWriteGate.EnterAsync(db, cancellationToken))
        {
            return await db.LimitHits.Where(h => h.At < cutoff).ExecuteDeleteAsync(cancellationToken);
        }
    }
}
