using Bozhou.Hotline.Core.Open311;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bozhou.Hotline.Core.Data.Configuration;

internal sealed class ApiClientConfiguration : IEntityTypeConfiguration<ApiClient>
{
    public void Configure(EntityTypeBuilder<ApiClient> builder)
    {
        builder.ToTable("ApiClients");
        builder.Property(c => c.Name).HasMaxLength(ApiClient.NameMaxLength);
        builder.Property(c => c.KeyPrefix).HasMaxLength(ApiKeys.ShownPrefixLength);
        builder.Property(c => c.KeyHash).HasMaxLength(64);
        // Each post finds its client by the key's hash.
        builder.HasIndex(c => c.KeyHash).IsUnique();
        builder.Ignore(c => c.IsRevoked);
    }
}
