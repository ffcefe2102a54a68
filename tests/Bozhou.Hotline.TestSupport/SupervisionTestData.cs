using Bozhou.Hotline.Core.Appeals;
using Bozhou.Hotline.Core.Data;
using Bozhou.Hotline.Core.Directory;
using Bozhou.Hotline.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bozhou.Hotline.TestSupport;

/// <summary>
/// A small directory (the city and Qiaocheng, three departments, four serving cadres and one whose post
/// ended) and appeals logged through the domain at chosen times, for the supervision tests.
/// </summary>
public sealed class SupervisionTestData(HotlineFactory factory)
{
    public int City { get; private set; }

    public int Qiaocheng { get; private set; }

    public int CityGovernment { get; private set; }

    public int Transport { get; private set; }

    public int QiaochengGovernment { get; private set; }

    /// <summary>张明 副市长 (city government).</summary>
    public int Mayor { get; private set; }

    /// <summary>李强 局长 (transport bureau).</summary>
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
        var city = new Jurisdiction { Code = "city", NameZh = "市直", NameEn = "City", Order = 1 };
        var qiaocheng = new Jurisdiction { Code = "qiaocheng", NameZh = "谯城区", NameEn = "Qiaocheng District", Order = 2 };
        var government = new Department { Jurisdiction = city, NameZh = "市政府", NameEn = "Municipal Government", Order = 1 };
        var transport = new Department { Jurisdiction = city, NameZh = "市交通运输局", NameEn = "Transport Bureau", Order = 2 };
        var district = new Department { Jurisdiction = qiaocheng, NameZh = "谯城区政府", NameEn = "Qiaocheng Government", Order = 1 };
        var start = new DateOnly(2025, 1, 1);
        var mayor = Cadre("张明", "Zhang Ming", "副市长", "Deputy Mayor", "+8613800000001", government, 1, start);
        var head = Cadre("李强", "Li Qiang", "局长", "Director", "+8613800000002", transport, 1, start);
        var deputy = Cadre("赵敏", "Zhao Min", "副局长", "Deputy Director", "+8613800000003", transport, 2, start);
        var districtHead = Cadre("王芳", "Wang Fang", "区长", "District Head", "+8613800000004", district, 1, start);
        var former = Cadre("陈旧", "Chen Jiu", "原局长", "Former Director", "+8613800000005", transport, 3, new DateOnly(2020, 1, 1));
        former.PostEnd = new DateOnly(2025, 12, 31);
        var topicTransport = new Topic { Code = "transport", NameZh = "交通出行", NameEn = "Transport", Kind = TopicKind.Matter, Order = 1 };
        var topicConsultation = new Topic { Code = "consult", NameZh = "政策咨询", NameEn = "Policy questions", Kind = TopicKind.Consultation, Order = 2 };
        db.AddRange(city, qiaocheng, government, transport, district, mayor, head, deputy, districtHead, former, topicTransport, topicConsultation);
        await db.SaveChangesAsync();
        (City, Qiaocheng) = (city.Id, qiaocheng.Id);
        (CityGovernment, Transport, QiaochengGovernment) = (government.Id, transport.Id, district.Id);
        (Mayor, TransportHead, TransportDeputy, DistrictHead, FormerCadre) = (mayor.Id, head.Id, deputy.Id, districtHead.Id, former.Id);
        (TopicTransport, TopicConsultation) = (topicTransport.Id, topicConsultation.Id);
    }

    private static Cadre Cadre(string name, string pinyin, string position, string positionEn, string mobile, Department department, int order, DateOnly start) => new()
    {
        Name = name,
        NamePinyin = pinyin,
        Position = position,
        PositionEn = positionEn,
        Mobile = mobile,
        Department = department,
        ProtocolOrder = order,
        PostStart = start,
        Duties = "分管交通",
    };

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
