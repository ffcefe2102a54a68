using Bozhou.Hotline.Core.Demo;

namespace Bozhou.Hotline.BrowserTests;

/// <summary>The administrator's directory changes in Chromium: the import's preview and its separate ending step, and the change-of-post form's script.</summary>
public class AdminDirectoryJourneyTests
{
    private const string Password = "Test-Password-2026";

    private static HotlineFactory DemoSite() => new HotlineFactory().With("Seed:Demo", "true").With("Seed:DemoPassword", Password);

    private static async Task<IPage> SignInAsync(BrowserSession session, bool phone = false)
    {
        var page = await session.NewPageAsync(phone);
        await page.GotoAsync("/account/login");
        await page.FillAsync("#Input_Email", DemoAccountsSeed.AdminEmail);
        await page.FillAsync("#Input_Password", Password);
        await Task.WhenAll(page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal)), page.ClickAsync("#login-form button[type=submit]"));
        return page;
    }

    [Fact]
    public async Task A_one_row_paste_previews_its_scope_and_ends_only_the_ticked_posts_after_their_count_is_typed()
    {
        await using var session = await BrowserSession.StartAsync(DemoSite());
        var page = await SignInAsync(session);

        await page.GotoAsync("/admin/import");
        await page.FillAsync("textarea[name=Pasted]", "jurisdiction,department,name,position,duties,mobile,office_phone,order\nqiaocheng,中共谯城区委,蒋国强,区委书记,主持区委全面工作。,13800000022,,1\n");
        await Task.WhenAll(page.WaitForSelectorAsync("#import-scope"), page.ClickAsync("#import-upload button[type=submit]"));
        await BrowserSession.ScreenshotAsync(page, "admin-import-1-preview");

        Assert.Contains("谯城区", await page.TextContentAsync("#import-scope"), StringComparison.Ordinal);
        Assert.Equal(14, await page.Locator("#import-ending input[type=checkbox]").CountAsync());
        Assert.Equal(0, await page.Locator("#import-ending input:checked").CountAsync());
        foreach (var name in new[] { "傅长青", "苏婉清", "叶红梅", "吕志宏" })
        {
            await page.GetByLabel(name, new() { Exact = false }).CheckAsync();
        }

        await Task.WhenAll(page.WaitForLoadStateAsync(), page.ClickAsync("#import-apply button[type=submit]"));
        await page.WaitForSelectorAsync("#errors");
        await BrowserSession.ScreenshotAsync(page, "admin-import-2-count-needed");
        Assert.Contains("请输入免职人数 4 以确认", await page.TextContentAsync("#errors"), StringComparison.Ordinal);
        Assert.Equal(4, await page.Locator("#import-ending input:checked").CountAsync());

        await page.FillAsync("#end-count", "4");
        await Task.WhenAll(page.WaitForURLAsync("**/admin/import/history"), page.ClickAsync("#import-apply button[type=submit]"));
        await BrowserSession.ScreenshotAsync(page, "admin-import-3-history");

        Assert.Contains("结束 4", await page.TextContentAsync("#import-history tbody tr .counts"), StringComparison.Ordinal);
        await using var scope = session.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        Assert.Equal(11, await db.Cadres.CountAsync(c => c.PostEnd == null && c.Department.Jurisdiction.Code == "qiaocheng"));
    }

    [Fact]
    public async Task The_subordinates_box_follows_the_unit_chosen_until_the_administrator_sets_it_by_hand()
    {
        await using var session = await BrowserSession.StartAsync(DemoSite());
        var page = await SignInAsync(session);
        int cadreId;
        await using (var scope = session.Factory.Services.CreateAsyncScope())
        {
            cadreId = await scope.ServiceProvider.GetRequiredService<HotlineDbContext>().Cadres.Where(c => c.Name == "杜明亮").Select(c => c.Id).SingleAsync();
        }

        await page.GotoAsync($"/admin/cadres/edit/{cadreId}");
        var select = page.Locator("#change-post-form select[data-home-department]");
        var box = page.Locator("#change-post-form input[data-follow-default]");
        var home = await select.GetAttributeAsync("data-home-department");
        var other = await select.Locator($"option:not([value='{home}']):not([value=''])").First.GetAttributeAsync("value");

        Assert.True(await box.IsCheckedAsync());
        await select.SelectOptionAsync(other!);
        Assert.False(await box.IsCheckedAsync());
        await BrowserSession.ScreenshotAsync(page, "admin-change-post-other-unit");
        await select.SelectOptionAsync(home!);
        Assert.True(await box.IsCheckedAsync());

        await box.UncheckAsync();
        await select.SelectOptionAsync(other!);
        await select.SelectOptionAsync(home!);
        Assert.False(await box.IsCheckedAsync());
    }
}
