using Bozhou.Hotline.Core.Supervision;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bozhou.Hotline.Core.Data.Configuration;

internal sealed class SpotCheckRoundConfiguration : IEntityTypeConfiguration<SpotCheckRound>
{
    public void Configure(EntityTypeBuilder<SpotCheckRound> builder)
    {
        builder.Property(r => r.CandidateIds).HasMaxLength(20_000);
        builder.Property(r => r.DrawnIds).HasMaxLength(2_000);
        builder.Property(r => r.DrawnBy).HasMaxLength(256);
        builder.Property(r => r.DrawnByUserId).HasMaxLength(450);
        builder.Property(r => r.RedrawReason).HasMaxLength(1000);
        builder.Ignore(r => r.Candidates);
        builder.Ignore(r => r.Drawn);
        builder.HasMany(r => r.Calls).WithOne().HasForeignKey(c => c.RoundId).OnDelete(DeleteBehavior.Restrict);
        // One round in force per day, whatever two supervisors click at once; superseded rounds stay beside it.
        builder.HasIndex(r => r.Date).IsUnique().HasFilter("\"SupersededAt\" IS NULL").HasDatabaseName("IX_SpotCheckRounds_Date_InForce");
        builder.HasIndex(r => new { r.Date, r.Id });
    }
}

internal sealed class SpotCheckCallConfiguration : IEntityTypeConfiguration<SpotCheckCall>
{
    public void Configure(EntityTypeBuilder<SpotCheckCall> builder)
    {
        builder.Property(c => c.Outcome).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.Checker).HasMaxLength(256);
        builder.Property(c => c.CheckerUserId).HasMaxLength(450);
        builder.HasOne<Cadre>().WithMany().HasForeignKey(c => c.CadreId).OnDelete(DeleteBehavior.Restrict);
        // One recorded outcome per drawn cadre and round.
        builder.HasIndex(c => new { c.RoundId, c.CadreId }).IsUnique();
        builder.HasIndex(c => new { c.CadreId, c.CalledAt });
        builder.HasIndex(c => c.CalledAt);
    }
}

internal sealed class InterviewCaseConfiguration : IEntityTypeConfiguration<InterviewCase>
{
    public void Configure(EntityTypeBuilder<InterviewCase> builder)
    {
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Interviewer).HasMaxLength(200);
        builder.Property(c => c.Notes).HasMaxLength(InterviewCase.NotesMaxLength);
        builder.Property(c => c.Outcome).HasMaxLength(InterviewCase.OutcomeMaxLength);
        builder.Property(c => c.OverrideReason).HasMaxLength(InterviewCase.OutcomeMaxLength);
        builder.Property(c => c.CreatedBy).HasMaxLength(256);
        builder.Property(c => c.CreatedByUserId).HasMaxLength(450);
        builder.HasOne<Cadre>().WithMany().HasForeignKey(c => c.CadreId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Appeals).WithOne().HasForeignKey(a => a.InterviewCaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.CadreId, c.HeldOn });
    }
}

internal sealed class InterviewCaseAppealConfiguration : IEntityTypeConfiguration<InterviewCaseAppeal>
{
    public void Configure(EntityTypeBuilder<InterviewCaseAppeal> builder)
    {
        builder.HasKey(a => new { a.InterviewCaseId, a.AppealId });
        builder.HasOne<Appeal>().WithMany().HasForeignKey(a => a.AppealId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => a.AppealId);
    }
}

internal sealed class DailyCadreStatsConfiguration : IEntityTypeConfiguration<DailyCadreStats>
{
    public void Configure(EntityTypeBuilder<DailyCadreStats> builder)
    {
        builder.HasKey(s => new { s.Date, s.CadreId });
        builder.HasOne<Cadre>().WithMany().HasForeignKey(s => s.CadreId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.CadreId, s.Date });
    }
}

/// <summary>
/// The indexes the supervision queues and the roll-up refresh need beyond those the appeal has: no first
/// contact (FirstContactAt IS NULL, by due time), the unsatisfied queue (flagged, open or lately closed), and the
/// timeline by instant for finding the appeals touched since the last refresh.
/// </summary>
internal sealed class SupervisionAppealIndexes : IEntityTypeConfiguration<Appeal>
{
    public void Configure(EntityTypeBuilder<Appeal> builder)
    {
        // With the status, the no-first-contact count reads the index alone (84 ms → a few ms at 300,000 appeals).
        builder.HasIndex(a => new { a.FirstContactAt, a.FirstContactDueAt, a.Status });
        // Partial: the queries test the flag as a bare column, which SQLite cannot seek in an index that leads with
        // it (a full scan, 0.85 s at 300,000 appeals) but matches to an index on the flagged rows only (1 ms).
        // A bare boolean column is a valid filter in SQLite and PostgreSQL alike.
        builder.HasIndex(a => new { a.Status, a.ClosedAt }, "IX_Appeals_Flagged_Status_ClosedAt").HasFilter("\"FlaggedForSupervision\"");

        // A queue's page is its first rows by deadline. Over (Status, deadline) neither database can read several
        // statuses in deadline order, so each sorted every member for 50 rows: 0.78 s on PostgreSQL for the missed
        // calls at 3.5 million appeals (167,000 members). Partial indexes on the members alone, in deadline order,
        // give the first rows at once. Each filter repeats the query's own terms, which is how SQLite matches one.
        var open = AppealStatuses.SqlIn(AppealStatuses.Open);
        var awaitingReply = AppealStatuses.SqlIn(AppealStatuses.AwaitingReply);
        builder.HasIndex(a => new { a.CallbackDueAt, a.Id }, "IX_Appeals_MissedCalls_Due").HasFilter(open + " AND \"CallbackDueAt\" IS NOT NULL");
        builder.HasIndex(a => new { a.FirstContactDueAt, a.Id }, "IX_Appeals_NoFirstContact_Due").HasFilter("\"FirstContactAt\" IS NULL AND " + open);
        builder.HasIndex(a => new { a.ReplyDueAt, a.Id }, "IX_Appeals_AwaitingReply_Due").HasFilter(awaitingReply);
    }
}

internal sealed class SupervisionAppealEventIndexes : IEntityTypeConfiguration<AppealEvent>
{
    public void Configure(EntityTypeBuilder<AppealEvent> builder) => builder.HasIndex(e => e.At);
}

internal sealed class EarlyWarningConfiguration : IEntityTypeConfiguration<EarlyWarning>
{
    public void Configure(EntityTypeBuilder<EarlyWarning> builder)
    {
        builder.Property(w => w.Rule).HasConversion<string>().HasMaxLength(32);
        builder.Property(w => w.Ratings).HasMaxLength(200);
        builder.Property(w => w.DismissedBy).HasMaxLength(256);
        builder.Property(w => w.DismissedByUserId).HasMaxLength(450);
        builder.Property(w => w.DismissReason).HasMaxLength(EarlyWarning.ReasonMaxLength);
        builder.Ignore(w => w.RunRatings);
        builder.Ignore(w => w.Test);
        // Never raised twice for one window, whatever two evaluations do at once.
        builder.HasIndex(w => new { w.Rule, w.SubjectId, w.WindowEnd }).IsUnique();
        builder.HasIndex(w => new { w.DismissedAt, w.RaisedAt });
    }
}
