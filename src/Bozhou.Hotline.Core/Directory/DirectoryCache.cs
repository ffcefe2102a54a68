using Bozhou.Hotline.Core.Caching;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;

namespace Bozhou.Hotline.Core.Directory;

/// <summary>
/// The output cache of the public directory pages (home, list and search, card, vCard). A saved change to the
/// directory or the topics (the cadre workspace setting "in a meeting until 16:00", the administrator editing a cadre
/// or department, an import) or to the settings (the footer lines) evicts them on every instance (<see
/// cref="EvictOnChanges"/>), so the change shows at once.
/// </summary>
public static class DirectoryCache
{
    public const string PolicyName = "Directory";

    public const string Tag = "directory";

    /// <summary>
    /// Sixty seconds, and never past the end of the app clock's minute: a cached page is one minute's (<see
    /// cref="Configure"/> varies by it). Edits evict at once; what expires by itself ends on a minute (an availability
    /// note "in a meeting until 16:00" is set to the minute, a post ends at midnight), so it is never served past its
    /// end. A minute is also long enough to spare the database when a published number brings a burst of visitors.
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
        changes.Subscribe(KeptTags.Settings, cancellationToken => store.EvictByTagAsync(Tag, cancellationToken));
    }

    /// <summary>
    /// The policy: kept <see cref="Duration"/>, by query, by language and by the app clock's minute (UTC minutes since
    /// 0001-01-01, from the registered <see cref="TimeProvider"/>), so that a page rendered at 15:59 is not served at 16:00.
    /// </summary>
    /// <returns><paramref name="policy"/>, for further rules.</returns>
    public static OutputCachePolicyBuilder Configure(OutputCachePolicyBuilder policy) => policy
        .Expire(Duration)
        .VaryByValue(http => new("minute", MinuteOf(http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow())))
        .Tag(Tag)
        .SetVaryByQuery(QueryKeys)
        // The language comes from the culture cookie, read by the localization middleware before this runs.
        .VaryByValue(http => new("culture", http.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture.Name ?? ""));

    private static string MinuteOf(DateTimeOffset now) =>
        (now.UtcTicks / TimeSpan.TicksPerMinute).ToString(CultureInfo.InvariantCulture);
}
