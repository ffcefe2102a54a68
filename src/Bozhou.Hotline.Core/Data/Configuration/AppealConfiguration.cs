using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bozhou.Hotline.Core.Data.Configuration;

internal sealed class AppealConfiguration : IEntityTypeConfiguration<Appeal>
{
    public void Configure(EntityTypeBuilder<Appeal> builder)
    {
        builder.Property(a => a.TrackingCode).HasMaxLength(TrackingCode.Length).IsFixedLength(false);
        builder.HasIndex(a => a.TrackingCode).IsUnique();
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.CallerType).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.TopicKind).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.ReplyKind).HasConversion<string>().HasMaxLength(24);
        builder.Property(a => a.EnterpriseName).HasMaxLength(200);
        builder.Property(a => a.PlaceDescription).HasMaxLength(AppealPlace.DescriptionMaxLength);
        builder.Property(a => a.CallerNameCipher).HasMaxLength(1000);
        builder.Property(a => a.CallerPhoneCipher).HasMaxLength(1000);
        builder.Property(a => a.CallerPhoneHash).HasMaxLength(64);
        builder.Property(a => a.CallerPhoneMasked).HasMaxLength(20);
        builder.Property(a => a.Description).HasMaxLength(Appeal.DescriptionMaxLength);
        builder.Property(a => a.ReplyText).HasMaxLength(4000);
        builder.Property(a => a.TicketNumber12345).HasMaxLength(50);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.Property(a => a.ExtensionStatus).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.ExtensionReason).HasMaxLength(Appeal.ExtensionReasonMaxLength);
        builder.HasOne<Appeal>().WithMany().HasForeignKey(a => a.DuplicateOfAppealId).OnDelete(DeleteBehavior.Restrict);

        builder.HasOne(a => a.Cadre).WithMany().HasForeignKey(a => a.CadreId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.HandlerCadre).WithMany().HasForeignKey(a => a.HandlerCadreId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Topic).WithMany().HasForeignKey(a => a.TopicId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.Events).WithOne().HasForeignKey(e => e.AppealId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.CallAttempts).WithOne().HasForeignKey(c => c.AppealId).OnDelete(DeleteBehavior.Cascade);

        // The inbox and the supervision queues.
        builder.HasIndex(a => new { a.HandlerCadreId, a.Status });
        builder.HasIndex(a => new { a.Status, a.CallbackDueAt });
        builder.HasIndex(a => new { a.Status, a.FirstContactDueAt });
        // Covers the overdue-reply queues' counts (which split by topic kind and log time): no table row is read.
        builder.HasIndex(a => new { a.Status, a.ReplyDueAt, a.TopicKind, a.LoggedAt });
        builder.HasIndex(a => new { a.Status, a.RatingDueAt });
        builder.HasIndex(a => a.TransferAcceptDueAt);
        builder.HasIndex(a => a.LoggedAt);
        builder.HasIndex(a => a.CallerPhoneHash);
        builder.HasIndex(a => a.ClosedAt);
        // The extensions queue: pending requests by their decision deadline.
        builder.HasIndex(a => new { a.ExtensionStatus, a.ExtensionDecisionDueAt });
    }
}

internal sealed class AppealEventConfiguration : IEntityTypeConfiguration<AppealEvent>
{
    public void Configure(EntityTypeBuilder<AppealEvent> builder)
    {
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(e => e.ActorKind).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Actor).HasMaxLength(EventActor.NameMaxLength);
        builder.Property(e => e.ActorFor).HasMaxLength(EventActor.NameMaxLength);
        builder.Ignore(e => e.By);
        builder.Property(e => e.ActorUserId).HasMaxLength(450);
        builder.Property(e => e.Text).HasMaxLength(4000);
        builder.Property(e => e.Outcome).HasMaxLength(32);
        builder.Property(e => e.TicketNumber).HasMaxLength(50);
        builder.HasOne<Cadre>().WithMany().HasForeignKey(e => e.FromCadreId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Cadre>().WithMany().HasForeignKey(e => e.ToCadreId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.AppealId, e.At });
        builder.HasIndex(e => new { e.Kind, e.At });
    }
}

internal sealed class CallAttemptConfiguration : IEntityTypeConfiguration<CallAttempt>
{
    public void Configure(EntityTypeBuilder<CallAttempt> builder)
    {
        builder.Property(c => c.Outcome).HasConversion<string>().HasMaxLength(24);
        builder.HasIndex(c => new { c.AppealId, c.At });
        builder.HasIndex(c => c.At);
    }
}
