namespace Bozhou.Hotline.IntegrationTests.Workspace;

/// <summary>
/// A caller who asked for confidentiality (要求保密): the cadre's delegated staff see name and phone masked, and reveal
/// the phone alone, to call back, with a reason that goes into the audit trail; the cadre sees them as before.
/// </summary>
public class ConfidentialCallerTests
{
    [Fact]
    public async Task Staff_see_a_confidential_caller_masked_and_reveal_only_the_phone_with_a_reason_that_is_audited()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var id = await data.AddAppealAsync(world.LiId, confidential: true);
        using var staff = await data.SignInAsync(WorkspaceWorld.StaffEmail);

        var page = await WorkspacePages.AppealAsync(staff, id);
        Assert.Null(page.QuerySelector("#caller-phone"));
        Assert.Equal(WorkspaceTestData.CallerPhoneMasked, page.QuerySelector("#caller-masked")!.TextContent.Trim());
        Assert.DoesNotContain("王女士", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("保密", page.QuerySelector("#caller-name")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await RevealsAsync(data));

        var form = page.QuerySelector<IHtmlFormElement>("#reveal-form")!;
        Assert.Contains("为回电查看号码", form.TextContent, StringComparison.Ordinal);
        using var noReason = await staff.SubmitAsync(form, Html.Fields(("reason", "  ")));
        var refused = await Html.ParseAsync(noReason);
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Contains("请填写查看号码的原因", refused.QuerySelector("#reveal-form .form-error")!.TextContent, StringComparison.Ordinal);
        Assert.Null(refused.QuerySelector("#caller-phone"));
        Assert.Equal(0, await RevealsAsync(data));

        form = (await WorkspacePages.AppealAsync(staff, id)).QuerySelector<IHtmlFormElement>("#reveal-form")!;
        using var revealed = await staff.SubmitAsync(form, Html.Fields(("reason", "来电人要求回电告知处理进展")));
        var shown = await Html.ParseAsync(revealed);
        Assert.Equal(HttpStatusCode.OK, revealed.StatusCode);
        Assert.Equal("tel:" + WorkspaceTestData.CallerPhone, shown.QuerySelector("#caller-phone")!.GetAttribute("href"));
        Assert.DoesNotContain("王女士", shown.Body!.TextContent, StringComparison.Ordinal);
        var entry = await data.QueryAsync(db => db.AuditEntries.SingleAsync(e => e.Action == AuditAction.RevealPersonalData));
        Assert.Equal(($"Appeal:{id}", "张秘书"), (entry.Subject, entry.UserName));
        Assert.Contains("来电人要求回电告知处理进展", entry.Details, StringComparison.Ordinal);

        // Opened again, it is masked again: each reveal is one reason on record.
        Assert.Null((await WorkspacePages.AppealAsync(staff, id)).QuerySelector("#caller-phone"));
    }

    [Fact]
    public async Task The_cadre_sees_a_confidential_caller_in_full_and_staff_see_an_ordinary_caller_in_full()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var confidential = await data.AddAppealAsync(world.LiId, confidential: true);
        var ordinary = await data.AddAppealAsync(world.LiId, phone: "+8613900000001");
        using var cadre = await data.SignInAsync(WorkspaceWorld.LiEmail);
        using var staff = await data.SignInAsync(WorkspaceWorld.StaffEmail);

        var page = await WorkspacePages.AppealAsync(cadre, confidential);
        Assert.Equal("tel:" + WorkspaceTestData.CallerPhone, page.QuerySelector("#caller-phone")!.GetAttribute("href"));
        Assert.Equal("王女士", page.QuerySelector("#caller-name")!.TextContent.Trim());
        Assert.Null(page.QuerySelector("#reveal-form"));

        var own = await WorkspacePages.AppealAsync(staff, ordinary);
        Assert.Equal("tel:+8613900000001", own.QuerySelector("#caller-phone")!.GetAttribute("href"));
        Assert.Null(own.QuerySelector("#reveal-form"));
    }

    private static Task<int> RevealsAsync(WorkspaceTestData data) =>
        data.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditAction.RevealPersonalData));
}
