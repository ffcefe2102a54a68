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

    /// <summary>
    /// Whether <paramref name="cadre"/> holds its jurisdiction's top post (本级最高负责人): the first in protocol order of
    /// the jurisdiction's first unit (the lowest <see cref="Department.Order"/>, then <see cref="Cadre.ProtocolOrder"/>,
    /// then id) among the cadres of the set. Needs every cadre's <see cref="Cadre.Department"/> (order and jurisdiction).
    /// </summary>
    public bool IsTopPost(Cadre cadre)
    {
        ArgumentNullException.ThrowIfNull(cadre);
        var top = _byId.Values.Where(c => c.Department.JurisdictionId == cadre.Department.JurisdictionId)
            .OrderBy(c => c.Department.Order).ThenBy(c => c.ProtocolOrder).ThenBy(c => c.Id).First();
        return top.Id == cadre.Id;
    }

    /// <summary>
    /// Whether <paramref name="cadre"/>'s superior is not set: none, or one who no longer holds a post, while the cadre is
    /// not its jurisdiction's top post. Such a card says the superior is not set (and offers 12345), never that the
    /// cadre is the top official; <c>/admin</c> lists them.
    /// </summary>
    public bool LacksSuperior(Cadre cadre)
    {
        ArgumentNullException.ThrowIfNull(cadre);
        return (cadre.SuperiorId is not int id || !_byId.ContainsKey(id)) && !IsTopPost(cadre);
    }

    /// <summary>Every cadre of the set whose superior is not set (<see cref="LacksSuperior"/>).</summary>
    public IReadOnlyList<Cadre> WithoutSuperior() => [.. _byId.Values.Where(LacksSuperior)];

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
