using System.Security.Cryptography;

namespace Bozhou.Hotline.Core.Appeals;

/// <summary>
/// The citizen's tracking code: 10 characters of Crockford base32 (no I, L, O or U, so nothing is mistaken
/// for another when read aloud), 9 random from a cryptographic source (45 bits) and a check character
/// (Luhn mod 32) that catches every single mistyped character and most swapped neighbours.
/// Shown as two groups of five: <c>7KQ2M-XD4P9</c>.
/// </summary>
public static class TrackingCode
{
    public const int Length = 10;
    public const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string Generate()
    {
        Span<char> code = stackalloc char[Length];
        for (var i = 0; i < Length - 1; i++)
        {
            code[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        code[Length - 1] = CheckCharacter(code[..(Length - 1)]);
        return new string(code);
    }

    /// <summary>
    /// Reads a code as a person typed it: full-width forms folded (<see cref="TypedText.Fold"/>), case, spaces and
    /// hyphens ignored, and O→0, I/L→1 as Crockford decodes them. <see cref="TrackingCodeCheck.Mistyped"/> when the
    /// check character does not match.
    /// </summary>
    public static TrackingCodeCheck TryParse(string? input, out string code)
    {
        code = "";
        input = TypedText.Fold(input);
        if (string.IsNullOrWhiteSpace(input) || input.Length > 40)
        {
            return TrackingCodeCheck.Malformed;
        }

        Span<char> chars = stackalloc char[Length];
        var n = 0;
        foreach (var raw in input)
        {
            if (raw is ' ' or '-')
            {
                continue;
            }

            var c = char.ToUpperInvariant(raw) switch
            {
                'O' => '0',
                'I' or 'L' => '1',
                var other => other,
            };
            if (Alphabet.IndexOf(c, StringComparison.Ordinal) < 0 || n == Length)
            {
                return TrackingCodeCheck.Malformed;
            }

            chars[n++] = c;
        }

        if (n != Length)
        {
            return TrackingCodeCheck.Malformed;
        }

        if (CheckCharacter(chars[..(Length - 1)]) != chars[Length - 1])
        {
            return TrackingCodeCheck.Mistyped;
        }

        code = new string(chars);
        return TrackingCodeCheck.Valid;
    }

    /// <summary>The code as shown and read aloud: two groups of five.</summary>
    public static string Format(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return code.Length == Length ? $"{code[..5]}-{code[5..]}" : code;
    }

    /// <summary>Luhn mod N over the base-32 alphabet.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> payload)
    {
        const int n = 32;
        var factor = 2;
        var sum = 0;
        for (var i = payload.Length - 1; i >= 0; i--)
        {
            var addend = factor * Alphabet.IndexOf(payload[i], StringComparison.Ordinal);
            factor = factor == 2 ? 1 : 2;
            sum += (addend / n) + (addend % n);
        }

        return Alphabet[(n - (sum % n)) % n];
    }
}

public enum TrackingCodeCheck
{
    Valid,
    Malformed,
    Mistyped,
}
