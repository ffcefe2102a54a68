using Bozhou.Hotline.Core.Sms;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bozhou.Hotline.Core.Data.Configuration;

internal sealed class CadreDelegationConfiguration : IEntityTypeConfiguration<CadreDelegation>
{
    public void Configure(EntityTypeBuilder<CadreDelegation> builder)
    {
        builder.HasKey(d => new { d.StaffUserId, d.CadreId });
        builder.HasOne<HotlineUser>().WithMany().HasForeignKey(d => d.StaffUserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Cadre>().WithMany().HasForeignKey(d => d.CadreId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => d.CadreId);
    }
}

internal sealed class SmsMessageConfiguration : IEntityTypeConfiguration<SmsMessage>
{
    public void Configure(EntityTypeBuilder<SmsMessage> builder)
    {
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.ToPhoneCipher).HasMaxLength(1000);
        builder.Property(m => m.ToPhoneMasked).HasMaxLength(20);
        builder.Property(m => m.Body).HasMaxLength(SmsMessage.BodyMaxLength);
        builder.Property(m => m.LastError).HasMaxLength(1000);
        builder.Property(m => m.GatewayMessageId).HasMaxLength(100);
        builder.Property(m => m.ToPhoneHash).HasMaxLength(100);
        builder.HasIndex(m => new { m.Status, m.NextAttemptAt });
        // The daily limit, the duplicate check and the digest's once a day look a phone's texts up by time.
        builder.HasIndex(m => new { m.ToPhoneHash, m.CreatedAt });
        builder.HasIndex(m => m.AppealId);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.Property(a => a.Action).HasConversion<string>().HasMaxLength(32);
        builder.Property(a => a.UserId).HasMaxLength(450);
        builder.Property(a => a.UserName).HasMaxLength(256);
        builder.Property(a => a.Subject).HasMaxLength(100);
        builder.Property(a => a.Details).HasMaxLength(2000);
        builder.Property(a => a.Before).HasMaxLength(8000);
        builder.Property(a => a.After).HasMaxLength(8000);
        builder.HasIndex(a => a.At);
        builder.HasIndex(a => new { a.Subject, a.At });
    }
}
