using System.Text;

namespace Bozhou.Hotline.IntegrationTests.Admin;

/// <summary>
/// The administration's ways into the directory (the cadre form, the CSV upload, the create-user command) store
/// text the one way the appeal form does: no direction overrides or control characters, names on one line.
/// </summary>
public class HonestTextAdminTests
{
    [Fact]
    public async Task A_cadre_entered_in_the_admin_form_is_stored_and_audited_on_one_line_without_control_characters()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        var departmentId = await data.QueryAsync(db => db.Departments.Where(d => d.NameZh == "市交通运输局").Select(d => d.Id).SingleAsync());
        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);
        var form = (await admin.GetPageAsync("/admin/cadres/edit")).QuerySelector<IHtmlFormElement>("#cadre-form")!;

        using var response = await admin.SubmitAsync(form, Html.Fields(
            ("Input.DepartmentId", departmentId.ToString(CultureInfo.InvariantCulture)), ("Input.Name", "孙\n丽\u202E"),
            ("Input.NamePinyin", "Sun\tLi"), ("Input.Position", "副局长\u0007\r\n（兼）"), ("Input.Duties", "分管公路建设\r\n\u001b[1m道路运输\u2067"),
            ("Input.Mobile", "１３９－０５５８－１２３４"), ("Input.ProtocolOrder", "2")),
            "/admin/cadres/edit");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cadre = await data.QueryAsync(db => db.Cadres.AsNoTracking().SingleAsync(c => c.Name == "孙 丽"));
        Assert.Equal(("Sun Li", "副局长 （兼）", "分管公路建设\n[1m道路运输", "+8613905581234"), (cadre.NamePinyin, cadre.Position, cadre.Duties, cadre.Mobile));
        var audit = await data.QueryAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == AuditAction.AdminChange));
        Assert.Contains("\"Name\":\"孙 丽\"", audit.After, StringComparison.Ordinal);
        Assert.Contains("\"Position\":\"副局长 （兼）\"", audit.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cadre_name_of_control_characters_alone_is_refused_as_missing()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);
        var url = $"/admin/cadres/edit/{world.ZhangId}";
        var form = (await admin.GetPageAsync(url)).QuerySelector<IHtmlFormElement>("#cadre-form")!;

        using var response = await admin.SubmitAsync(form, Html.Fields(("Input.Name", "\u0001\u202E\r\n\u2066")), url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("请填写姓名", (await Html.ParseAsync(response)).QuerySelector("[data-valmsg-for='Input.Name']")!.TextContent.Trim());
        Assert.Equal("张伟", (await data.QueryAsync(db => db.Cadres.AsNoTracking().SingleAsync(c => c.Id == world.ZhangId))).Name);
    }

    [Fact]
    public async Task An_uploaded_CSV_row_is_cleaned_as_the_form_cleans_it_NUL_included()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        using var admin = await data.SignInAsync(WorkspaceWorld.AdminEmail);
        var file = DirectoryImportTests.ValidFile.Replace(
            "市直,市交通运输局,孙丽,副局长,",
            "市直,市交通运输局,\"孙\u0000\n丽\u202E\",\"副局长\u0007\r\n（兼）\",",
            StringComparison.Ordinal).Replace("联系市公路事业发展中心", "\u001b[31m联系市公路事业发展中心\u2069", StringComparison.Ordinal);
        var page = await admin.GetPageAsync("/admin/import");

        using var preview = await admin.SubmitMultipartAsync(
            page.QuerySelector<IHtmlFormElement>("#import-upload")!, files: [("Upload", "cadres.csv", Encoding.UTF8.GetBytes(file))]);

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var previewPage = await Html.ParseAsync(preview);
        Assert.Equal(["新增：市交通运输局 孙 丽 副局长 （兼）"], previewPage.QuerySelectorAll("#import-plan li.added").Select(li => li.TextContent.Trim()));
        using var applied = await admin.SubmitAsync(previewPage.QuerySelector<IHtmlFormElement>("#import-apply")!);

        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        var sun = await data.QueryAsync(db => db.Cadres.AsNoTracking().SingleAsync(c => c.Name == "孙 丽"));
        Assert.Equal(("副局长 （兼）", "分管公路建设、道路运输，\n[31m联系市公路事业发展中心"), (sun.Position, sun.Duties));
    }

    [Fact]
    public async Task The_create_user_command_stores_the_display_name_on_one_line()
    {
        using var factory = new HotlineFactory();

        var (exitCode, output, errors) = await CreateUserCommandTests.RunAppAsync(
            factory.SqlitePath, "create-user", "--email", "clerk@bozhou.gov.cn", "--role", "Staff", "--name", "赵\n工作\u202E\u0007");

        Assert.True(exitCode == 0, $"create-user exited {exitCode}: {output} {errors}");
        var data = new WorkspaceTestData(factory);
        Assert.Equal("赵 工作", (await data.QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == "clerk@bozhou.gov.cn"))).DisplayName);
    }
}
