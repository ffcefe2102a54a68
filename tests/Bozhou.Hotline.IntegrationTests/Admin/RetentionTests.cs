namespace Bozhou.Hotline.IntegrationTests.Admin;

public class RetentionTests
{
    [Fact]
    public async Task Personal_data_of_an_appeal_closed_exactly_the_retention_days_ago_is_purged_at_the_boundary_and_not_a_tick_before()
    {
        using var factory = new HotlineFactory();
        factory.With("Privacy:RetentionDays", "30");
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var closedAt = factory.Clock.GetUtcNow().AddHours(1);
        var appealId = await data.AddAppealAsync(world.LiId, CallOutcome.Answered, then: (appeal, clock) =>
        {
            appeal.Reply(ReplyKind.Resolved, "已协调公交公司增加晚间班次。", null, "李明", null, clock, closedAt.AddMinutes(-30));
            appeal.Rate(true, 5, null, clock, closedAt, "来电人");
        });
        var openId = await data.AddAppealAsync(world.LiId);
        await data.QueryAsync(async db =>
        {
            db.SmsMessages.AddRange(
                new SmsMessage { AppealId = appealId, ToPhoneCipher = "cipher-sent", ToPhoneMasked = "138****0000", Body = "回复", Status = SmsStatus.Sent, CreatedAt = closedAt },
                new SmsMessage { AppealId = appealId, ToPhoneCipher = "cipher-pending", ToPhoneMasked = "138****0000", Body = "回复", Status = SmsStatus.Pending, CreatedAt = closedAt });
            return await db.SaveChangesAsync();
        });
        var purger = factory.Services.GetRequiredService<PersonalDataPurger>();

        factory.Clock.SetUtcNow(closedAt.AddDays(30).AddTicks(-1));
        await purger.PurgeDueAsync(TestContext.Current.CancellationToken);
        var kept = await data.AppealAsync(appealId);
        Assert.Equal(closedAt, kept.ClosedAt);
        Assert.NotNull(kept.CallerPhoneCipher);
        Assert.Null(kept.PersonalDataPurgedAt);

        factory.Clock.SetUtcNow(closedAt.AddDays(30));
        await purger.PurgeDueAsync(TestContext.Current.CancellationToken);

        var purged = await data.AppealAsync(appealId);
        Assert.Null(purged.CallerNameCipher);
        Assert.Null(purged.CallerPhoneCipher);
        Assert.Null(purged.CallerPhoneHash);
        Assert.NotNull(purged.PersonalDataPurgedAt);
        Assert.Equal(AppealStatus.Closed, purged.Status);
        Assert.NotEmpty(purged.Events);
        Assert.NotNull((await data.AppealAsync(openId)).CallerPhoneCipher);
        var sms = await data.QueryAsync(db => db.SmsMessages.AsNoTracking().OrderBy(m => m.Id).Select(m => m.ToPhoneCipher).ToListAsync());
        Assert.Equal(["", "cipher-pending"], sms);
        var audit = await data.QueryAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == AuditAction.Purge));
        Assert.Equal("{\"appeals\":1,\"sms\":1}", audit.After);
        Assert.Equal(0, await purger.PurgeDueAsync(TestContext.Current.CancellationToken));
    }
}
