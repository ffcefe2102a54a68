using System.Text;

namespace Bozhou.Hotline.Core.Directory;

/// <summary>What a saved contact holds. Phones in E.164.</summary>
public sealed record VCardContact(
    string FullName,
    string FamilyName,
    string GivenName,
    string Organization,
    string Title,
    string Mobile,
    string? OfficePhone = null,
    string? Note = null,
    string? SortString = null);

/// <summary>
/// vCard 3.0 (RFC 2426 over RFC 2425): CRLF line ends, text values escaped (backslash, comma, semicolon,
/// newline), lines folded at 75 octets without splitting a UTF-8 character.
/// </summary>
public static class VCardWriter
{
    public const string ContentType = "text/vcard; charset=utf-8";

    private const int MaxLineOctets = 75;

    public static string Write(VCardContact contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        var card = new StringBuilder();
        Line(card, "BEGIN:VCARD");
        Line(card, "VERSION:3.0");
        Line(card, "N:" + Escape(contact.FamilyName) + ";" + Escape(contact.GivenName) + ";;;");
        Line(card, "FN:" + Escape(contact.FullName));
        if (!string.IsNullOrEmpty(contact.SortString))
        {
            Line(card, "SORT-STRING:" + Escape(contact.SortString));
        }

        Line(card, "ORG:" + Escape(contact.Organization));
        Line(card, "TITLE:" + Escape(contact.Title));
        Line(card, "TEL;TYPE=CELL:" + contact.Mobile);
        if (!string.IsNullOrEmpty(contact.OfficePhone))
        {
            Line(card, "TEL;TYPE=WORK:" + contact.OfficePhone);
        }

        if (!string.IsNullOrEmpty(contact.Note))
        {
            Line(card, "NOTE:" + Escape(contact.Note));
        }

        Line(card, "END:VCARD");
        return card.ToString();
    }

    /// <summary>Escapes a text value (RFC 2426 §4): <c>\\</c>, <c>\,</c>, <c>\;</c> and <c>\n</c> for any line break.</summary>
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var escaped = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            switch (value[i])
            {
                case '\\': escaped.Append(@"\\"); break;
                case ',': escaped.Append(@"\,"); break;
                case ';': escaped.Append(@"\;"); break;
                case '\r' when i + 1 < value.Length && value[i + 1] == '\n': break;
                case '\r' or '\n': escaped.Append(@"\n"); break;
                default: escaped.Append(value[i]); break;
            }
        }

        return escaped.ToString();
    }

    /// <summary>Appends one content line, folded (CRLF and a space) wherever it would pass 75 octets.</summary>
    private static void Line(StringBuilder card, string line)
    {
        var octets = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > MaxLineOctets)
            {
                card.Append("\r\n ");
                octets = 1;
            }

            card.Append(rune.ToString());
            octets += size;
        }

        card.Append("\r\n");
    }
}

/// <summary>Chinese names for a contact: the family name first, two-character family names included.</summary>
public static class ChineseName
{
    private static readonly string[] CompoundFamilyNames =
    [
        "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "轩辕", "令狐", "端木", "独孤", "南宫", "西门", "百里",
    ];

    /// <summary>Splits "欧阳晓峰" into ("欧阳", "晓峰") and "王建华" into ("王", "建华"); a name that is not Chinese stays whole as the family name.</summary>
    public static (string Family, string Given) Split(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        name = name.Trim();
        if (name.Length < 2 || !name.All(IsHan))
        {
            return (name, "");
        }

        var familyLength = name.Length > 2 && CompoundFamilyNames.Any(f => name.StartsWith(f, StringComparison.Ordinal)) ? 2 : 1;
        return (name[..familyLength], name[familyLength..]);
    }

    private static bool IsHan(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or '·';
}
