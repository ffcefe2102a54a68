using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.OutputCaching;

namespace Bozhou.Hotline.Core.Directory;

/// <summary>
/// The output cache of the public directory pages (home, list and search, card, vCard). Whatever changes
/// directory data (the cadre workspace setting "in a meeting until 16:00", the administrator editing a
/// cadre or department) calls <see cref="EvictAsync"/> after saving, so the change shows at once.
/// </summary>
public static class DirectoryCache
{
    public const string PolicyName = "Directory";

    public const string Tag = "directory";

    /// <summary>
    /// Sixty seconds. Edits evict at once; what expires by itself is time-bound: an availability note
    /// ("in a meeting until 16:00") may show up to a minute after its end, and a post that ends at midnight
    /// may be listed a minute into the next day. A minute is also long enough to spare the database
    /// when a published number brings a burst of visitors.
    /// </summary>
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(60);

    /// <summary>The query-string keys the pages read; other keys do not make new cache entries.</summary>
    public static readonly string[] QueryKeys = ["q", "jurisdiction", "department", "topic"];

    /// <summary>Drops every cached directory page.</summary>
    public static ValueTask EvictAsync(IOutputCacheStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.EvictByTagAsync(Tag, cancellationToken);
    }

    public static void Configure(OutputCachePolicyBuilder policy) => policy
        .Expire(Duration)
        .Tag(Tag)
        .SetVaryByQuery(QueryKeys)
        // The language comes from the culture cookie, read by the localization middleware before this runs.
        .VaryByValue(http => new("culture", http.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture.Name ?? ""));
}
