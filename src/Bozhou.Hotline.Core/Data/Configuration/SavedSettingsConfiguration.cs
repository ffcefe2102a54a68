using Bozhou.Hotline.Core.Settings;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bozhou.Hotline.Core.Data.Configuration;

internal sealed class SavedSettingsConfiguration : IEntityTypeConfiguration<SavedSettings>
{
    public void Configure(EntityTypeBuilder<SavedSettings> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.ComplexProperty(s => s.Clocks);
        builder.ComplexProperty(s => s.Sms, sms =>
        {
            sms.Property(t => t.InMeeting).HasMaxLength(SmsTemplates.MaxLength);
            sms.Property(t => t.TextDetails).HasMaxLength(SmsTemplates.MaxLength);
            sms.Property(t => t.PassedOn).HasMaxLength(SmsTemplates.MaxLength);
            sms.Property(t => t.Reminder).HasMaxLength(SmsTemplates.MaxLength);
        });
        builder.Property(s => s.SavedBy).HasMaxLength(256);
    }
}
