using System.Text;
using JiebaNet.Segmenter;

namespace Bozhou.Hotline.Core.Insight;

/// <summary>
/// Cuts an appeal's description into the keys the trends count (热点): <b>terms</b>, the words of at least two characters
/// that remain after the stop words (Insight/stop-words.txt: function words and the hotline's boilerplate such as 反映,
/// 希望, 问题) are dropped, and <b>phrases</b>, two terms next to each other ("小区 供暖"), where a dropped stop word does
/// not separate them but punctuation, a number or any other character that is neither a Chinese character nor a Latin
/// letter does. Each key is given once per description, however often it occurs (the trends count appeals, not words).
/// <para>
/// Segmentation is jieba.NET's precise mode with its HMM <b>off</b>: words not in the dictionary fall apart into single
/// characters, which are not terms. That keeps people's names and other coined words out of the counts (a description
/// may name a person; the HMM would make a "word" of the name), and is faster (measured in bench, see docs/trends.md).
/// The dictionary is jieba's own (copied to <c>bin/…/jieba/</c> by the Core project) plus the city's words
/// (Insight/city-words.txt: Bozhou's districts, streets, towns and hotline words such as 供暖, 停水) plus the names given
/// to <see cref="AddWords"/> (jurisdictions, departments, topics from the database), so that "谯城区" stays one word.
/// </para>
/// <para>
/// One per process (a singleton): jieba's dictionary is process-wide static state and takes about a second to load. jieba's
/// dictionary is a plain <see cref="Dictionary{TKey,TValue}"/> that <see cref="AddWords"/> writes to, so every cut and
/// every addition goes through one lock; the background pass is the only caller that cuts many descriptions.
/// </para>
/// </summary>
public sealed class TermExtractor
{
    /// <summary>A key longer than this (in characters) is not kept.</summary>
    public const int MaxKeyLength = 40;

    /// <summary>The separator of a phrase's two terms.</summary>
    public const char PhraseSeparator = ' ';

    private static readonly Lock LoadLock = new();
    private static JiebaSegmenter? shared;

    private readonly Lock cutLock = new();
    private readonly JiebaSegmenter segmenter;
    private readonly HashSet<string> stopWords;
    private readonly HashSet<string> added = new(StringComparer.Ordinal);

    /// <summary>Loads jieba's dictionary from the <c>jieba</c> folder beside the app (once per process) and the city's words.</summary>
    /// <exception cref="FileNotFoundException">jieba's dictionary is not beside the app (the build copies it; see the Core project).</exception>
    public TermExtractor()
    {
        segmenter = Shared();
        stopWords = [.. ReadList("stop-words.txt")];
        AddWords(ReadList("city-words.txt"));
    }

    /// <summary>Whether jieba's HMM guesses words missing from the dictionary (off in the product; the bench measures both).</summary>
    public bool Hmm { get; init; }

    /// <summary>The folder jieba's files are read from: <c>jieba</c> beside the app's assemblies.</summary>
    public static string DictionaryFolder => Path.Combine(AppContext.BaseDirectory, "jieba");

    /// <summary>Adds words to the dictionary so that they are cut whole (names of places, units, topics); blank ones and ones already added are skipped.</summary>
    public void AddWords(IEnumerable<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        lock (cutLock)
        {
            foreach (var raw in words)
            {
                var word = raw.Trim();
                if (word.Length >= 2 && added.Add(word))
                {
                    segmenter.AddWord(word);
                }
            }
        }
    }

    /// <summary>Whether <paramref name="word"/> is a stop word (never a term).</summary>
    public bool IsStopWord(string word) => stopWords.Contains(word);

    /// <summary>
    /// The distinct terms and phrases of <paramref name="description"/>, terms first, each in the order of its first
    /// occurrence. An empty or blank description has none.
    /// </summary>
    public IReadOnlyList<ExtractedKey> Extract(string? description)
    {
        if (string.IsNullOrWhiteSpace(description))
        {
            return [];
        }

        List<string> words;
        lock (cutLock)
        {
            words = [.. segmenter.Cut(description, cutAll: false, hmm: Hmm)];
        }

        var terms = new List<ExtractedKey>();
        var phrases = new List<ExtractedKey>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? previous = null;
        foreach (var word in words)
        {
            if (!IsWordish(word))
            {
                previous = null;
                continue;
            }

            if (word.Length < 2 || stopWords.Contains(word) || word.Length > MaxKeyLength)
            {
                // A stop word or a single character does not end a phrase: "小区的供暖" gives "小区 供暖".
                continue;
            }

            if (seen.Add(word))
            {
                terms.Add(new ExtractedKey(word, TermKind.Term));
            }

            if (previous is not null && previous != word)
            {
                var phrase = previous + PhraseSeparator + word;
                if (phrase.Length <= MaxKeyLength && seen.Add(phrase))
                {
                    phrases.Add(new ExtractedKey(phrase, TermKind.Phrase));
                }
            }

            previous = word;
        }

        terms.AddRange(phrases);
        return terms;
    }

    /// <summary>Chinese characters and Latin letters only: punctuation, digits, spaces and symbols break a phrase.</summary>
    private static bool IsWordish(string word)
    {
        if (word.Length == 0)
        {
            return false;
        }

        foreach (var rune in word.EnumerateRunes())
        {
            var v = rune.Value;
            var cjk = v is (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x20000 and <= 0x2A6DF);
            var latin = v is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z');
            if (!cjk && !latin)
            {
                return false;
            }
        }

        return true;
    }

    private static JiebaSegmenter Shared()
    {
        lock (LoadLock)
        {
            if (shared is null)
            {
                var folder = DictionaryFolder;
                if (!File.Exists(Path.Combine(folder, "dict.txt")))
                {
                    throw new FileNotFoundException($"jieba's dictionary was not found in {folder}; the Core project copies it there on build and publish.", Path.Combine(folder, "dict.txt"));
                }

                ConfigManager.ConfigFileBaseDir = folder;
                shared = new JiebaSegmenter();
            }

            return shared;
        }
    }

    private static IEnumerable<string> ReadList(string name)
    {
        using var stream = typeof(TermExtractor).Assembly.GetManifestResourceStream($"Bozhou.Hotline.Core.Insight.{name}")
            ?? throw new InvalidOperationException($"The embedded list {name} is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            line = line.Trim();
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                lines.Add(line);
            }
        }

        return lines;
    }
}

/// <summary>What a stored key is.</summary>
public enum TermKind
{
    /// <summary>The row that says an appeal was analysed (its key is empty): the trends' count of appeals in a scope.</summary>
    Appeal = 0,

    /// <summary>One word.</summary>
    Term = 1,

    /// <summary>Two terms next to each other, separated by a space.</summary>
    Phrase = 2,
}

/// <summary>One term or phrase of a description.</summary>
public sealed record ExtractedKey(string Key, TermKind Kind);
