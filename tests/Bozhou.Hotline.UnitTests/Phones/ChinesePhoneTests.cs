using Bozhou.Hotline.Core.Phones;

namespace Bozhou.Hotline.UnitTests.Phones;

public class ChinesePhoneTests
{
    [Theory]
    [InlineData("13905581234")]
    [InlineData("139 0558 1234")]
    [InlineData("139-0558-1234")]
    [InlineData("+86 139 0558 1234")]
    [InlineData("１３９０５５８１２３４")]
    [InlineData("139－0558－1234")]
    [InlineData("１３９－０５５８－１２３４")]
    [InlineData("139\u30000558\u30001234")]
    [InlineData("＋８６ １３９ ０５５８ １２３４")]
    [InlineData("(+86) 139.0558.1234")]
    [InlineData("139﹣0558﹣1234")]
    public void A_mobile_number_typed_with_ASCII_or_full_width_digits_hyphens_and_spaces_is_the_same_number(string typed)
    {
        Assert.True(ChinesePhone.TryNormalize(typed, out var e164), typed);
        Assert.Equal("+8613905581234", e164);
    }

    [Theory]
    [InlineData("0558-5123456")]
    [InlineData("０５５８－５１２３４５６")]
    [InlineData("（０５５８）５１２３４５６")]
    public void A_fixed_line_typed_with_full_width_forms_is_the_same_number(string typed)
    {
        Assert.True(ChinesePhone.TryNormalize(typed, out var e164), typed);
        Assert.Equal("+865585123456", e164);
    }

    [Theory]
    [InlineData("１２３４５")]
    [InlineData("+1 202 555 0123")]
    [InlineData("")]
    public void Full_width_forms_do_not_make_a_bad_number_good(string typed) =>
        Assert.False(ChinesePhone.TryNormalize(typed, out _));

    [Fact]
    public void The_longest_input_read_is_the_limit_a_form_must_allow()
    {
        var padded = "+86 139 0558 1234".PadRight(ChinesePhone.MaxInputLength);

        Assert.True(ChinesePhone.TryNormalize(padded, out _));
        Assert.False(ChinesePhone.TryNormalize(padded + " ", out _));
    }

    [Theory]
    [InlineData("请回电13805581234，谢谢。", "请回电138****1234，谢谢。")]
    [InlineData("联系电话：138 0558 1234", "联系电话：138****1234")]
    [InlineData("座机0558-5123456找王师傅", "座机055****3456找王师傅")]
    [InlineData("+86 139 0558 1234", "139****1234")]
    [InlineData("身份证号34160219800101123X", "身份证号**************123X")]
    public void A_number_typed_into_a_description_is_masked_as_the_phone_column_is(string typed, string shown) =>
        Assert.Equal(shown, ChinesePhone.MaskNumbersIn(typed));

    [Theory]
    [InlineData("2026年3月2日小区停水，12路公交、12345热线都打过，3天了。")]
    [InlineData("门牌号88号，温度只有16度。")]
    [InlineData("")]
    public void Dates_short_numbers_and_the_12345_hotline_are_left_as_written(string text) =>
        Assert.Equal(text, ChinesePhone.MaskNumbersIn(text));
}
