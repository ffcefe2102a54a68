using Bozhou.Hotline.Core.Calendar;
using Bozhou.Hotline.Core.Directory;
using Bozhou.Hotline.Core.Settings;
using Bozhou.Hotline.Core.Supervision;

namespace Bozhou.Hotline.Core.Caching;

/// <summary>
/// The kinds of data the app keeps in memory (<see cref="KeptValues{TKey, TValue}"/>, the public pages' output cache),
/// named so that a change to one kind forgets everything read from it, on every instance (<see cref="KeptValueChanges"/>).
/// </summary>
public static class KeptTags
{
    /// <summary>Jurisdictions, departments, cadres, their posts and topic tags, as the directory shows them.</summary>
    public const string Directory = "directory";

    /// <summary>The appeal topics (事项类别) and whether each is active.</summary>
    public const string Topics = "topics";

    /// <summary>The working-day calendar (法定节假日与调休).</summary>
    public const string Calendar = "calendar";

    /// <summary>The settings an administrator saves on <c>/admin/settings</c> (time limits, SMS texts, retention).</summary>
    public const string Settings = "settings";

    /// <summary>The supervision statistics' daily roll-ups.</summary>
    public const string Rollups = "rollups";

    /// <summary>The rising terms' analysis rows (<c>AppealTerms</c>), written by the trends' pass and its rebuild in bulk statements.</summary>
    public const string Terms = "terms";

    /// <summary>Every tag: what an instance forgets when it may have missed changes (its listening connection broke).</summary>
    public static readonly IReadOnlyList<string> All = [Directory, Topics, Calendar, Settings, Rollups, Terms];

    private static readonly Dictionary<Type, string> ByEntity = new()
    {
        [typeof(Jurisdiction)] = Directory,
        [typeof(Department)] = Directory,
        [typeof(Cadre)] = Directory,
        [typeof(CadreTopic)] = Directory,
        [typeof(Topic)] = Topics,
        [typeof(CalendarDay)] = Calendar,
        [typeof(SavedSettings)] = Settings,
        [typeof(DailyCadreStats)] = Rollups,
    };

    /// <summary>The tag of an entity type whose saved changes make kept values stale, or null for the others.</summary>
    public static string? For(Type entityType) => ByEntity.GetValueOrDefault(entityType);
}
