using Bozhou.Hotline.Web.Hosting;

namespace Bozhou.Hotline.TestSupport;

/// <summary>
/// The supervision tests' part of <see cref="TestWorld"/> (the city and Qiaocheng, three departments, four
/// serving cadres and one whose post ended) and appeals logged through the domain at chosen times.
/// </summary>
public sealed class SupervisionTestData(HotlineFactory factory)
{
    public int City { get; private set; }

    public int Qiaocheng { get; private set; }

    public int CityGovernment { get; private set; }

    public int Transport { get; private set; }

    public int QiaochengGovernment { get; private set; }

    /// <summary>张明 副市长 (city government): the city government's cadre of this part.</summary>
    public int Mayor { get; private set; }

    /// <summary>张伟 局长 (transport bureau).</summary>
    public int TransportHead { get; private set; }

    /// <summary>赵敏 副局长 (transport bureau).</summary>
    public int TransportDeputy { get; private set; }

    /// <summary>王芳 区长 (Qiaocheng).</summary>
    public int DistrictHead { get; private set; }

    /// <summary>陈旧 left the post at the end of 2025.</summary>
    public int FormerCadre { get; private set; }

    public int TopicTransport { get; private set; }

    public int TopicConsultation { get; private set; }

    public IReadOnlyList<int> ServingCadres => [Mayor, TransportHead, TransportDeputy, DistrictHead];

    public static async Task<SupervisionTestData> SeedAsync(HotlineFactory factory)
    {
        var data = new SupervisionTestData(factory);
        await data.SeedDirectoryAsync();
        return data;
    }

    private async Task SeedDirectoryAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var world = new TestWorldBuilder();
        var start = new DateOnly(2025, 1, 1);
        var mayor = world.Cadre(TestWorld.People.ZhangMing, start);
        var head = world.Cadre(TestWorld.People.ZhangWei, start);
        var deputy = world.Cadre(TestWorld.People.ZhaoMin, start);
        var districtHead = world.Cadre(TestWorld.People.WangFang, start);
        var former = world.Cadre(TestWorld.People.ChenJiu, new DateOnly(2020, 1, 1), new DateOnly(2025, 12, 31));
        var topicTransport = world.Topic(TestWorld.TransportTopic);
        var topicConsultation = world.Topic(TestWorld.PolicyTopic);
        await world.SaveAsync(db);
        (City, Qiaocheng) = (world.Jurisdiction(TestWorld.City).Id, world.Jurisdiction(TestWorld.Qiaocheng).Id);
        (CityGovernment, Transport, QiaochengGovernment) =
            (world.Department(TestWorld.CityGovernment).Id, world.Department(TestWorld.TransportBureau).Id, world.Department(TestWorld.QiaochengGovernment).Id);
        (Mayor, TransportHead, TransportDeputy, DistrictHead, FormerCadre) = (mayor.Id, head.Id, deputy.Id, districtHead.Id, former.Id);
        (TopicTransport, TopicConsultation) = (topicTransport.Id, topicConsultation.Id);
    }

    /// <summary>
    /// Logs an appeal with <paramref name="cadreId"/> at <paramref name="at"/> (the call at the same
    /// instant), then applies <paramref name="then"/> (state changes through the appeal's methods).
    /// </summary>
    public async Task<Appeal> LogAsync(
        int cadreId, DateTimeOffset at, CallOutcome outcome = CallOutcome.NotAnswered, int? topicId = null,
        Action<Appeal, AppealClock>? then = null, string phoneCipher = "cipher", string phoneMasked = "138****0000")
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var clock = await scope.ServiceProvider.GetRequiredService<AppealClockSource>().GetAsync();
        var topic = await db.Topics.SingleAsync(t => t.Id == (topicId ?? TopicTransport));
        var input = new NewAppeal(cadreId, topic.Id, topic.Kind, at, outcome, CallerType.Individual, null, "小区门口公交站牌被撤，出行不便，请求恢复。", false, true, "来电人");
        var appeal = Appeal.Log(input, new ProtectedCaller(null, phoneCipher, "hash", phoneMasked), TrackingCode.Generate(), clock, at);
        then?.Invoke(appeal, clock);
        db.Appeals.Add(appeal);
        await db.SaveChangesAsync();
        return appeal;
    }

    /// <summary>
    /// The citizens' answers of February 2026 for the three rates, worked by hand (the method is docs/rates.md):
    /// <para>
    /// 赵敏 (<see cref="TransportDeputy"/>): 13 appeals logged on Mon 2 Feb, all answered and replied to on Thu 5 Feb. Twelve
    /// are rated: six "resolved" with 5; one "not resolved" with 1, which sends it back (发回重办), replied to again on Mon
    /// 9 Feb and then rated "resolved" with 5 (the latest answer counts); five "not resolved" with 3. The thirteenth is
    /// not rated (<see cref="Unrated"/>): it has no answer and is not counted.
    /// Resolution rate 7 of 12 = 58.3%; Wilson 95%: p = 0.5833, z = 1.96, z² = 3.8415,
    /// centre = (p + z²/24) / (1 + z²/12) = 0.7434 / 1.3201 = 0.5631,
    /// half-width = z·√(p(1−p)/12 + z²/576) / 1.3201 = 1.96 × √(0.02026 + 0.00667) / 1.3201 = 0.2436,
    /// so 31.95%–80.67%, shown 32.0%–80.7%. Satisfaction (4 or 5) is 7 of 12 as well.
    /// </para>
    /// <para>王芳 (<see cref="DistrictHead"/>): 9 appeals on Tue 3 Feb, replied to and rated "resolved" with 5: 9 answers,
    /// below the floor of 10, so no rate (9/9 would read 100%).</para>
    /// </summary>
    public async Task RatedFebruaryAsync()
    {
        var monday = China(2026, 2, 2, 10);
        var thursday = China(2026, 2, 5, 10);
        for (var i = 0; i < 13; i++)
        {
            var n = i;
            var appeal = await LogAsync(TransportDeputy, monday.AddMinutes(n), CallOutcome.Answered, then: (a, clock) =>
            {
                a.Reply(ReplyKind.Resolved, "已处理", null, "赵敏", null, clock, thursday);
                if (n < 6)
                {
                    a.Rate(true, 5, null, clock, thursday.AddHours(2), "来电人");
                }
                else if (n == 6)
                {
                    a.Rate(false, 1, null, clock, thursday.AddHours(2), "来电人");
                    a.Reply(ReplyKind.Resolved, "已重新办理", null, "赵敏", null, clock, China(2026, 2, 9, 10));
                    a.Rate(true, 5, null, clock, China(2026, 2, 9, 12), "来电人");
                }
                else if (n < 12)
                {
                    a.Rate(false, 3, null, clock, thursday.AddHours(2), "来电人");
                }
            });
            if (n == 12)
            {
                Unrated = appeal.Id;
            }
        }

        for (var i = 0; i < 9; i++)
        {
            await LogAsync(DistrictHead, China(2026, 2, 3, 10).AddMinutes(i), CallOutcome.Answered, then: (a, clock) =>
            {
                a.Reply(ReplyKind.Resolved, "已处理", null, "王芳", null, clock, thursday);
                a.Rate(true, 5, null, clock, thursday.AddHours(2), "来电人");
            });
        }
    }

    /// <summary>The one appeal of <see cref="RatedFebruaryAsync"/> left without a rating.</summary>
    public long Unrated { get; private set; }

    /// <summary>Recomputes and stores the daily roll-ups from <paramref name="from"/> to today, as <c>rebuild-stats</c> does.</summary>
    public async Task RebuildStatsAsync(DateOnly from)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var clock = await scope.ServiceProvider.GetRequiredService<AppealClockSource>().GetAsync();
        await scope.ServiceProvider.GetRequiredService<StatsRollup>().RebuildAsync(from, null, clock, factory.Clock.GetUtcNow());
    }

    /// <summary>Switches the public statistics page on (or off) as a saved setting, the way /admin/settings stores it.</summary>
    public async Task PublishStatsAsync(bool on = true)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var saved = await db.SavedSettings.SingleOrDefaultAsync();
        if (saved is null)
        {
            saved = db.SavedSettings.Add(new Bozhou.Hotline.Core.Settings.SavedSettings { SavedBy = "test" }).Entity;
        }

        saved.PublicStatsEnabled = on;
        await db.SaveChangesAsync();
    }

    /// <summary>Applies state changes to a stored appeal through its methods.</summary>
    public async Task<Appeal> ChangeAsync(long appealId, Action<Appeal, AppealClock> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var clock = await scope.ServiceProvider.GetRequiredService<AppealClockSource>().GetAsync();
        var appeal = await db.Appeals.Include(a => a.Events).Include(a => a.CallAttempts).SingleAsync(a => a.Id == appealId);
        change(appeal, clock);
        await db.SaveChangesAsync();
        return appeal;
    }

    /// <summary>Runs a query on a fresh context.</summary>
    public async Task<T> QueryAsync<T>(Func<HotlineDbContext, Task<T>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var scope = factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<HotlineDbContext>());
    }

    /// <summary>China wall-clock time as the UTC instant the app stores.</summary>
    public static DateTimeOffset China(int year, int month, int day, int hour = 10, int minute = 0) =>
        new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.FromHours(8)).ToUniversalTime();
}
