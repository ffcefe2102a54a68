using Bozhou.Hotline.Core.Settings;
using Bozhou.Hotline.Core.Sms;
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
            sms.Property(t => t.Signature).HasMaxLength(SmsTemplates.SignatureMaxLength);
            sms.Property(t => t.PublicBaseUrl).HasMaxLength(SmsTemplates.PublicBaseUrlMaxLength);
            foreach (var text in SmsTexts.All)
            {
                sms.Property(SmsTemplates.PropertyOf(text)).HasMaxLength(SmsTemplates.MaxLength);
            }
        });
        builder.ComplexProperty(s => s.Footer, footer =>
        {
            footer.Property(f => f.Sponsor).HasMaxLength(SiteFooter.MaxLength);
            footer.Property(f => f.SponsorEn).HasMaxLength(SiteFooter.MaxLength);
            footer.Property(f => f.IcpFiling).HasMaxLength(SiteFooter.MaxLength);
            footer.Property(f => f.PublicSecurityFiling).HasMaxLength(SiteFooter.MaxLength);
            footer.Property(f => f.GovernmentSiteId).HasMaxLength(SiteFooter.MaxLength);
        });
        builder.Property(s => s.SavedBy).HasMaxLength(256);
        builder.Property(s => s.SupervisionMobile).HasMaxLength(20);
    }
}
