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
