using Bozhou.Hotline.Core.Submissions;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bozhou.Hotline.Core.Data.Configuration;

internal sealed class FormSubmissionConfiguration : IEntityTypeConfiguration<FormSubmission>
{
    public void Configure(EntityTypeBuilder<FormSubmission> builder)
    {
        builder.HasKey(s => s.Key);
        builder.Property(s => s.Key).HasMaxLength(32);
        builder.Property(s => s.UserId).HasMaxLength(450);
        builder.Property(s => s.ResultLocation).HasMaxLength(2000);
        // The daily sweep deletes keys past their age.
        builder.HasIndex(s => s.SubmittedAt);
    }
}
