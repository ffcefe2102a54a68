namespace Bozhou.Hotline.IntegrationTests.Admin;

/// <summary>The government site's footer lines (主办单位, ICP 备案号, 公安机关备案号, 政府网站标识码), set on /admin/settings.</summary>
public class SiteFooterTests
{
    private const string Url = "/admin/settings";

    private static async Task<HttpResponseMessage> SaveAsync(HttpClient admin, params (string Name, string Value)[] fields)
    {
        var form = (await admin.GetPageAsync(Url)).QuerySelector<IHtmlFormElement>("#settings-form")!;
        return await admin.SubmitAsync(form, Html.Fields(fields), Url);
    }

    [Fact]
    public async Task Each_line_shows_only_when_filled_in_the_ICP_number_links_to_the_MIIT_site_and_each_save_is_audited()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        using var citizen = factory.CreateClient();
        using var english = factory.CreateClient();
        using (await english.GetAsync(new Uri("/culture/en", UriKind.Relative), TestContext.Current.CancellationToken))
        {
        }

        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);
        // The home page is output-cached: a save must show at once all the same.
        var before = await citizen.GetPageAsync("/");

        using var first = await SaveAsync(admin,
            ("Input.FooterSponsor", "亳州市人民政府办公室"), ("Input.FooterSponsorEn", "General Office of Bozhou Municipal People's Government"),
            ("Input.FooterIcpFiling", "皖ICP备05001234号"));
        var home = await citizen.GetPageAsync("/");
        var form = await citizen.GetPageAsync("/appeals/new");
        var englishHome = await english.GetPageAsync("/");
        using var second = await SaveAsync(admin,
            ("Input.FooterSponsor", ""), ("Input.FooterSponsorEn", ""), ("Input.FooterIcpFiling", ""),
            ("Input.FooterPublicSecurityFiling", "皖公网安备 34160202000123号"), ("Input.FooterGovernmentSiteId", "3416000001"));
        var later = await citizen.GetPageAsync("/directory");

        Assert.Null(before.QuerySelector("#site-footer-lines"));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        foreach (var page in new[] { home, form })
        {
            Assert.Equal("主办单位：亳州市人民政府办公室", page.QuerySelector("#footer-sponsor")!.TextContent.Trim());
            var icp = page.QuerySelector("#footer-icp a")!;
            Assert.Equal("https://beian.miit.gov.cn/", icp.GetAttribute("href"));
            Assert.Equal("皖ICP备05001234号", icp.TextContent);
            Assert.Null(page.QuerySelector("#footer-public-security"));
            Assert.Null(page.QuerySelector("#footer-site-id"));
        }

        Assert.Equal("Sponsor: General Office of Bozhou Municipal People's Government", englishHome.QuerySelector("#footer-sponsor")!.TextContent.Trim());
        Assert.StartsWith("ICP filing no.:", englishHome.QuerySelector("#footer-icp")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Null(later.QuerySelector("#footer-sponsor"));
        Assert.Null(later.QuerySelector("#footer-icp"));
        Assert.Equal("公安机关备案号：皖公网安备 34160202000123号", later.QuerySelector("#footer-public-security")!.TextContent.Trim());
        Assert.Equal("政府网站标识码：3416000001", later.QuerySelector("#footer-site-id")!.TextContent.Trim());

        var audit = await data.QueryAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Subject == "Settings").OrderBy(e => e.Id).ToListAsync());
        Assert.Equal(2, audit.Count);
        Assert.Contains("\"Footer:IcpFiling\":\"皖ICP备05001234号\"", audit[0].After, StringComparison.Ordinal);
        Assert.Contains("\"Footer:IcpFiling\":null", audit[1].After, StringComparison.Ordinal);
        Assert.Contains("\"Footer:GovernmentSiteId\":\"3416000001\"", audit[1].After, StringComparison.Ordinal);
        var trail = await admin.GetPageAsync("/admin/audit?subject=Settings");
        Assert.Contains("政府网站标识码", trail.QuerySelector("#audit-entries")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_English_pages_a_footer_line_is_marked_Chinese_only_when_it_holds_Chinese_text()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        using var english = factory.CreateClient();
        using (await english.GetAsync(new Uri("/culture/en", UriKind.Relative), TestContext.Current.CancellationToken))
        {
        }

        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);
        using (await SaveAsync(admin,
            ("Input.FooterSponsor", "亳州市人民政府办公室"), ("Input.FooterSponsorEn", ""), ("Input.FooterIcpFiling", "ICP 05001234"),
            ("Input.FooterPublicSecurityFiling", "皖公网安备 34160202000123号"), ("Input.FooterGovernmentSiteId", "3416000001")))
        {
        }

        var page = await english.GetPageAsync("/");

        // No English name: the Chinese one is shown, marked as Chinese inside the English sentence.
        Assert.Equal("Sponsor: 亳州市人民政府办公室", page.QuerySelector("#footer-sponsor")!.TextContent.Trim());
        Assert.Equal("亳州市人民政府办公室", page.QuerySelector("#footer-sponsor span[lang='zh-CN']")!.TextContent);
        Assert.Null(page.QuerySelector("#footer-icp a")!.GetAttribute("lang"));
        Assert.Equal("皖公网安备 34160202000123号", page.QuerySelector("#footer-public-security span[lang='zh-CN']")!.TextContent);
        Assert.Null(page.QuerySelector("#footer-site-id [lang]"));
        Assert.EndsWith("3416000001", page.QuerySelector("#footer-site-id")!.TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_line_longer_than_100_characters_is_refused_with_its_label_and_nothing_is_saved()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);

        using var response = await SaveAsync(admin, ("Input.FooterSponsor", new string('亳', 101)));
        var page = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("主办单位", page.QuerySelector("[data-valmsg-for='Input.FooterSponsor']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await data.QueryAsync(db => db.SavedSettings.CountAsync()));
    }
}
