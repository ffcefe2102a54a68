using Microsoft.AspNetCore.Identity;

namespace Bozhou.Hotline.IntegrationTests.Account;

/// <summary>A one-time password opens the change-password page and sign-out, and nothing else, until it is changed.</summary>
public class OneTimePasswordTests
{
    [Fact]
    public async Task Until_the_one_time_password_is_changed_every_page_redirects_to_change_it_and_every_other_post_is_refused()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var appealId = await data.AddAppealAsync(world.LiId);
        string oneTime;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<HotlineUser>>();
            oneTime = await scope.ServiceProvider.GetRequiredService<AccountAdmin>().ResetPasswordAsync((await users.FindByEmailAsync(WorkspaceWorld.LiEmail))!);
        }

        using var copy = await CookieCopy.SignInAsync(factory, WorkspaceWorld.LiEmail, oneTime);
        var token = (await copy.Client.GetPageAsync("/account/change-password")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        string[] pages = ["/workspace", $"/workspace/appeals/{appealId}", "/workspace/outbox", "/supervision", "/admin/accounts", "/admin/audit", "/", "/directory"];
        foreach (var url in pages)
        {
            using var get = await copy.Client.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.True(get.StatusCode == HttpStatusCode.Redirect, $"GET {url} answered {(int)get.StatusCode}");
            Assert.StartsWith("/account/change-password", get.Headers.Location!.OriginalString, StringComparison.Ordinal);
            Assert.DoesNotContain("0000", await get.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }

        var version = (await data.AppealAsync(appealId)).Version;
        using var note = await copy.Client.PostAsync(new Uri($"/workspace/appeals/{appealId}?handler=Note", UriKind.Relative), new FormUrlEncodedContent(Html.Fields(
            ("__RequestVerificationToken", token), ("Note.Text", "未改密码时写的备注"), ("version", version.ToString(System.Globalization.CultureInfo.InvariantCulture)))),
            TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, note.StatusCode);
        Assert.Equal(version, (await data.AppealAsync(appealId)).Version);

        // Changing it opens the workspace, with the caller's phone for the cadre who must call back.
        var form = (await copy.Client.GetPageAsync("/account/change-password")).QuerySelector<IHtmlFormElement>("#change-password-form")!;
        Assert.NotNull((await copy.Client.GetPageAsync("/account/change-password")).QuerySelector(".alert-warning"));
        using var changed = await copy.Client.SubmitAsync(form, Html.Fields(
            ("Input.Current", oneTime), ("Input.New", "涡河岸边的晚风吹过亳州老街"), ("Input.Confirm", "涡河岸边的晚风吹过亳州老街")), "/account/change-password");
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        using var opened = await copy.Client.GetAsync(new Uri($"/workspace/appeals/{appealId}", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.True(opened.StatusCode == HttpStatusCode.OK, $"{(int)opened.StatusCode} {opened.Headers.Location} after {changed.Headers.Location}");
        var appeal = await Html.ParseAsync(opened);
        Assert.Equal("tel:" + WorkspaceTestData.CallerPhone, appeal.QuerySelector("#caller-phone")!.GetAttribute("href"));
    }
}
