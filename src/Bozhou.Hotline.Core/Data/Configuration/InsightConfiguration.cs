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
        // The trends' counts read a window of days (the city, a jurisdiction, a department: the window's rows filtered), or a
        // cadre's days (every workspace view). No more: each index costs every one of the ~12 rows an appeal writes, and the
        // pass must keep up with 100,000 appeals in 30 s on one core (docs/benchmarks.md).
        builder.HasIndex(t => t.LoggedDay);
        builder.HasIndex(t => new { t.CadreId, t.LoggedDay });
    }
}
