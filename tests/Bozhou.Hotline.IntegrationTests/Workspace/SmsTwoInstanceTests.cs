using Npgsql;

namespace Bozhou.Hotline.IntegrationTests.Workspace;

/// <summary>
/// Two instances draining one PostgreSQL outbox never send to one phone at the same moment (<see cref="SmsPhoneLock"/>), so
/// the duplicate check and the daily limit see what the other instance sent; and the per-phone lock is let go on every
/// way out of a send: sent, failed, withheld, cancelled.
/// </summary>
public sealed class SmsTwoInstanceTests : IAsyncDisposable
{
    private PostgresDatabase? _database;
    private readonly List<HotlineFactory> _factories = [];

    [Fact]
    public async Task Two_instances_draining_at_once_send_one_of_two_identical_texts_and_mark_the_other_a_duplicate()
    {
        await using var gateway = await SmsTestServer.StartAsync();
        // Each send is held in flight for a second, so the two passes overlap.
        gateway.Delay = TimeSpan.FromSeconds(1);
        var (a, data) = await InstanceAsync(gateway);
        var (b, _) = await InstanceAsync(gateway);
        await QueueTwoIdenticalTextsAsync(data);

        await Task.WhenAll(Drainer(a).DrainOnceAsync(CancellationToken.None), Drainer(b).DrainOnceAsync(CancellationToken.None));

        Assert.Single(gateway.Received);
        var statuses = await data.QueryAsync(db => db.SmsMessages.AsNoTracking().OrderBy(m => m.Id).Select(m => m.Status).ToListAsync());
        Assert.Equal([SmsStatus.Sent, SmsStatus.Duplicate], statuses.OrderBy(s => s == SmsStatus.Duplicate).ToList());
        Assert.Equal(0, await AdvisoryLocksAsync());
    }

    [Fact]
    public async Task The_per_phone_lock_is_let_go_after_a_send_a_failure_a_withheld_text_and_a_cancelled_send()
    {
        await using var gateway = await SmsTestServer.StartAsync();
        var (factory, data) = await InstanceAsync(gateway);
        await QueueTwoIdenticalTextsAsync(data);
        var drainer = Drainer(factory);

        // Sent, then withheld as a duplicate, in one pass.
        await drainer.DrainOnceAsync(CancellationToken.None);
        Assert.Equal([SmsStatus.Sent, SmsStatus.Duplicate], await StatusesAsync(data));
        Assert.Equal(0, await AdvisoryLocksAsync());

        // A failed attempt.
        await QueueAnotherAsync(data, "【亳州干部热线】测试短信：网关故障时的重试。");
        gateway.FailAlways();
        await drainer.DrainOnceAsync(CancellationToken.None);
        Assert.Equal(SmsStatus.Pending, (await StatusesAsync(data))[^1]);
        Assert.Contains("503", await data.QueryAsync(db => db.SmsMessages.AsNoTracking().OrderBy(m => m.Id).Select(m => m.LastError).LastAsync()), StringComparison.Ordinal);
        Assert.Equal(0, await AdvisoryLocksAsync());

        // A send cancelled in flight (the instance stopping): the pass throws, and the lock is still let go.
        await QueueAnotherAsync(data, "【亳州干部热线】测试短信：停机时的发送。");
        factory.Clock.Advance(TimeSpan.FromHours(1));
        gateway.Delay = TimeSpan.FromSeconds(5);
        using var stopping = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => drainer.DrainOnceAsync(stopping.Token));
        Assert.Equal(0, await AdvisoryLocksAsync());
    }

    private static SmsOutboxDrainer Drainer(HotlineFactory factory) => factory.Services.GetRequiredService<SmsOutboxDrainer>();

    private static async Task<List<SmsStatus>> StatusesAsync(WorkspaceTestData data) =>
        await data.QueryAsync(db => db.SmsMessages.AsNoTracking().OrderBy(m => m.Id).Select(m => m.Status).ToListAsync());

    /// <summary>An instance of the app on the shared PostgreSQL database and the test gateway, its outbox drained by the test.</summary>
    private async Task<(HotlineFactory Factory, WorkspaceTestData Data)> InstanceAsync(SmsTestServer gateway)
    {
        _database ??= await PostgresDatabase.CreateAsync();
        var factory = new HotlineFactory().UsePostgres(_database.ConnectionString).WithoutHostedService<SmsOutboxService>()
            .With("Sms:Gateway", "Http").With("Sms:Url", gateway.Url).With("Sms:ApiKey", "test-key");
        _factories.Add(factory);
        return (factory, new WorkspaceTestData(factory));
    }

    /// <summary>Staff send the "in a meeting" reply through the real form; the same text to the same phone is then queued again.</summary>
    private static async Task QueueTwoIdenticalTextsAsync(WorkspaceTestData data)
    {
        var world = await data.SeedAsync();
        var id = await data.AddAppealAsync(world.LiId, CallOutcome.NotAnswered);
        using var staff = await data.SignInAsync(WorkspaceWorld.StaffEmail);
        using (var response = await WorkspacePages.PostAsync(staff, id, "sms-form", ("Sms.Template", "InMeeting")))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        var first = await data.QueryAsync(db => db.SmsMessages.AsNoTracking().SingleAsync());
        await QueueAnotherAsync(data, first.Body);
    }

    /// <summary>Queues <paramref name="body"/> to the phone of the first message in the outbox, due now.</summary>
    private static async Task QueueAnotherAsync(WorkspaceTestData data, string body) =>
        await data.QueryAsync(async db =>
        {
            var first = await db.SmsMessages.AsNoTracking().OrderBy(m => m.Id).FirstAsync();
            var now = data.Factory.Clock.GetUtcNow();
            var copy = SmsDelivery.Queue(first.AppealId, first.ToPhoneCipher, first.ToPhoneMasked, body, now);
            copy.ToPhoneHash = first.ToPhoneHash;
            copy.Purpose = first.Purpose;
            db.SmsMessages.Add(copy);
            return await db.SaveChangesAsync();
        });

    /// <summary>The advisory locks held in the test's database by any session.</summary>
    private async Task<long> AdvisoryLocksAsync()
    {
        await using var connection = new NpgsqlConnection(_database!.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        _factories.ForEach(f => f.Dispose());
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
