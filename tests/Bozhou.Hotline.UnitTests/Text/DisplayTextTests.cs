using Bozhou.Hotline.Core.Text;

namespace Bozhou.Hotline.UnitTests.Text;

public class DisplayTextTests
{
    [Theory]
    [InlineData("\u202Egnp.exe", "gnp.exe")]
    [InlineData("a\u202Ab\u202Bc\u202Cd\u202De\u202Ef", "abcdef")]
    [InlineData("a\u2066b\u2067c\u2068d\u2069e", "abcde")]
    public void Free_text_drops_every_bidirectional_override_and_isolate(string typed, string stored) =>
        Assert.Equal(stored, DisplayText.FreeText(typed));

    [Fact]
    public void Free_text_drops_the_C0_controls_and_DEL_but_keeps_tab_and_line_feed()
    {
        // CR aside: it is a line break, and the test below turns it into one.
        var everyControl = string.Concat(Enumerable.Range(0, 0x20).Where(c => c != '\r').Select(c => (char)c)) + "\u007F";

        Assert.Equal("\t\n", DisplayText.FreeText(everyControl));
        Assert.Equal("路灯[31m不亮", DisplayText.FreeText("路灯\0\u0007\u001b[31m不亮"));
        Assert.Equal("第一行\n\t第二行", DisplayText.FreeText("第一行\n\t第二行"));
    }

    [Theory]
    [InlineData("一\r\n二", "一\n二")]
    [InlineData("一\r二", "一\n二")]
    [InlineData("一\r\r\n二\r", "一\n\n二\n")]
    [InlineData("\r\n\r\n", "\n\n")]
    public void Free_text_makes_CR_LF_and_a_lone_CR_one_line_feed(string typed, string stored) =>
        Assert.Equal(stored, DisplayText.FreeText(typed));

    [Fact]
    public void Free_text_keeps_what_people_write_markup_emoji_other_scripts_and_joiners()
    {
        const string text = "<b>路灯</b> 💡👨‍👩‍👧 ΑΒΓ Ярослав العربية\u200F עברית（全角）\u3000";

        Assert.Same(text, DisplayText.FreeText(text));
        Assert.True(DisplayText.IsFreeText(text));
        Assert.False(DisplayText.IsFreeText("a\u202Eb"));
        Assert.Null(DisplayText.FreeText(null));
    }

    [Theory]
    [InlineData("张\n三", "张 三")]
    [InlineData("张\r\n三", "张 三")]
    [InlineData("张\r三", "张 三")]
    [InlineData("张\t三", "张 三")]
    [InlineData("  张 \n\n  三  ", "张 三")]
    [InlineData("张\u2028三\u2029四\u0085五", "张 三 四 五")]
    [InlineData("\u202E张三\u0000\n", "张三")]
    [InlineData("副市长（兼）", "副市长（兼）")]
    [InlineData("王\u3000伟", "王\u3000伟")]
    public void A_single_line_has_its_breaks_and_tabs_made_spaces_collapsed_and_trimmed(string typed, string stored) =>
        Assert.Equal(stored, DisplayText.SingleLine(typed));

    [Theory]
    [InlineData("\u0001\u0002")]
    [InlineData("\u202E\u202C")]
    [InlineData(" \n\r\t ")]
    public void A_single_line_of_controls_and_breaks_alone_is_empty(string typed) =>
        Assert.Equal("", DisplayText.SingleLine(typed));

    [Fact]
    public void Clean_text_comes_back_as_the_same_instance()
    {
        const string line = "市交通运输局 局长";

        Assert.Same(line, DisplayText.SingleLine(line));
        Assert.Null(DisplayText.SingleLine(null));
    }
}
