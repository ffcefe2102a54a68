namespace Bozhou.Hotline.IntegrationTests.Admin;

public class RetentionTests
{
    [Fact]
    public async Task Sign_in_sessions_are_deleted_by_the_daily_pass_30_days_after_they_started_and_not_before()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        var now = factory.Clock.GetUtcNow();
        using (await data.SignInAsync(WorkspaceWorld.LiEmail))
        {
        }

        var userId = await data.QueryAsync(db => db.Users.Where(u => u.Email == WorkspaceWorld.LiEmail).Select(u => u.Id).SingleAsync());
        await data.QueryAsync(async db =>
        {
            db.UserSessions.AddRange(
                new UserSession { Id = "old-ended", UserId = userId, StartedAt = now.AddDays(-31), LastSeenAt = now.AddDays(-31), EndedAt = now.AddDays(-31), EndReason = SessionEnd.SignedOut },
                new UserSession { Id = "old-never-ended", UserId = userId, StartedAt = now.AddDays(-30).AddTicks(-1), LastSeenAt = now.AddDays(-30) },
                new UserSession { Id = "recent-ended", UserId = userId, StartedAt = now.AddDays(-29), LastSeenAt = now.AddDays(-29), EndedAt = now.AddDays(-29), EndReason = SessionEnd.Idle });
            return await db.SaveChangesAsync();
        });

        var deleted = await factory.Services.GetRequiredService<PersonalDataPurger>().ForgetOldSessionsAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, deleted);
        var left = await data.QueryAsync(db => db.UserSessions.Select(s => s.Id).ToListAsync());
        Assert.Contains("recent-ended", left);
        Assert.DoesNotContain("old-ended", left);
        Assert.DoesNotContain("old-never-ended", left);
        Assert.Equal(2, left.Count);
    }

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
