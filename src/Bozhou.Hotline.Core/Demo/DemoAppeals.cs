namespace Bozhou.Hotline.Core.Demo;

/// <summary>
/// Demo appeals for the demo cadre, one in each state the workspace shows: a missed call awaiting its call
/// back, an overdue matter, one transferred in and awaiting sign-for, and one replied. Made through the
/// appeal's own state changes, so their timelines are what real use would leave.
/// </summary>
public sealed class DemoAppeals(HotlineDbContext db, AppealClockSource clocks, CallerDataProtector callerData, TimeProvider time)
{

    public async Task SeedAsync(Cadre cadre, string cadreActor, string staffActor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cadre);
        var topics = await db.Topics.Where(t => t.IsActive).OrderBy(t => t.Order).ToListAsync(cancellationToken);
        if (topics.Count == 0)
        {
            return;
        }

        var other = await db.Cadres
            .Where(c => c.Id != cadre.Id && c.PostEnd == null)
            .OrderBy(c => c.Department.Jurisdiction.Order).ThenBy(c => c.Department.Order).ThenBy(c => c.ProtocolOrder)
            .FirstOrDefaultAsync(cancellationToken);
        var clock = await clocks.GetAsync(cancellationToken);
        var now = time.GetUtcNow();
        Topic Pick(int index) => topics[index % topics.Count];
        var consultation = topics.FirstOrDefault(t => t.Kind == TopicKind.Consultation) ?? Pick(3);

        var missed = Log(clock, cadre.Id, Pick(0), now.AddHours(-2), CallOutcome.NotAnswered, "+8613955871234", "王女士", null,
            "城区12路公交晚上8点以后班次太少，下班等车经常超过40分钟，希望增加晚间班次。");

        var overdue = Log(clock, cadre.Id, Pick(1), now.AddDays(-30), CallOutcome.Answered, "+8618905581234", null, null,
            "小区北侧建筑工地连续多日夜间施工，噪声扰民，向有关部门反映后仍未解决。");
        overdue.RecordCallback(true, "已电话了解情况，正在协调住建部门核查。", staffActor, null, now.AddDays(-29));

        var replied = Log(clock, cadre.Id, consultation, now.AddDays(-4), CallOutcome.Answered, "+8615055861234", "李先生", null,
            "咨询新生儿参加城乡居民医保的办理流程和所需材料。");
        replied.RecordCallback(true, null, staffActor, null, now.AddDays(-4).AddHours(1));
        replied.Reply(ReplyKind.Resolved,
            "新生儿可在出生后90天内由监护人携带出生医学证明、户口簿到户籍所在地乡镇（街道）便民服务中心办理参保，也可通过“皖事通”手机端办理。",
            null, cadreActor, null, clock, now.AddDays(-3));

        db.Appeals.AddRange(missed, overdue, replied);
        if (other is not null)
        {
            var transferred = Log(clock, other.Id, Pick(2), now.AddHours(-26), CallOutcome.BusyOrOff, "+8613705589876", null, "亳州市康源中药饮片有限公司",
                "企业新建厂房的消防验收材料已提交一个多月，尚未收到办理结果，影响按期投产。");
            transferred.Transfer(cadre.Id, "该事项属于分管领域，请牵头协调办理。", $"{other.Name}（{other.Position}）", null, clock, now.AddHours(-25));
            db.Appeals.Add(transferred);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private Appeal Log(
        AppealClock clock, int cadreId, Topic topic, DateTimeOffset at, CallOutcome outcome, string phone, string? name, string? enterprise, string description)
    {
        var input = new NewAppeal(
            cadreId, topic.Id, topic.Kind, at, outcome, enterprise is null ? CallerType.Individual : CallerType.Enterprise, enterprise,
            description, Confidential: false, ConsentToContact: true, EventActor.Caller);
        return Appeal.Log(input, callerData.Protect(name, phone), TrackingCode.Generate(), clock, at);
    }
}
