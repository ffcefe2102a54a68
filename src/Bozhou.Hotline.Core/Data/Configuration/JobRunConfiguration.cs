using Bozhou.Hotline.Core.Operations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bozhou.Hotline.Core.Data.Configuration;

internal sealed class JobRunConfiguration : IEntityTypeConfiguration<JobRun>
{
    public void Configure(EntityTypeBuilder<JobRun> builder)
    {
        builder.HasKey(r => r.Name);
        builder.Property(r => r.Name).HasMaxLength(JobRun.NameMaxLength);
        builder.Property(r => r.LastError).HasMaxLength(JobRun.ErrorMaxLength);
        builder.Property(r => r.LeaseHolder).HasMaxLength(JobRun.NameMaxLength + 64);
    }
}
