using Bozhou.Hotline.Core.Text;

namespace Bozhou.Hotline.UnitTests.Text;

public class TypedTextTests
{
    [Theory]
    [InlineData("ｗａｎｇ", "wang")]
    [InlineData("ＷＡＮＧ　Ｊｉａｎｈｕａ", "WANG Jianhua")]
    [InlineData("１３９－０５５８－１２３４", "139-0558-1234")]
    [InlineData("＋８６（０５５８）", "+86(0558)")]
    [InlineData("副市长（兼）", "副市长(兼)")]
    public void Full_width_forms_fold_to_their_ordinary_forms(string typed, string folded) =>
        Assert.Equal(folded, TypedText.Fold(typed));

    [Fact]
    public void Text_already_folded_comes_back_as_the_same_instance()
    {
        const string chinese = "市交通运输局局长 王建华";
        const string ascii = "wang jianhua";

        Assert.Same(chinese, TypedText.Fold(chinese));
        Assert.Same(ascii, TypedText.Fold(ascii));
        Assert.Null(TypedText.Fold(null));
    }
}
