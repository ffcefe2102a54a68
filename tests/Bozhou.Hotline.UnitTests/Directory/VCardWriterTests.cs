using System.Text;

namespace Bozhou.Hotline.UnitTests.DirectoryRules;

public class VCardWriterTests
{
    private static readonly VCardContact Contact = new(
        FullName: "王建华",
        FamilyName: "王",
        GivenName: "建华",
        Organization: "亳州市人民政府",
        Title: "市委常委、常务副市长",
        Mobile: "+8613800000003",
        OfficePhone: "+865585000003");

    [Fact]
    public void A_card_is_vCard_3_with_CRLF_lines_and_the_name_organization_title_and_both_phones()
    {
        var card = VCardWriter.Write(Contact);

        Assert.StartsWith("BEGIN:VCARD\r\nVERSION:3.0\r\n", card, StringComparison.Ordinal);
        Assert.EndsWith("END:VCARD\r\n", card, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", card.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var lines = card.Split("\r\n");
        Assert.Contains("N:王;建华;;;", lines);
        Assert.Contains("FN:王建华", lines);
        Assert.Contains("ORG:亳州市人民政府", lines);
        Assert.Contains("TITLE:市委常委、常务副市长", lines);
        Assert.Contains("TEL;TYPE=CELL:+8613800000003", lines);
        Assert.Contains("TEL;TYPE=WORK:+865585000003", lines);
    }

    [Fact]
    public void Text_values_escape_backslash_comma_semicolon_and_newlines()
    {
        Assert.Equal(@"a\\b\,c\;d\ne\nf", VCardWriter.Escape("a\\b,c;d\r\ne\nf"));
        var card = VCardWriter.Write(Contact with { Title = "Director, Transport; Roads" });
        Assert.Contains(@"TITLE:Director\, Transport\; Roads", card, StringComparison.Ordinal);
    }

    [Fact]
    public void Long_lines_fold_at_75_octets_without_splitting_a_Chinese_character()
    {
        var note = string.Concat(Enumerable.Repeat("负责城市公交线路和站点设置，", 10));
        var card = VCardWriter.Write(Contact with { Note = note });

        var physical = card.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.All(physical, l => Assert.InRange(Encoding.UTF8.GetByteCount(l), 1, 75));
        var unfolded = card.Replace("\r\n ", "", StringComparison.Ordinal);
        Assert.Contains("NOTE:" + note, unfolded, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("王建华", "王", "建华")]
    [InlineData("欧阳晓峰", "欧阳", "晓峰")]
    [InlineData("江涛", "江", "涛")]
    [InlineData("John Smith", "John Smith", "")]
    public void Chinese_names_split_into_family_and_given_names_compound_family_names_included(string name, string family, string given)
    {
        Assert.Equal((family, given), ChineseName.Split(name));
    }
}
