namespace Bozhou.Hotline.IntegrationTests.Account;

/// <summary>The password rules as a user meets them on the change-password form, in Chinese, saying why.</summary>
public class PasswordRuleTests
{
    [Fact]
    public async Task Each_guessable_password_is_refused_on_the_change_password_form_with_its_reason_in_chinese()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        using var client = await data.SignInAsync(WorkspaceWorld.ZhangEmail);
        (string Password, string Reason)[] cases =
        [
            ("password1234", "最常见的密码"),
            ("iloveyou2026!", "最常见的密码"),
            ("123456789012", "连续的字母、数字或键盘按键"),
            ("abcdefghijkl", "连续的字母、数字或键盘按键"),
            ("qwertyuiopas", "连续的字母、数字或键盘按键"),
            ("aaaaaaaaaaaa", "不同的字符太少"),
            ("abcdabcdabcd", "同一个字符或同一组字符重复"),
            (WorkspaceWorld.ZhangEmail, "不能包含您的账号"),
            ("my-zhang-account-26", "不能包含您的账号"),
            ("张伟同志的登录密码很长很长", "不能包含您的账号（邮箱@前的部分）或姓名"),
            ("short-pw", "至少需要12个字符"),
        ];

        foreach (var (password, reason) in cases)
        {
            var page = await client.GetPageAsync("/account/change-password");
            using var response = await client.SubmitAsync(page.QuerySelector<IHtmlFormElement>("#change-password-form")!, Html.Fields(
                ("Input.Current", WorkspaceTestData.Password), ("Input.New", password), ("Input.Confirm", password)), "/account/change-password");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var message = (await Html.ParseAsync(response)).QuerySelector("[data-valmsg-for='Input.New']")!.TextContent;
            Assert.True(message.Contains(reason, StringComparison.Ordinal), $"{password}: {message}");
        }

        // Unchanged: the first password still signs in.
        using var again = await data.SignInAsync(WorkspaceWorld.ZhangEmail);
        var accepted = await client.GetPageAsync("/account/change-password");
        using var changed = await client.SubmitAsync(accepted.QuerySelector<IHtmlFormElement>("#change-password-form")!, Html.Fields(
            ("Input.Current", WorkspaceTestData.Password), ("Input.New", "亳州北路梧桐树下的那张长椅"), ("Input.Confirm", "亳州北路梧桐树下的那张长椅")), "/account/change-password");
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
    }

    [Fact]
    public void The_shipped_list_holds_at_least_ten_thousand_common_passwords()
    {
        var list = new CommonPasswords().List;
        Assert.True(list.Count >= 10_000, $"{list.Count} passwords");
        Assert.Contains("password", list);
        Assert.Contains("123456", list);
    }
}
