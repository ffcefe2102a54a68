namespace Bozhou.Hotline.TestSupport;

/// <summary>
/// Assertions over a text (a page, a file, a command's output): each part is asserted on its own with an ordinal
/// comparison, so a failure names the part that is missing or present.
/// </summary>
public static class TextAssert
{
    /// <summary>Asserts that <paramref name="text"/> contains every one of <paramref name="parts"/>.</summary>
    public static void ContainsAll(string text, params string[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        foreach (var part in parts)
        {
            Assert.Contains(part, text, StringComparison.Ordinal);
        }
    }

    /// <summary>Asserts that <paramref name="text"/> contains none of <paramref name="parts"/>.</summary>
    public static void ContainsNone(string text, params string[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        foreach (var part in parts)
        {
            Assert.DoesNotContain(part, text, StringComparison.Ordinal);
        }
    }
}
