namespace Bozhou.Hotline.IntegrationTests.Workspace;

public class PostgresWorkspaceTests
{
    [Fact]
    public async Task The_workspace_queries_actions_and_outbox_run_on_PostgreSQL()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var factory = new HotlineFactory().UsePostgres(database.ConnectionString).WithoutHostedService<SmsOutboxService>();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var now = factory.Clock.GetUtcNow();
        var older = await data.AddAppealAsync(world.LiId, CallOutcome.Answered, now.AddDays(-40), world.PolicyTopicId);
        var missed = await data.AddAppealAsync(world.LiId, CallOutcome.NotAnswered, now.AddMinutes(-5));
        using var staff = await data.SignInAsync(WorkspaceWorld.StaffEmail);

        var inbox = await staff.GetPageAsync("/workspace");
        Assert.Equal([older, missed], WorkspacePages.InboxIds(inbox));
        Assert.Equal(2, inbox.QuerySelectorAll("#hotspots tbody tr").Length);

        using (var sms = await WorkspacePages.PostAsync(staff, missed, "sms-form", ("Sms.Template", "TextDetails")))
        {
            Assert.Equal(HttpStatusCode.Redirect, sms.StatusCode);
        }

        using (var transfer = await WorkspacePages.PostAsync(staff, missed, "transfer-form",
            ("Transfer.ToCadreId", world.ZhangId.ToString(CultureInfo.InvariantCulture)), ("Transfer.Reason", "请办理")))
        {
            Assert.Equal(HttpStatusCode.Redirect, transfer.StatusCode);
        }

        // The quick reply, the caller's transfer text and the receiver's.
        Assert.Equal(3, await factory.Services.GetRequiredService<SmsOutboxDrainer>().DrainOnceAsync(CancellationToken.None));
        var outbox = await staff.GetPageAsync("/workspace/outbox");
        Assert.All(outbox.QuerySelectorAll(".outbox-row"), r => Assert.Equal("Sent", r.GetAttribute("data-status")));
        Assert.Equal(3, outbox.QuerySelectorAll(".outbox-row").Length);

        var page = await WorkspacePages.AppealAsync(staff, older);
        using var stale = await staff.SubmitAsync(page.QuerySelector<IHtmlFormElement>("#note-form")!, Html.Fields(("Note.Text", "一"), ("version", "99")));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var appeal = await data.AppealAsync(missed);
        Assert.Equal((world.ZhangId, AppealStatus.Transferred), (appeal.HandlerCadreId, appeal.Status));
        Assert.Equal(SmsStatus.Sent, (await data.QueryAsync(db => db.SmsMessages.FirstAsync())).Status);
    }
}
