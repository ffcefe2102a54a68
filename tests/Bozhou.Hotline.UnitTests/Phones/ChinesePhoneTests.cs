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
}
