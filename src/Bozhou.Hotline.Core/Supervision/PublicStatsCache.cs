using Bozhou.Hotline.Core.Caching;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.OutputCaching;

namespace Bozhou.Hotline.Core.Supervision;

/// <summary>
/// The output cache of the public responsiveness page (<c>/stats</c> and its CSV). Every answer is one of a few
/// (level × period × jurisdiction × language × elder-friendly mode (added where the web host registers the policy) × page or CSV: the page redirects any other value to one of them), each
/// counted at most once until something behind it changes: storing a day's roll-up (<see cref="StatsRollup"/>), the
/// directory's names, or the settings (switched off, the page answers 404 at once) evict them on every instance
/// (<see cref="EvictOnChanges"/>). A burst of visitors therefore costs the database nothing, which is how the public
/// directory pages are spared too.
/// </summary>
public static class PublicStatsCache
{
    public const string PolicyName = "PublicStats";

    public const string Tag = "public-stats";

    /// <summary>
    /// Ten minutes at most: every change the page depends on evicts it at once; this only bounds what no instance is told
    /// of (an edit in the database by hand, <c>rebuild-stats</c> run beside the server on SQLite) and the turn of a month,
    /// when "the last full month" moves on.
    /// </summary>
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(10);

    /// <summary>The query-string keys the page reads (and <c>handler</c>, which picks the CSV); others make no new entries.</summary>
    public static readonly string[] QueryKeys = ["level", "period", "jurisdiction", "handler"];

    /// <summary>Drops every cached answer of <paramref name="store"/> when roll-ups, the directory, the topics or the settings change.</summary>
    public static void EvictOnChanges(KeptValueChanges changes, IOutputCacheStore store)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(store);
        foreach (var tag in new[] { KeptTags.Rollups, KeptTags.Directory, KeptTags.Settings })
        {
            changes.Subscribe(tag, cancellationToken => store.EvictByTagAsync(Tag, cancellationToken));
        }
    }

    public static void Configure(OutputCachePolicyBuilder policy) => policy
        .Expire(Duration)
        .Tag(Tag)
        .SetVaryByQuery(QueryKeys)
        // The language comes from the culture cookie, read by the localization middleware before this runs.
        .VaryByValue(http => new("culture", http.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture.Name ?? ""));
}
