namespace Bozhou.Hotline.IntegrationTests.Admin;

/// <summary>The mobile an account is texted at: a Chinese mobile checked as every phone of the app, stored in E.164, audited.</summary>
public class AccountMobileTests
{
    [Fact]
    public async Task An_account_mobile_is_checked_stored_in_E164_audited_and_a_landline_or_nonsense_is_refused()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        var staffId = await data.QueryAsync(db => db.Users.Where(u => u.Email == WorkspaceWorld.StaffEmail).Select(u => u.Id).SingleAsync());
        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);
        var url = $"/admin/accounts/{staffId}";

        foreach (var refused in new[] { "0558 5123456", "12345" })
        {
            var form = (await admin.GetPageAsync(url)).QuerySelector<IHtmlFormElement>("#account-mobile")!;
            using var answer = await admin.SubmitAsync(form, Html.Fields(("Mobile", refused)));
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Equal("请填写正确的中国大陆手机号码，如 138 0558 1234", (await Html.ParseAsync(answer)).QuerySelector("#mobile-error")!.TextContent.Trim());
        }

        var valid = (await admin.GetPageAsync(url)).QuerySelector<IHtmlFormElement>("#account-mobile")!;
        using var saved = await admin.SubmitAsync(valid, Html.Fields(("Mobile", "137 0000 0001")));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("+8613700000001", await data.QueryAsync(db => db.Users.Where(u => u.Id == staffId).Select(u => u.PhoneNumber).SingleAsync()));
        var audit = await data.QueryAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Details == "mobile set").ToListAsync());
        Assert.Contains("+8613700000001", Assert.Single(audit).After, StringComparison.Ordinal);
    }
}
