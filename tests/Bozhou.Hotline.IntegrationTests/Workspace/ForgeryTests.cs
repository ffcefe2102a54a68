namespace Bozhou.Hotline.IntegrationTests.Workspace;

/// <summary>
/// A signed-in user posts, with a valid antiforgery token from their own page, an action on an appeal that
/// is not theirs: the answer is 404 (the appeal's existence is not confirmed) and nothing changes.
/// </summary>
public class ForgeryTests
{
    public static TheoryData<string, string, string, string> Actions => new()
    {
        { "callback-form", "Callback", "Callback.Reached", "true" },
        { "sms-form", "Sms", "Sms.Template", "InMeeting" },
        { "reply-form", "Reply", "Reply.Kind", "Resolved" },
        { "note-form", "Note", "Note.Text", "伪造的备注" },
        { "transfer-form", "Transfer", "Transfer.Reason", "伪造的转办" },
        { "accept-form", "Accept", "ignored", "" },
    };

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task Another_cadres_appeal_cannot_be_acted_on_whatever_the_form_says(string formId, string handler, string field, string value)
    {
        using var factory = new HotlineFactory().WithoutHostedService<SmsOutboxService>();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var target = await data.AddAppealAsync(world.LiId, then: (a, clock) =>
            a.Transfer(world.WangId, "请王副市长办理", "李明", null, clock, factory.Clock.GetUtcNow()));
        // Zhang's own appeal, transferred in so that every form (accept included) is on his page.
        var own = await data.AddAppealAsync(world.WangId, then: (a, clock) =>
            a.Transfer(world.ZhangId, "请张局长办理", "王强", null, clock, factory.Clock.GetUtcNow()));
        var before = await data.AppealAsync(target);
        using var zhang = await data.SignInAsync(WorkspaceWorld.ZhangEmail);

        using var response = await PostForgedAsync(zhang, own, target, formId, handler, before.Version,
            (field, value), ("Reply.Text", "伪造的答复"), ("Transfer.ToCadreId", world.ZhangId.ToString(CultureInfo.InvariantCulture)));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await AssertUnchangedAsync(data, before);
    }

    [Fact]
    public async Task Staff_cannot_act_for_a_cadre_not_delegated_to_them_nor_can_a_supervisor_act_at_all()
    {
        using var factory = new HotlineFactory().WithoutHostedService<SmsOutboxService>();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var wangs = await data.AddAppealAsync(world.WangId);
        var lis = await data.AddAppealAsync(world.LiId);
        var before = await data.AppealAsync(wangs);
        using var staff = await data.SignInAsync(WorkspaceWorld.StaffEmail);

        using var forged = await PostForgedAsync(staff, lis, wangs, "note-form", "Note", before.Version, ("Note.Text", "不该出现"));

        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        await AssertUnchangedAsync(data, before);

        using var supervisor = await data.SignInAsync(WorkspaceWorld.SupervisorEmail);
        using var page = await supervisor.GetAsync(new Uri($"/workspace/appeals/{wangs}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
    }

    [Fact]
    public async Task Availability_cannot_be_set_or_cleared_for_a_cadre_one_does_not_act_for()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        await data.QueryAsync(db => db.Cadres.Where(c => c.Id == world.LiId).ExecuteUpdateAsync(s => s.SetProperty(c => c.AvailabilityKind, AvailabilityKind.InMeeting)));
        using var zhang = await data.SignInAsync(WorkspaceWorld.ZhangEmail);
        var page = await zhang.GetPageAsync("/workspace");
        var set = page.QuerySelector<IHtmlFormElement>("form[action='/workspace/availability']")!;
        var li = world.LiId.ToString(CultureInfo.InvariantCulture);

        using var forgedSet = await zhang.SubmitAsync(set, Html.Fields(("Input.CadreId", li), ("Input.Kind", "Other"), ("Input.Note", "伪造"), ("Input.Until", "16:30")));
        set.SetAttribute("action", "/workspace/availability?handler=clear");
        using var forgedClear = await zhang.SubmitAsync(set, Html.Fields(("CadreId", li)));

        Assert.Equal(HttpStatusCode.NotFound, forgedSet.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, forgedClear.StatusCode);
        Assert.Equal(AvailabilityKind.InMeeting, await data.QueryAsync(db => db.Cadres.Where(c => c.Id == world.LiId).Select(c => c.AvailabilityKind).SingleAsync()));
    }

    [Fact]
    public async Task A_failed_SMS_of_another_cadre_cannot_be_sent_again()
    {
        using var factory = new HotlineFactory().WithoutHostedService<SmsOutboxService>();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var wangs = await data.AddAppealAsync(world.WangId);
        var messageId = await data.QueryAsync(async db =>
        {
            var message = Core.Sms.SmsDelivery.Queue(wangs, "cipher", "138****0000", "在开会，会后回电", factory.Clock.GetUtcNow());
            message.Status = Core.Sms.SmsStatus.Failed;
            db.SmsMessages.Add(message);
            await db.SaveChangesAsync();
            return message.Id;
        });
        using var staff = await data.SignInAsync(WorkspaceWorld.StaffEmail);
        var page = await staff.GetPageAsync("/workspace/outbox");
        Assert.Empty(page.QuerySelectorAll(".outbox-row"));
        var token = page.QuerySelector<IHtmlInputElement>("form[action='/account/logout'] input[name='__RequestVerificationToken']")!.Value;

        using var forged = await staff.PostAsync(new Uri("/workspace/outbox?handler=Retry", UriKind.Relative), new FormUrlEncodedContent(
            Html.Fields(("messageId", messageId.ToString(CultureInfo.InvariantCulture)), ("__RequestVerificationToken", token))));

        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Equal(Core.Sms.SmsStatus.Failed, await data.QueryAsync(db => db.SmsMessages.Where(m => m.Id == messageId).Select(m => m.Status).SingleAsync()));
    }

    private static async Task<HttpResponseMessage> PostForgedAsync(
        HttpClient client, long ownAppeal, long target, string formId, string handler, int targetVersion, params (string Name, string Value)[] fields)
    {
        var page = await WorkspacePages.AppealAsync(client, ownAppeal);
        var form = page.QuerySelector<IHtmlFormElement>("#" + formId)!;
        form.SetAttribute("action", $"/workspace/appeals/{target}?handler={handler}");
        return await client.SubmitAsync(form, Html.Fields([.. fields, ("version", targetVersion.ToString(CultureInfo.InvariantCulture))]));
    }

    private static async Task AssertUnchangedAsync(WorkspaceTestData data, Appeal before)
    {
        var after = await data.AppealAsync(before.Id);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Events.Count, after.Events.Count);
        Assert.Equal(before.Status, after.Status);
        Assert.Equal(before.HandlerCadreId, after.HandlerCadreId);
        Assert.Equal(0, await data.QueryAsync(db => db.SmsMessages.CountAsync()));
    }
}
