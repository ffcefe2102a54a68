using System.Text;

namespace Bozhou.Hotline.Core.Directory;

/// <summary>A cadre found by a search, with the superiors a citizen escalates to if the matter is not resolved.</summary>
public sealed record SearchHit(Cadre Cadre, int Depth, int Score, IReadOnlyList<Cadre> EscalationPath);

/// <summary>
/// The directory search: by name (and pinyin), position, department, jurisdiction, duties and topic tags,
/// in Chinese substrings and English words. Every word of the query must match. The query and the fields are
/// compared in their NFKC forms (<see cref="TypedText.Fold"/>), so full-width ｗａｎｇ finds what wang finds. Results come lowest
/// level first (the deepest in the superior chain), so a citizen is steered to whoever handles the
/// matter directly, with the superiors shown as the escalation path.
/// </summary>
public static class DirectorySearch
{
    /// <summary>Longer queries are cut: no one types more to find a person, and the page repeats the query.</summary>
    public const int MaxQueryLength = 100;

    private const int MaxTerms = 8;

    /// <summary>
    /// The query as the search uses and the page shows it: control and bidirectional-override characters
    /// removed, runs of white space made one space, cut to <see cref="MaxQueryLength"/> characters
    /// without splitting a character.
    /// </summary>
    public static string Clean(string? raw)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return "";
        }

        var text = new StringBuilder(Math.Min(raw.Length, MaxQueryLength));
        var pendingSpace = false;
        foreach (var rune in raw.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune))
            {
                pendingSpace = text.Length > 0;
                continue;
            }

            if (Rune.IsControl(rune) || IsInvisibleFormat(rune) || rune == Rune.ReplacementChar)
            {
                continue;
            }

            var needed = rune.Utf16SequenceLength + (pendingSpace ? 1 : 0);
            if (text.Length + needed > MaxQueryLength)
            {
                break;
            }

            if (pendingSpace)
            {
                text.Append(' ');
                pendingSpace = false;
            }

            text.Append(rune.ToString());
        }

        return text.ToString();
    }

    /// <summary>
    /// The cadres matching every word of <paramref name="query"/> (cleaned), lowest level first; at one
    /// level the better match (name before position before department before duties), then protocol order.
    /// The hierarchy is that of all cadres holding a post, so that paths reach above a filtered list.
    /// </summary>
    public static IReadOnlyList<SearchHit> Search(IEnumerable<Cadre> cadres, string? query, CadreHierarchy hierarchy)
    {
        ArgumentNullException.ThrowIfNull(cadres);
        ArgumentNullException.ThrowIfNull(hierarchy);
        var terms = Terms(TypedText.Fold(Clean(query)));
        if (terms.Count == 0)
        {
            return [];
        }

        var hits = new List<SearchHit>();
        foreach (var cadre in cadres)
        {
            var fields = new SearchFields(cadre);
            var score = 0;
            foreach (var term in terms)
            {
                var termScore = Score(fields, term);
                if (termScore == 0)
                {
                    score = 0;
                    break;
                }

                score += termScore;
            }

            if (score > 0)
            {
                var path = hierarchy.EscalationPath(cadre);
                hits.Add(new SearchHit(cadre, path.Count, score, path));
            }
        }

        return [.. hits
            .OrderByDescending(h => h.Depth)
            .ThenByDescending(h => h.Score)
            .ThenBy(h => h.Cadre.Department.Jurisdiction.Order)
            .ThenBy(h => h.Cadre.Department.Order)
            .ThenBy(h => h.Cadre.ProtocolOrder)
            .ThenBy(h => h.Cadre.Id)];
    }

    private static List<string> Terms(string cleaned) =>
        [.. cleaned.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(t => t.ToLowerInvariant()).Distinct().Take(MaxTerms)];

    // Weights: a name outranks a position, a position a unit, a unit the jurisdiction, that the duties,
    // the duties a topic tag. A term scores its best field.
    private static int Score(SearchFields cadre, string term)
    {
        // Chinese fields by substring; Latin terms too, for digits and abbreviations inside Chinese text.
        var best = new[]
        {
            Contains(cadre.Name, term, 8), Contains(cadre.Position, term, 5), Contains(cadre.Department, term, 4),
            Contains(cadre.Jurisdiction, term, 3), Contains(cadre.Duties, term, 2),
            cadre.Topics.Select(t => Contains(t, term, 1)).DefaultIfEmpty().Max(),
        }.Max();
        if (!IsLatin(term))
        {
            return best;
        }

        // English fields and pinyin by word.
        return new[]
        {
            best, Pinyin(cadre.NamePinyin, term, 8), Words(cadre.PositionEn, term, 5), Words(cadre.DepartmentEn, term, 4),
            Words(cadre.JurisdictionEn, term, 3), Words(cadre.DutiesEn, term, 2),
            cadre.TopicsEn.Select(t => Words(t, term, 1)).DefaultIfEmpty().Max(),
        }.Max();
    }

    private static int Contains(string field, string term, int weight) =>
        field.Contains(term, StringComparison.OrdinalIgnoreCase) ? weight : 0;

    /// <summary>"wang", "jianhua" or "wangjianhua" find Wang Jianhua.</summary>
    private static int Pinyin(string pinyin, string term, int weight) =>
        Words(pinyin, term, weight) > 0 || pinyin.Replace(" ", "", StringComparison.Ordinal).StartsWith(term, StringComparison.OrdinalIgnoreCase)
            ? weight
            : 0;

    /// <summary>
    /// English matches whole words, with plurals ("bus" finds "buses" but not "business"); a term of four
    /// letters or more also matches the start of a word ("educat" finds "education").
    /// </summary>
    private static int Words(string field, string term, int weight)
    {
        var singularTerm = Singular(term);
        foreach (var word in field.ToLowerInvariant().Split(WordSeparators, StringSplitOptions.RemoveEmptyEntries))
        {
            if (word == term || Singular(word) == singularTerm || (term.Length >= 4 && word.StartsWith(term, StringComparison.Ordinal)))
            {
                return weight;
            }
        }

        return 0;
    }

    private static readonly char[] WordSeparators = [' ', ',', '.', ';', ':', '(', ')', '-', '/', '\'', '"', '’', '!', '?'];

    private static string Singular(string word)
    {
        if (word.Length <= 3)
        {
            return word;
        }

        if (word.EndsWith("ses", StringComparison.Ordinal) || word.EndsWith("xes", StringComparison.Ordinal)
            || word.EndsWith("ches", StringComparison.Ordinal) || word.EndsWith("shes", StringComparison.Ordinal))
        {
            return word[..^2];
        }

        return word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) ? word[..^1] : word;
    }

    private static bool IsLatin(string term) => term.All(c => char.IsAscii(c));

    /// <summary>A cadre's searchable fields in their NFKC forms, folded once per search rather than once per term.</summary>
    private sealed class SearchFields(Cadre cadre)
    {
        public string Name { get; } = TypedText.Fold(cadre.Name);

        public string NamePinyin { get; } = TypedText.Fold(cadre.NamePinyin);

        public string Position { get; } = TypedText.Fold(cadre.Position);

        public string PositionEn { get; } = TypedText.Fold(cadre.PositionEn);

        public string Department { get; } = TypedText.Fold(cadre.Department.NameZh);

        public string DepartmentEn { get; } = TypedText.Fold(cadre.Department.NameEn);

        public string Jurisdiction { get; } = TypedText.Fold(cadre.Department.Jurisdiction.NameZh);

        public string JurisdictionEn { get; } = TypedText.Fold(cadre.Department.Jurisdiction.NameEn);

        public string Duties { get; } = TypedText.Fold(cadre.Duties);

        public string DutiesEn { get; } = TypedText.Fold(cadre.DutiesEn);

        public IReadOnlyList<string> Topics { get; } = [.. cadre.Topics.Where(t => t.Topic is not null).Select(t => TypedText.Fold(t.Topic.NameZh))];

        public IReadOnlyList<string> TopicsEn { get; } = [.. cadre.Topics.Where(t => t.Topic is not null).Select(t => TypedText.Fold(t.Topic.NameEn))];
    }

    // Bidirectional overrides and zero-width marks could turn the echoed query around on the page;
    // the zero-width joiner stays because emoji sequences need it.
    private static bool IsInvisibleFormat(Rune rune) =>
        Rune.GetUnicodeCategory(rune) == System.Globalization.UnicodeCategory.Format && rune.Value != 0x200D;
}
