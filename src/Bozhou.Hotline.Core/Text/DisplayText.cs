using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Bozhou.Hotline.Core.Text;

/// <summary>
/// Text as the product stores and shows it. Free text (a description, a reply, duties) keeps its lines and tabs
/// but loses what no one can see and what changes how the rest displays: the bidirectional overrides and isolates
/// (U+202A–U+202E, U+2066–U+2069, which can turn "exe.gnp" into "png.exe" on the page), the C0 control characters
/// and DEL (NUL, which PostgreSQL refuses; ESC, which starts terminal sequences in logs and exports). Line endings
/// become LF. A single-line value (a name, a position, a ticket number) also has its line breaks and tabs made
/// spaces, runs of spaces made one and the ends trimmed.
/// </summary>
public static class DisplayText
{
    /// <summary>
    /// Free text: bidirectional overrides and isolates, C0 controls other than tab and line feed, and DEL removed;
    /// CR LF and a lone CR become LF. Returns the same instance when nothing changes.
    /// </summary>
    [return: NotNullIfNotNull(nameof(text))]
    public static string? FreeText(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var first = FirstToClean(text);
        if (first < 0)
        {
            return text;
        }

        var cleaned = new StringBuilder(text.Length);
        cleaned.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                // CR LF is one break (the LF follows); a lone CR is one too.
                if (i + 1 >= text.Length || text[i + 1] != '\n')
                {
                    cleaned.Append('\n');
                }
            }
            else if (Keeps(c))
            {
                cleaned.Append(c);
            }
        }

        return cleaned.ToString();
    }

    /// <summary>
    /// A value shown on one line: <see cref="FreeText"/>, then every line break (LF, NEL, U+2028, U+2029) and tab
    /// a space, runs of spaces one space, and white space at either end trimmed. Returns the same instance when
    /// nothing changes.
    /// </summary>
    [return: NotNullIfNotNull(nameof(text))]
    public static string? SingleLine(string? text)
    {
        var free = FreeText(text);
        if (free is null || IsSingleLine(free))
        {
            return free;
        }

        var line = new StringBuilder(free.Length);
        var pendingSpace = false;
        foreach (var c in free)
        {
            if (IsBreakOrSpace(c))
            {
                pendingSpace = line.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                line.Append(' ');
                pendingSpace = false;
            }

            line.Append(c);
        }

        return line.ToString().Trim();
    }

    /// <summary>Whether <paramref name="text"/> is already as <see cref="FreeText"/> would leave it.</summary>
    public static bool IsFreeText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return FirstToClean(text) < 0;
    }

    private static int FirstToClean(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\r' || !Keeps(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool Keeps(char c) => c switch
    {
        '\t' or '\n' => true,
        < ' ' or '\u007F' => false,
        >= '\u202A' and <= '\u202E' => false,
        >= '\u2066' and <= '\u2069' => false,
        _ => true,
    };

    private static bool IsBreakOrSpace(char c) => c is ' ' or '\t' or '\n' or '\u0085' or '\u2028' or '\u2029';

    private static bool IsSingleLine(string text)
    {
        if (text.Length == 0)
        {
            return true;
        }

        if (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]))
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\t' or '\n' or '\u0085' or '\u2028' or '\u2029' || (c == ' ' && text[i + 1] == ' '))
            {
                return false;
            }
        }

        return true;
    }
}
