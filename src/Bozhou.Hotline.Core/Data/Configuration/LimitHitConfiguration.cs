using Bozhou.Hotline.Core.Limits;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bozhou.Hotline.Core.Data.Configuration;

internal sealed class LimitHitConfiguration : IEntityTypeConfiguration<LimitHit>
{
    public void Configure(EntityTypeBuilder<LimitHit> builder)
    {
        builder.ToTable("LimitHits");
        builder.Property(h => h.Key).HasMaxLength(LimitHit.KeyMaxLength);
        // Each count reads one key's hits in time order; the purge deletes by age.
        builder.HasIndex(h => new { h.Key, h.At });
        builder.HasIndex(h => h.At);
    }
}
