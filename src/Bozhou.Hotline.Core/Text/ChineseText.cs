namespace Bozhou.Hotline.Core.Text;

/// <summary>Whether stored text (a person's name, what someone typed) is written in Chinese, to mark it for the reader.</summary>
public static class ChineseText
{
    /// <summary>
    /// <c>zh-CN</c> when <paramref name="text"/> holds a CJK ideograph (U+3400–U+4DBF, U+4E00–U+9FFF, U+F900–U+FAFF), else
    /// null: the value for an element's <c>lang</c> attribute, which Razor leaves out when null, so that an English page
    /// marks a Chinese name as Chinese (for screen readers, fonts and the language checks) and leaves "Li Ming" alone.
    /// </summary>
    public static string? LangOf(string? text) =>
        text is not null && text.Any(c => c is >= '\u3400' and <= '\u4DBF' or >= '\u4E00' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF') ? "zh-CN" : null;
}
