namespace Bozhou.Hotline.Core.Directory;

/// <summary>
/// Who escalates to whom among the cadres holding a post (逐级反映): a cadre's superior chain up to the top,
/// and the depth in it, which says how low a level the cadre is (0 for the top).
/// A superior who no longer holds the post is not in the set, so the chain stops there until the
/// administrator points it to the successor; a chain that loops is cut where it would repeat.
/// </summary>
public sealed class CadreHierarchy
{
    private readonly Dictionary<int, Cadre> _byId;

    public CadreHierarchy(IEnumerable<Cadre> cadres)
    {
        ArgumentNullException.ThrowIfNull(cadres);
        _byId = cadres.DistinctBy(c => c.Id).ToDictionary(c => c.Id);
    }

    /// <summary>The cadres the hierarchy was built from.</summary>
    public IReadOnlyCollection<Cadre> Cadres => _byId.Values;

    public Cadre? Find(int id) => _byId.GetValueOrDefault(id);

    /// <summary>The superiors from the immediate one up to the top, in the order a citizen would escalate.</summary>
    public IReadOnlyList<Cadre> EscalationPath(Cadre cadre)
    {
        ArgumentNullException.ThrowIfNull(cadre);
        var path = new List<Cadre>();
        var seen = new HashSet<int> { cadre.Id };
        var next = cadre.SuperiorId;
        while (next is int id && _byId.TryGetValue(id, out var superior) && seen.Add(id))
        {
            path.Add(superior);
            next = superior.SuperiorId;
        }

        return path;
    }

    /// <summary>How many levels sit above the cadre: deeper is lower, and lower is where a matter starts.</summary>
    public int Depth(Cadre cadre) => EscalationPath(cadre).Count;

    /// <summary>
    /// Whether making <paramref name="superiorId"/> the superior of <paramref name="cadreId"/> would close a loop:
    /// the cadre itself, or someone whose own chain of superiors (<paramref name="superiorOf"/>: id to superior id,
    /// every record) already leads back up to the cadre.
    /// </summary>
    public static bool WouldLoop(int cadreId, int superiorId, IReadOnlyDictionary<int, int?> superiorOf)
    {
        ArgumentNullException.ThrowIfNull(superiorOf);
        var seen = new HashSet<int>();
        for (int? next = superiorId; next is int id && seen.Add(id); next = superiorOf.GetValueOrDefault(id))
        {
            if (id == cadreId)
            {
                return true;
            }
        }

        return false;
    }
}
