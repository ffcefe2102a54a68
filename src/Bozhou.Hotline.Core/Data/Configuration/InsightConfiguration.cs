using Bozhou.Hotline.Core.Insight;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bozhou.Hotline.Core.Data.Configuration;

internal sealed class AppealTermConfiguration : IEntityTypeConfiguration<AppealTerm>
{
    public void Configure(EntityTypeBuilder<AppealTerm> builder)
    {
        // An appeal's key once: a second analysis of the same appeal fails instead of counting twice.
        builder.HasKey(t => new { t.AppealId, t.Key });
        builder.Property(t => t.Key).HasMaxLength(TermExtractor.MaxKeyLength * 2);
        builder.Property(t => t.Kind).HasConversion<byte>();
        builder.HasOne<Appeal>().WithMany().HasForeignKey(t => t.AppealId).OnDelete(DeleteBehavior.Cascade);
        // The trends' counts: a window of days in the city, a jurisdiction, a department or a cadre.
        builder.HasIndex(t => new { t.LoggedDay, t.Key });
        builder.HasIndex(t => new { t.JurisdictionId, t.LoggedDay });
        builder.HasIndex(t => new { t.DepartmentId, t.LoggedDay });
        builder.HasIndex(t => new { t.CadreId, t.LoggedDay });
    }
}
