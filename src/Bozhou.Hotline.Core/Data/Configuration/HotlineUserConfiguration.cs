using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bozhou.Hotline.Core.Data.Configuration;

internal sealed class HotlineUserConfiguration : IEntityTypeConfiguration<HotlineUser>
{
    public void Configure(EntityTypeBuilder<HotlineUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(100);
        builder.HasOne<Cadre>().WithMany().HasForeignKey(u => u.CadreId).OnDelete(DeleteBehavior.SetNull);
    }
}
