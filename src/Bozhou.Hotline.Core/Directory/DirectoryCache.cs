using Bozhou.Hotline.Core.Caching;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.OutputCaching;

namespace Bozhou.Hotline.Core.Directory;

/// <summary>
/// The output cache of the public directory pages (home, list and search, card, vCard). A saved change to the
/// directory or the topics (the cadre workspace setting "in a meeting until 16:00", the administrator editing a cadre
/// or department, an import) evicts them on every instance (<see cref="EvictOnChanges"/>), so the change shows at once.
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

    /// <summary>Drops every cached directory page of <paramref name="store"/> when the directory or the topics change.</summary>
    public static void EvictOnChanges(KeptValueChanges changes, IOutputCacheStore store)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(store);
        changes.Subscribe(KeptTags.Directory, cancellationToken => store.EvictByTagAsync(Tag, cancellationToken));
        changes.Subscribe(KeptTags.Topics, cancellationToken => store.EvictByTagAsync(Tag, cancellationToken));
    }

    public static void Configure(OutputCachePolicyBuilder policy) => policy
        .Expire(Duration)
        .Tag(Tag)
        .SetVaryByQuery(QueryKeys)
        // The language comes from the culture cookie, read by the localization middleware before this runs.
        .VaryByValue(http => new("culture", http.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture.Name ?? ""));
}
