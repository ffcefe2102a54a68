namespace Bozhou.Hotline.UnitTests.Accounts;

public class PasswordRulesTests
{
    private static readonly HashSet<string> Common = ["password", "iloveyou", "dragon", "123456"];

    [Theory]
    [InlineData("password1234")]
    [InlineData("Password1234!")]
    [InlineData("2026iloveyou")]
    [InlineData("DRAGON!!!!!!")]
    public void A_common_password_with_digits_or_symbols_around_it_is_common(string password) =>
        Assert.Equal(PasswordProblem.Common, PasswordRules.Check(password, "li@bozhou.gov.cn", "李明", Common));

    [Theory]
    [InlineData("123456789012")]
    [InlineData("210987654321")]
    [InlineData("abcdefghijkl")]
    [InlineData("qwertyuiopas")]
    [InlineData("asdfghjklzxc")]
    [InlineData("1qaz2wsx3edc")]
    public void Runs_of_the_alphabet_the_digits_and_the_keyboard_are_sequences(string password) =>
        Assert.Equal(PasswordProblem.Sequence, PasswordRules.Check(password, null, null, Common));

    [Theory]
    [InlineData("aaaaaaaaaaaa")]
    [InlineData("abcabcabcabc")]
    [InlineData("1212121212121212")]
    public void One_character_or_a_short_group_repeated_is_refused(string password) =>
        Assert.Equal(PasswordProblem.Repeated, PasswordRules.Check(password, null, null, Common));

    [Theory]
    [InlineData("wangqiang@bozhou.gov.cn")]
    [InlineData("my-WangQiang-2026")]
    [InlineData("王强同志的长密码很安全")]
    public void The_e_mail_its_local_part_or_the_persons_name_is_refused(string password) =>
        Assert.Equal(PasswordProblem.ContainsAccount, PasswordRules.Check(password, "wangqiang@bozhou.gov.cn", "王强（副市长）", Common));

    [Theory]
    [InlineData("Correct-Horse-Battery-2026")]
    [InlineData("亳州北路梧桐树下的长椅")]
    [InlineData("bozhou-demo-2026")]
    public void A_long_phrase_of_ones_own_passes(string password) =>
        Assert.Null(PasswordRules.Check(password, "li@bozhou.gov.cn", "李明（副市长）", Common));

    [Fact]
    public void A_short_local_part_does_not_refuse_every_password_holding_its_letters() =>
        Assert.Null(PasswordRules.Check("reliable-garden-path", "li@bozhou.gov.cn", null, Common));
}
