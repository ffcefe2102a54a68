namespace Bozhou.Hotline.Core.Accounts;

/// <summary>Why a password is refused beyond its length (ASVS 2.1.7, 2.1.9: no composition rules, but no guessable password).</summary>
public enum PasswordProblem
{
    /// <summary>In the list of common passwords, whole or with digits or symbols added before or after.</summary>
    Common = 1,

    /// <summary>Contains the e-mail address's local part or the person's name.</summary>
    ContainsAccount = 2,

    /// <summary>One character repeated, or a short group repeated (<c>abcabcabcabc</c>).</summary>
    Repeated = 3,

    /// <summary>A run of the alphabet, the digits or the keyboard (<c>123456789012</c>, <c>abcdefghijkl</c>, <c>qwertyuiopas</c>).</summary>
    Sequence = 4,
}

/// <summary>The product's password rules besides the minimum length, which Identity checks.</summary>
public static class PasswordRules
{
    /// <summary>The shortest e-mail local part looked for in a password: shorter ones would refuse too much by chance.</summary>
    public const int ShortestLocalPart = 3;

    /// <summary>The shortest name looked for: a Chinese name has two characters.</summary>
    public const int ShortestName = 2;

    // Runs a person types without thinking: the alphabet, the digits (wrapping 9 → 0 → 1), the keyboard's rows
    // read on (qwertyuiop → asdfghjkl → zxcvbnm) and its columns (1qaz2wsx…).
    private static readonly string[] Runs =
    [
        "abcdefghijklmnopqrstuvwxyz",
        "0123456789",
        "qwertyuiopasdfghjklzxcvbnm",
        "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik,9ol.0p;/",
        "!@#$%^&*()_+",
    ];

    private static readonly char[] Padding = "0123456789!@#$%^&*()-_=+.,;:?~`'\"[]{}<>/\\| ".ToCharArray();

    /// <summary>The first problem found with the password, or null when it passes.</summary>
    public static PasswordProblem? Check(string password, string? email, string? displayName, IReadOnlySet<string> commonPasswords)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(commonPasswords);
        var folded = password.ToLowerInvariant();
        if (IsRepeated(folded))
        {
            return PasswordProblem.Repeated;
        }

        if (IsRun(folded))
        {
            return PasswordProblem.Sequence;
        }

        if (AccountParts(email, displayName).Any(part => folded.Contains(part, StringComparison.Ordinal)))
        {
            return PasswordProblem.ContainsAccount;
        }

        var core = folded.Trim(Padding);
        return commonPasswords.Contains(folded) || (core.Length > 0 && commonPasswords.Contains(core))
            || commonPasswords.Contains(folded.TrimEnd(Padding)) || commonPasswords.Contains(folded.TrimStart(Padding))
            ? PasswordProblem.Common
            : null;
    }

    /// <summary>The parts of an account a password must not contain: the e-mail address and its local part, the display name and its name before a bracket.</summary>
    public static IEnumerable<string> AccountParts(string? email, string? displayName)
    {
        if (!string.IsNullOrWhiteSpace(email))
        {
            yield return email.Trim().ToLowerInvariant();
        }

        var local = email?.Split('@')[0].ToLowerInvariant();
        if (local is { Length: >= ShortestLocalPart })
        {
            yield return local;
        }

        var name = displayName?.Trim().ToLowerInvariant();
        if (name is { Length: >= ShortestName })
        {
            yield return name;
            // "李明（副市长）": the person is 李明.
            var bracket = name.IndexOfAny(['（', '(']);
            if (bracket >= ShortestName)
            {
                yield return name[..bracket].Trim();
            }
        }
    }

    private static bool IsRepeated(string password)
    {
        for (var unit = 1; unit <= Math.Min(4, password.Length / 2); unit++)
        {
            if (password.Length % unit == 0 && string.Concat(Enumerable.Repeat(password[..unit], password.Length / unit)) == password)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsRun(string password)
    {
        foreach (var run in Runs)
        {
            // Long enough to hold any password of up to the run's length times a few, read forwards or backwards.
            var times = (password.Length / run.Length) + 2;
            var forwards = string.Concat(Enumerable.Repeat(run, times));
            var backwards = new string(forwards.Reverse().ToArray());
            if (forwards.Contains(password, StringComparison.Ordinal) || backwards.Contains(password, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads a list of common passwords, one a line, lower-cased; blank lines and lines starting with # are skipped.</summary>
    public static HashSet<string> ReadList(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var list = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var word = line.Trim();
            if (word.Length > 0 && !word.StartsWith('#'))
            {
                list.Add(word.ToLower(CultureInfo.InvariantCulture));
            }
        }

        return list;
    }
}
