namespace Bozhou.Hotline.IntegrationTests.Workspace;

public class TransferTests
{
    [Fact]
    public async Task A_transfer_moves_the_appeal_to_the_receiver_who_must_accept_it_by_the_end_of_the_next_working_day()
    {
        using var factory = new HotlineFactory().WithoutHostedService<SmsOutboxService>();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var id = await data.AddAppealAsync(world.LiId);
        using var staff = await data.SignInAsync(WorkspaceWorld.StaffEmail);
        using var zhang = await data.SignInAsync(WorkspaceWorld.ZhangEmail);

        using var response = await TransferAsync(staff, id, world.ZhangId, "属交通部门职责，请张局长牵头办理。");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/workspace", response.Headers.Location!.OriginalString);
        var appeal = await data.AppealAsync(id);
        Assert.Equal(world.ZhangId, appeal.HandlerCadreId);
        Assert.Equal(world.LiId, appeal.CadreId);
        Assert.Equal(AppealStatus.Transferred, appeal.Status);
        Assert.Equal(1, appeal.TransferCount);
        // Monday 2 March 10:00 → the end of Tuesday 3 March, China time.
        Assert.Equal(ChinaTime.StartOf(new DateOnly(2026, 3, 4)), appeal.TransferAcceptDueAt);
        var transfer = Assert.Single(appeal.Events, e => e.Kind == AppealEventKind.Transfer);
        Assert.Equal((world.LiId, world.ZhangId), (transfer.FromCadreId!.Value, transfer.ToCadreId!.Value));
        Assert.Equal("属交通部门职责，请张局长牵头办理。", transfer.Text);

        Assert.DoesNotContain(id, WorkspacePages.InboxIds(await staff.GetPageAsync("/workspace")));
        var inbox = await zhang.GetPageAsync("/workspace");
        Assert.Equal([id], WorkspacePages.InboxIds(inbox));
        Assert.Contains("TransferIn", WorkspacePages.Badges(inbox, id));
        var page = await WorkspacePages.AppealAsync(zhang, id);
        Assert.Equal("李明（副市长） → 张伟（局长）", page.QuerySelector(".transfer-route")!.TextContent.Trim());

        using var accepted = await WorkspacePages.PostAsync(zhang, id, "accept-form");

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        appeal = await data.AppealAsync(id);
        Assert.Null(appeal.TransferAcceptDueAt);
        Assert.Equal(AppealStatus.Logged, appeal.Status);
        Assert.Equal("张伟（局长）", appeal.Events.Single(e => e.Kind == AppealEventKind.TransferAccepted).Actor);
        Assert.DoesNotContain("TransferIn", WorkspacePages.Badges(await zhang.GetPageAsync("/workspace"), id));
    }

    [Fact]
    public async Task A_transfer_not_accepted_in_time_is_overdue_in_the_receivers_inbox()
    {
        using var start = await AnsweredAppealOfLiAsync();
        var (factory, data, world, id, li) = start;
        using var _ = await TransferAsync(li, id, world.ZhangId, "请办理");

        factory.Clock.SetUtcNow(ChinaTime.At(new DateOnly(2026, 3, 3), new TimeOnly(23, 59)));
        using var zhang = await data.SignInAsync(WorkspaceWorld.ZhangEmail);
        Assert.DoesNotContain("Overdue", WorkspacePages.Badges(await zhang.GetPageAsync("/workspace"), id));

        factory.Clock.SetUtcNow(ChinaTime.At(new DateOnly(2026, 3, 4), new TimeOnly(0, 1)));
        Assert.Equal(["Overdue", "TransferIn"], WorkspacePages.Badges(await zhang.GetPageAsync("/workspace"), id).Order());
    }

    [Fact]
    public async Task An_appeal_passes_through_at_most_two_levels()
    {
        using var start = await AnsweredAppealOfLiAsync();
        var (_, data, world, id, li) = start;
        using var zhang = await data.SignInAsync(WorkspaceWorld.ZhangEmail);
        using var zhao = await data.SignInAsync(WorkspaceWorld.ZhaoEmail);
        using (await TransferAsync(li, id, world.ZhangId, "第一级")) { }
        using (await WorkspacePages.PostAsync(zhang, id, "accept-form")) { }
        using (await TransferAsync(zhang, id, world.ZhaoId, "第二级")) { }
        using (await WorkspacePages.PostAsync(zhao, id, "accept-form")) { }
        var before = await data.AppealAsync(id);
        Assert.Equal(2, before.TransferCount);

        using var third = await TransferAsync(zhao, id, world.WangId, "第三级");

        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Equal("此诉求转办次数已达上限，不能再转办，请直接办理。", (await Html.ParseAsync(third)).QuerySelector("#action-error")!.TextContent.Trim());
        var after = await data.AppealAsync(id);
        Assert.Equal(world.ZhaoId, after.HandlerCadreId);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Events.Count, after.Events.Count);
    }

    [Fact]
    public async Task A_transfer_waiting_to_be_accepted_cannot_be_passed_on_again()
    {
        using var start = await AnsweredAppealOfLiAsync();
        var (_, data, world, id, li) = start;
        using var zhang = await data.SignInAsync(WorkspaceWorld.ZhangEmail);
        using (await TransferAsync(li, id, world.ZhangId, "请办理")) { }

        using var again = await TransferAsync(zhang, id, world.ZhaoId, "再转");

        Assert.Contains("等待接收人签收", (await Html.ParseAsync(again)).QuerySelector("#action-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(world.ZhangId, (await data.AppealAsync(id)).HandlerCadreId);
    }

    [Fact]
    public async Task The_receiver_list_holds_current_cadres_only_and_a_forged_former_or_self_receiver_is_refused()
    {
        using var start = await AnsweredAppealOfLiAsync();
        var (_, data, world, id, li) = start;

        var page = await WorkspacePages.AppealAsync(li, id);
        var options = page.QuerySelectorAll("#Transfer_ToCadreId option").Select(o => o.GetAttribute("value")).Where(v => v!.Length > 0).ToList();
        Assert.Equal([Id(world.WangId), Id(world.ZhangId), Id(world.ZhaoId)], options);

        using var former = await TransferAsync(li, id, world.FormerId, "请办理");
        Assert.Contains("已不在岗", (await Html.ParseAsync(former)).QuerySelector("#action-error")!.TextContent, StringComparison.Ordinal);
        using var self = await TransferAsync(li, id, world.LiId, "请办理");
        Assert.Equal("不能转给当前承办人自己。", (await Html.ParseAsync(self)).QuerySelector("#action-error")!.TextContent.Trim());
        using var noReason = await TransferAsync(li, id, world.ZhangId, " ");
        Assert.Equal("请填写转办理由", (await Html.ParseAsync(noReason)).QuerySelector("[data-valmsg-for='Transfer.Reason']")!.TextContent.Trim());
        Assert.Equal(world.LiId, (await data.AppealAsync(id)).HandlerCadreId);
    }

    [Fact]
    public async Task After_passing_an_appeal_on_the_sender_may_read_it_without_the_number_but_not_act()
    {
        using var start = await AnsweredAppealOfLiAsync();
        var (_, data, world, id, li) = start;
        var stale = await WorkspacePages.AppealAsync(li, id);
        using (await TransferAsync(li, id, world.ZhangId, "请办理")) { }
        var before = await data.AppealAsync(id);

        var page = await WorkspacePages.AppealAsync(li, id);
        Assert.NotNull(page.QuerySelector("#read-only"));
        Assert.Null(page.QuerySelector("#caller-phone"));
        Assert.Equal(WorkspaceTestData.CallerPhoneMasked, page.QuerySelector("#caller-masked")!.TextContent.Trim());
        Assert.Null(page.QuerySelector("#note-form"));

        // A form kept from before the transfer, with the current version: still not theirs to act on.
        var form = stale.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("#note-form")!;
        using var forged = await li.SubmitAsync(form, Html.Fields(("Note.Text", "补充"), ("version", Id(before.Version))));

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        var after = await data.AppealAsync(id);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Events.Count, after.Events.Count);
    }

    /// <summary>李明's answered appeal on a fresh factory, with 李明 signed in.</summary>
    private static async Task<Start> AnsweredAppealOfLiAsync()
    {
        var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var id = await data.AddAppealAsync(world.LiId, CallOutcome.Answered);
        return new Start(factory, data, world, id, await data.SignInAsync(WorkspaceWorld.LiEmail));
    }

    /// <summary>Posts the appeal page's transfer form as <paramref name="client"/>.</summary>
    private static Task<HttpResponseMessage> TransferAsync(HttpClient client, long id, int toCadreId, string reason) =>
        WorkspacePages.PostAsync(client, id, "transfer-form", ("Transfer.ToCadreId", Id(toCadreId)), ("Transfer.Reason", reason));

    private sealed record Start(HotlineFactory Factory, WorkspaceTestData Data, WorkspaceWorld World, long Id, HttpClient Li) : IDisposable
    {
        public void Dispose()
        {
            Li.Dispose();
            Factory.Dispose();
        }
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
