namespace Bozhou.Hotline.Core.Supervision;

/// <summary>
/// The day's random sample of cadres to dial (抽查). The draw is a pure function of the candidates and a
/// stored seed, so anyone can repeat it and see that the list was not chosen by hand.
/// </summary>
public static class SpotCheckDraw
{
    /// <summary>
    /// Draws <paramref name="k"/> of the candidate ids (fewer when there are fewer): the ids are sorted,
    /// then shuffled with a seeded generator (partial Fisher–Yates), and the first k kept.
    /// </summary>
    public static IReadOnlyList<int> Draw(IEnumerable<int> candidateIds, int k, int seed)
    {
        ArgumentNullException.ThrowIfNull(candidateIds);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var pool = candidateIds.Distinct().Order().ToArray();
        var take = Math.Min(k, pool.Length);
        // System.Random with a seed keeps its documented legacy algorithm, so a stored seed replays exactly.
#pragma warning disable CA5394 // Not for security: the seed is published with the draw so the draw can be audited.
        var random = new Random(seed);
        for (var i = 0; i < take; i++)
        {
            var j = random.Next(i, pool.Length);
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }
#pragma warning restore CA5394

        return pool[..take];
    }
}
