using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bozhou.Hotline.Core.Data.Configuration;

internal sealed class JurisdictionConfiguration : IEntityTypeConfiguration<Jurisdiction>
{
    public void Configure(EntityTypeBuilder<Jurisdiction> builder)
    {
        builder.Property(j => j.Code).HasMaxLength(32);
        builder.HasIndex(j => j.Code).IsUnique();
        builder.Property(j => j.NameZh).HasMaxLength(50);
        builder.Property(j => j.NameEn).HasMaxLength(100);
    }
}

internal sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> builder)
    {
        builder.Property(d => d.NameZh).HasMaxLength(100);
        builder.Property(d => d.NameEn).HasMaxLength(200);
        builder.HasOne(d => d.Jurisdiction).WithMany(j => j.Departments).HasForeignKey(d => d.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => new { d.JurisdictionId, d.Order });
    }
}

internal sealed class TopicConfiguration : IEntityTypeConfiguration<Topic>
{
    public void Configure(EntityTypeBuilder<Topic> builder)
    {
        builder.Property(t => t.Code).HasMaxLength(32);
        builder.HasIndex(t => t.Code).IsUnique();
        builder.Property(t => t.NameZh).HasMaxLength(50);
        builder.Property(t => t.NameEn).HasMaxLength(100);
        builder.Property(t => t.Kind).HasConversion<string>().HasMaxLength(16);
    }
}

internal sealed class CadreConfiguration : IEntityTypeConfiguration<Cadre>
{
    public void Configure(EntityTypeBuilder<Cadre> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(50);
        builder.Property(c => c.NamePinyin).HasMaxLength(100);
        builder.Property(c => c.Position).HasMaxLength(200);
        builder.Property(c => c.PositionEn).HasMaxLength(300);
        builder.Property(c => c.Duties).HasMaxLength(2000);
        builder.Property(c => c.DutiesEn).HasMaxLength(4000);
        builder.Property(c => c.Mobile).HasMaxLength(20);
        builder.Property(c => c.OfficePhone).HasMaxLength(20);
        builder.Property(c => c.AvailabilityKind).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.AvailabilityNote).HasMaxLength(100);
        builder.HasOne(c => c.Department).WithMany(d => d.Cadres).HasForeignKey(c => c.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.Superior).WithMany().HasForeignKey(c => c.SuperiorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.DepartmentId, c.ProtocolOrder });
        builder.HasIndex(c => c.PostEnd);
    }
}

internal sealed class CadreTopicConfiguration : IEntityTypeConfiguration<CadreTopic>
{
    public void Configure(EntityTypeBuilder<CadreTopic> builder)
    {
        builder.HasKey(ct => new { ct.CadreId, ct.TopicId });
        builder.HasOne<Cadre>().WithMany(c => c.Topics).HasForeignKey(ct => ct.CadreId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(ct => ct.Topic).WithMany().HasForeignKey(ct => ct.TopicId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(ct => ct.TopicId);
    }
}

internal sealed class DirectoryImportBatchConfiguration : IEntityTypeConfiguration<DirectoryImportBatch>
{
    public void Configure(EntityTypeBuilder<DirectoryImportBatch> builder)
    {
        builder.Property(b => b.ImportedByUserId).HasMaxLength(450);
        builder.Property(b => b.ImportedBy).HasMaxLength(256);
        builder.Property(b => b.FileName).HasMaxLength(200);
        builder.Property(b => b.FileSha256).HasMaxLength(64);
        builder.Property(b => b.Jurisdictions).HasMaxLength(1000);
        builder.Property(b => b.RevertedBy).HasMaxLength(256);
        builder.HasIndex(b => b.ImportedAt);
        builder.HasMany(b => b.Changes).WithOne().HasForeignKey(c => c.BatchId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DirectoryImportChangeConfiguration : IEntityTypeConfiguration<DirectoryImportChange>
{
    public void Configure(EntityTypeBuilder<DirectoryImportChange> builder)
    {
        builder.HasOne(c => c.Cadre).WithMany().HasForeignKey(c => c.CadreId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.Department).WithMany().HasForeignKey(c => c.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.Before).HasMaxLength(8000);
        builder.Property(c => c.After).HasMaxLength(8000);
    }
}
