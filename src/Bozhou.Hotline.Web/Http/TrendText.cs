using System.Text;
using System.Text.Encodings.Web;
using Bozhou.Hotline.Core.Insight;
using Microsoft.AspNetCore.Html;

namespace Bozhou.Hotline.Web.Http;

/// <summary>Shows a description with a rising term's words marked (&lt;mark&gt;), the rest HTML-encoded.</summary>
public static class TrendText
{
    /// <summary>How many characters of a description are shown, starting a little before the first marked word.</summary>
    public const int ExcerptLength = 160;

    /// <summary>Escapes markup, keeps Chinese as characters.</summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    /// <summary>
    /// The excerpt of <paramref name="description"/> around the first word of <paramref name="key"/> (a term, or a phrase's
    /// two words separated by a space), every occurrence of its words marked; an ellipsis where text is left out; phone
    /// and other long numbers masked (<see cref="Bozhou.Hotline.Core.Phones.ChinesePhone.MaskNumbersIn"/>).
    /// </summary>
    public static IHtmlContent Marked(string description, string key)
    {
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(key);
        // The list shows the caller's phone masked; a number typed into the description is masked alike.
        description = Bozhou.Hotline.Core.Phones.ChinesePhone.MaskNumbersIn(description);
        var words = key.Split(TermExtractor.PhraseSeparator, StringSplitOptions.RemoveEmptyEntries);
        var first = words.Select(w => description.IndexOf(w, StringComparison.Ordinal)).Where(i => i >= 0).DefaultIfEmpty(0).Min();
        var start = Math.Max(0, first - 20);
        var length = Math.Min(ExcerptLength, description.Length - start);
        var text = description.Substring(start, length);
        var html = new StringBuilder();
        if (start > 0)
        {
            html.Append('…');
        }

        var i = 0;
        while (i < text.Length)
        {
            var word = words.FirstOrDefault(w => string.CompareOrdinal(text, i, w, 0, w.Length) == 0);
            if (word is not null)
            {
                html.Append("<mark>").Append(Encoder.Encode(word)).Append("</mark>");
                i += word.Length;
            }
            else
            {
                var next = i + 1;
                while (next < text.Length && !words.Any(w => string.CompareOrdinal(text, next, w, 0, w.Length) == 0))
                {
                    next++;
                }

                html.Append(Encoder.Encode(text[i..next]));
                i = next;
            }
        }

        if (start + length < description.Length)
        {
            html.Append('…');
        }

        return new HtmlString(html.ToString());
    }
}
