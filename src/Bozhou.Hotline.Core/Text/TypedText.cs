using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Bozhou.Hotline.Core.Text;

/// <summary>
/// What a person typed, folded before it is matched or parsed: Unicode compatibility normalization (NFKC), so
/// that a Chinese input method's full-width forms mean what their ordinary forms mean. ｗａｎｇ is wang,
/// １３９－０５５８ is 139-0558, the ideographic space is a space, （兼） is (兼). Only for matching and parsing:
/// stored text keeps the forms its author chose.
/// </summary>
public static class TypedText
{
    /// <summary>The NFKC form of <paramref name="text"/>; the same instance when it is already in that form.</summary>
    [return: NotNullIfNotNull(nameof(text))]
    public static string? Fold(string? text)
    {
        if (text is null || IsPlainAscii(text))
        {
            return text;
        }

        try
        {
            return text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            // A lone surrogate cannot be normalized; such text matches nothing anyway.
            return text;
        }
    }

    private static bool IsPlainAscii(string text)
    {
        foreach (var c in text)
        {
            if (c > '\u007F')
            {
                return false;
            }
        }

        return true;
    }
}
