using Bozhou.Hotline.Core.Caching;

namespace Bozhou.Hotline.Core.Insight;

/// <summary>The rules of the rising terms (上升诉求, issue 24 item 1). Pure constants; see docs/trends.md.</summary>
public static class TrendRules
{
    /// <summary>The recent window: the last 7 closed China days (yesterday and the six before).</summary>
    public const int RecentDays = 7;

    /// <summary>The previous window: the 28 China days before the recent one.</summary>
    public const int PreviousDays = 28;

    /// <summary>A key needs this many appeals in the recent window before it is tested (three calls never make a trend).</summary>
    public const int MinimumRecent = 5;

    /// <summary>The one-sided significance level of <see cref="RateRiseTest"/>.</summary>
    public const double Alpha = 0.01;

    /// <summary>Keys listed per scope, most significant first.</summary>
    public const int MaxListed = 10;

    /// <summary>A term is left out when a listed phrase holding it is carried by at least this share of the term's recent appeals.</summary>
    public const double PhraseExplains = 0.8;

    /// <summary>The bulletin compares its month with this many months before it.</summary>
    public const int BulletinPreviousMonths = 3;

    /// <summary>Days of appeals whose terms are kept: the bulletin's month and the three before, with a margin.</summary>
    public const int KeptDays = 160;

    /// <summary>Appeals listed behind one key.</summary>
    public const int MaxAppealsListed = 200;
}

/// <summary>Where the trends are counted: the whole city, a jurisdiction, a department, or the appeals to one cadre.</summary>
public enum TrendScopeKind
{
    City = 0,
    Jurisdiction = 1,
    Department = 2,
    Cadre = 3,
}

/// <summary>A scope of the trends, written in links as <c>city</c>, <c>j-ID</c>, <c>d-ID</c> or <c>c-ID</c>.</summary>
public sealed record TrendScope(TrendScopeKind Kind, int Id)
{
    public static readonly TrendScope City = new(TrendScopeKind.City, 0);

    /// <summary>The scope as written in a link.</summary>
    public string Code => Kind switch
    {
        TrendScopeKind.Jurisdiction => $"j-{Id}",
        TrendScopeKind.Department => $"d-{Id}",
        TrendScopeKind.Cadre => $"c-{Id}",
        _ => "city",
    };

    /// <summary>Reads <see cref="Code"/>; null or blank is the city; anything else unreadable is null.</summary>
    public static TrendScope? Parse(string? code)
    {
        if (string.IsNullOrWhiteSpace(code) || code == "city")
        {
            return City;
        }

        if (code.Length < 3 || code[1] != '-' || !int.TryParse(code.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
        {
            return null;
        }

        return code[0] switch
        {
            'j' => new TrendScope(TrendScopeKind.Jurisdiction, id),
            'd' => new TrendScope(TrendScopeKind.Department, id),
            'c' => new TrendScope(TrendScopeKind.Cadre, id),
            _ => null,
        };
    }
}

/// <summary>The two windows compared, as inclusive China dates.</summary>
public sealed record TrendWindow(DateOnly RecentFrom, DateOnly RecentTo, DateOnly PreviousFrom, DateOnly PreviousTo)
{
    /// <summary>The dashboard's and workspace's windows on <paramref name="today"/> (China date): the 7 days to yesterday against the 28 before.</summary>
    public static TrendWindow Weekly(DateOnly today) => new(
        today.AddDays(-TrendRules.RecentDays), today.AddDays(-1),
        today.AddDays(-(TrendRules.RecentDays + TrendRules.PreviousDays)), today.AddDays(-(TrendRules.RecentDays + 1)));

    /// <summary>
    /// The bulletin's windows: the month from <paramref name="monthStart"/> to its end, or to yesterday while it runs,
    /// against the three whole months before it.
    /// </summary>
    public static TrendWindow Monthly(DateOnly monthStart, DateOnly today)
    {
        var end = monthStart.AddMonths(1).AddDays(-1);
        var yesterday = today.AddDays(-1);
        return new(monthStart, end < yesterday ? end : yesterday, monthStart.AddMonths(-TrendRules.BulletinPreviousMonths), monthStart.AddDays(-1));
    }
}

/// <summary>
/// The rising-term lists computed, per scope and window, kept in memory until the analysis changes — per instance; at most
/// <see cref="MaxEntries"/> lists, all forgotten when full. Two signals forget them: a pass or rebuild that stored or
/// deleted rows announces <see cref="KeptTags.Terms"/> (<see cref="KeptValueChanges"/>: here at once, and on PostgreSQL on
/// every instance), which also covers an appeal committed late below the highest analysed id and a rebuild that ends on
/// the same highest id with other words; and each list is kept only while the highest analysed appeal id is the one it was
/// computed at, the backstop for a change announced in another process that cannot reach this one (the
/// <c>rebuild-trends</c> command beside an app on SQLite is then seen at the next appeal analysed).
/// </summary>
public sealed class RisingTermsCache
{
    public const int MaxEntries = 500;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(TrendScope, TrendWindow), (long Version, TrendList List)> lists = new();

    /// <summary>A cache that forgets every list when <see cref="KeptTags.Terms"/> changes.</summary>
    public RisingTermsCache(KeptValueChanges changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        changes.Subscribe(KeptTags.Terms, _ =>
        {
            lists.Clear();
            return ValueTask.CompletedTask;
        });
    }

    /// <summary>The list kept for this scope and window, if it was computed at <paramref name="version"/>.</summary>
    public bool TryGet(TrendScope scope, TrendWindow window, long version, out TrendList list)
    {
        if (lists.TryGetValue((scope, window), out var kept) && kept.Version == version)
        {
            list = kept.List;
            return true;
        }

        list = null!;
        return false;
    }

    /// <summary>Keeps a list computed at <paramref name="version"/>.</summary>
    public void Keep(TrendScope scope, TrendWindow window, long version, TrendList list)
    {
        if (lists.Count >= MaxEntries)
        {
            lists.Clear();
        }

        lists[(scope, window)] = (version, list);
    }
}

/// <summary>A rising key with its test.</summary>
public sealed record RisingKey(string Key, TermKind Kind, RateRiseResult Test)
{
    /// <summary>The key's words (one for a term, two for a phrase), to mark in a description.</summary>
    public IReadOnlyList<string> Words => Key.Split(TermExtractor.PhraseSeparator);
}

/// <summary>The rising keys of a scope and window, with the scope's appeal counts (the exposure).</summary>
public sealed record TrendList(TrendScope Scope, TrendWindow Window, int RecentAppeals, int PreviousAppeals, IReadOnlyList<RisingKey> Keys);

/// <summary>An appeal behind a key: no name, the phone masked, no description for a confidential (保密) appeal.</summary>
public sealed record TrendAppeal(
    long Id, string TrackingCode, DateTimeOffset LoggedAt, string TopicZh, string TopicEn, string CadreName, string? PhoneMasked, string? Description, bool Confidential);

/// <summary>
/// The rising terms and phrases of a scope (<see cref="FindAsync"/>) and the appeals behind one (<see cref="AppealsAsync"/>),
/// read from the <see cref="AppealTerm"/> rows. Each key is tested with <see cref="RateRiseTest"/> (x = the scope's
/// appeals carrying it in the recent window, y = in the previous window, exposure = all the scope's analysed appeals in
/// each window), listed when it rises, most significant first (p, then the recent count), at most
/// <see cref="TrendRules.MaxListed"/>; a term is left out when a listed phrase holding it explains it
/// (<see cref="TrendRules.PhraseExplains"/>).
/// </summary>
public sealed class RisingTerms(HotlineDbContext db, RisingTermsCache cache)
{
    /// <summary>
    /// The rising keys of <paramref name="scope"/> in <paramref name="window"/>: computed once per scope and window until the
    /// background pass stores new rows (<see cref="RisingTermsCache"/>), since the city's window is every row of 35 days.
    /// </summary>
    public async Task<TrendList> FindAsync(TrendScope scope, TrendWindow window, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(window);
        // The highest analysed appeal (through the primary key) moves with every pass that stored rows.
        var version = await db.AppealTerms.MaxAsync(t => (long?)t.AppealId, cancellationToken) ?? 0;
        if (cache.TryGet(scope, window, version, out var kept))
        {
            return kept;
        }

        var found = await ComputeAsync(scope, window, cancellationToken);
        cache.Keep(scope, window, version, found);
        return found;
    }

    private async Task<TrendList> ComputeAsync(TrendScope scope, TrendWindow window, CancellationToken cancellationToken)
    {
        var rows = In(scope).Where(t => t.LoggedDay >= window.PreviousFrom && t.LoggedDay <= window.RecentTo);
        var exposure = await rows.Where(t => t.Kind == TermKind.Appeal)
            .GroupBy(t => t.LoggedDay >= window.RecentFrom)
            .Select(g => new { Recent = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var nRecent = exposure.Where(e => e.Recent).Sum(e => e.Count);
        var nPrevious = exposure.Where(e => !e.Recent).Sum(e => e.Count);
        if (nRecent == 0 || nPrevious == 0)
        {
            return new TrendList(scope, window, nRecent, nPrevious, []);
        }

        var counts = await rows.Where(t => t.Kind != TermKind.Appeal)
            .GroupBy(t => new { t.Key, t.Kind })
            .Select(g => new
            {
                g.Key.Key,
                g.Key.Kind,
                Recent = g.Count(t => t.LoggedDay >= window.RecentFrom),
                Previous = g.Count(t => t.LoggedDay < window.RecentFrom && t.LoggedDay <= window.PreviousTo),
            })
            .Where(c => c.Recent >= TrendRules.MinimumRecent)
            .ToListAsync(cancellationToken);
        var rising = counts
            .Select(c => new RisingKey(c.Key, c.Kind, RateRiseTest.Test(c.Recent, nRecent, c.Previous, nPrevious, TrendRules.MinimumRecent, TrendRules.Alpha)))
            .Where(k => k.Test.Rising)
            .ToList();
        return new TrendList(scope, window, nRecent, nPrevious, Rank(rising));
    }

    /// <summary>Orders by p then by the recent count, leaves out terms their phrases explain, and keeps the first <see cref="TrendRules.MaxListed"/>.</summary>
    public static IReadOnlyList<RisingKey> Rank(IEnumerable<RisingKey> rising)
    {
        ArgumentNullException.ThrowIfNull(rising);
        var all = rising.OrderBy(k => k.Test.P).ThenByDescending(k => k.Test.Recent).ThenBy(k => k.Key, StringComparer.Ordinal).ToList();
        var phrases = all.Where(k => k.Kind == TermKind.Phrase).ToList();
        return [.. all
            .Where(k => k.Kind != TermKind.Term
                || !phrases.Any(p => p.Words.Contains(k.Key) && p.Test.Recent >= TrendRules.PhraseExplains * k.Test.Recent))
            .Take(TrendRules.MaxListed)];
    }

    /// <summary>
    /// The appeals of <paramref name="scope"/> logged from <paramref name="from"/> to <paramref name="to"/> (China dates,
    /// inclusive) that carry <paramref name="key"/>, newest first, at most <see cref="TrendRules.MaxAppealsListed"/>.
    /// </summary>
    public async Task<IReadOnlyList<TrendAppeal>> AppealsAsync(TrendScope scope, string key, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(key);
        var ids = In(scope).Where(t => t.Key == key && t.Kind != TermKind.Appeal && t.LoggedDay >= from && t.LoggedDay <= to).Select(t => t.AppealId);
        var found = await db.Appeals.AsNoTracking()
            .Where(a => ids.Contains(a.Id))
            .OrderByDescending(a => a.LoggedAt).ThenByDescending(a => a.Id)
            .Take(TrendRules.MaxAppealsListed)
            .Select(a => new { a.Id, a.TrackingCode, a.LoggedAt, a.Topic.NameZh, a.Topic.NameEn, CadreName = a.Cadre.Name, a.CallerPhoneMasked, a.Description, a.Confidential })
            .ToListAsync(cancellationToken);
        return [.. found.Select(a => new TrendAppeal(
            a.Id, a.TrackingCode, a.LoggedAt, a.NameZh, a.NameEn, a.CadreName, a.CallerPhoneMasked, a.Confidential ? null : a.Description, a.Confidential))];
    }

    private IQueryable<AppealTerm> In(TrendScope scope) => scope.Kind switch
    {
        TrendScopeKind.Jurisdiction => db.AppealTerms.Where(t => t.JurisdictionId == scope.Id),
        TrendScopeKind.Department => db.AppealTerms.Where(t => t.DepartmentId == scope.Id),
        TrendScopeKind.Cadre => db.AppealTerms.Where(t => t.CadreId == scope.Id),
        _ => db.AppealTerms,
    };
}
