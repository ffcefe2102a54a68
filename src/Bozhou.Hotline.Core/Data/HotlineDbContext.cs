using Bozhou.Hotline.Core.Insight;
using Bozhou.Hotline.Core.Operations;
using Bozhou.Hotline.Core.Settings;
using Bozhou.Hotline.Core.Sms;
using Bozhou.Hotline.Core.Submissions;
using Bozhou.Hotline.Core.Supervision;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Bozhou.Hotline.Core.Data;

/// <summary>The one database of the product: accounts, directory, appeals and the Data Protection keys.</summary>
public class HotlineDbContext(DbContextOptions<HotlineDbContext> options)
    : IdentityDbContext<HotlineUser>(options), IDataProtectionKeyContext
{
    public const string SqliteProviderName = "Microsoft.EntityFrameworkCore.Sqlite";

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<CalendarDay> CalendarDays => Set<CalendarDay>();

    public DbSet<Jurisdiction> Jurisdictions => Set<Jurisdiction>();

    public DbSet<Department> Departments => Set<Department>();

    public DbSet<Topic> Topics => Set<Topic>();

    public DbSet<Cadre> Cadres => Set<Cadre>();

    public DbSet<CadreTopic> CadreTopics => Set<CadreTopic>();

    /// <summary>The history of directory imports (<see cref="DirectoryImportBatch"/>), each revertible for 30 days.</summary>
    public DbSet<DirectoryImportBatch> DirectoryImportBatches => Set<DirectoryImportBatch>();

    public DbSet<Appeal> Appeals => Set<Appeal>();

    public DbSet<AppealEvent> AppealEvents => Set<AppealEvent>();

    public DbSet<CallAttempt> CallAttempts => Set<CallAttempt>();

    public DbSet<CadreDelegation> CadreDelegations => Set<CadreDelegation>();

    public DbSet<SmsMessage> SmsMessages => Set<SmsMessage>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<SpotCheckRound> SpotCheckRounds => Set<SpotCheckRound>();

    public DbSet<SpotCheckCall> SpotCheckCalls => Set<SpotCheckCall>();

    public DbSet<InterviewCase> InterviewCases => Set<InterviewCase>();

    public DbSet<EarlyWarning> EarlyWarnings => Set<EarlyWarning>();

    /// <summary>The analysed appeals' terms and phrases (Insight, 热点).</summary>
    public DbSet<AppealTerm> AppealTerms => Set<AppealTerm>();

    public DbSet<InterviewCaseAppeal> InterviewCaseAppeals => Set<InterviewCaseAppeal>();

    public DbSet<DailyCadreStats> DailyCadreStats => Set<DailyCadreStats>();

    public DbSet<SavedSettings> SavedSettings => Set<SavedSettings>();

    public DbSet<FormSubmission> FormSubmissions => Set<FormSubmission>();

    public DbSet<UserSession> UserSessions => Set<UserSession>();

    /// <summary>Clients' counted attempts against the limits, when several instances count together (PostgreSQL).</summary>
    public DbSet<Limits.LimitHit> LimitHits => Set<Limits.LimitHit>();

    /// <summary>The programs allowed to post appeals through Open311, with their keys' hashes.</summary>
    public DbSet<Open311.ApiClient> ApiClients => Set<Open311.ApiClient>();

    /// <summary>Each background job's last success and failure (<see cref="JobRuns"/>), shared by every instance.</summary>
    public DbSet<JobRun> JobRuns => Set<JobRun>();

    public bool IsSqlite => Database.ProviderName == SqliteProviderName;

    /// <summary>What the <see cref="AuditInterceptor"/> is told about this context's changes (<see cref="Audit.AdminChanges"/>).</summary>
    internal AuditNotes AuditNotes { get; } = new();

    /// <summary>
    /// Saves the tracked changes; on SQLite, behind the app's <see cref="SqliteWriteGate"/>, held for the whole save
    /// and let go on every way out of it (a save inside a gated transaction holds it already).
    /// </summary>
    /// <exception cref="WriteGateTimeoutException">The gate stayed shut for its timeout; nothing was saved.</exception>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (!ChangeTracker.HasChanges())
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }

        using var lease = SqliteWriteGate.Enter(this);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <inheritdoc cref="SaveChanges(bool)"/>
    /// <exception cref="OperationCanceledException">Cancelled while waiting for the gate or while writing.</exception>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (!ChangeTracker.HasChanges())
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        using var lease = await SqliteWriteGate.EnterAsync(this, cancellationToken);
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(HotlineDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // SQLite keeps DateTimeOffset as text it cannot order or compare; every instant here is UTC,
        // so a sortable integer keeps ORDER BY and range queries in the database.
        if (IsSqlite)
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }
}
