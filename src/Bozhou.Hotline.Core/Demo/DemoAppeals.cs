namespace Bozhou.Hotline.Core.Demo;

/// <summary>
/// Demo appeals for the demo cadre, one in each state the workspace shows: a missed call awaiting its call
/// back, an overdue matter, one transferred in and awaiting sign-for, and one replied. Made through the
/// appeal's own state changes, so their timelines are what real use would leave. Beside them, appeals to Qiaocheng
/// district's cadres over the last five weeks (<see cref="SeedDistrictAsync"/>) in which "供暖不热" (heating not warm) rises in
/// the last seven days, so that the rising terms (上升诉求) show a real rise on the demo data.
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
        await SeedDistrictAsync(cadre.Id, topics, clock, now, cancellationToken);
    }

    /// <summary>The everyday matters of the district's background (the trends' exposure), one a day or so.</summary>
    private static readonly string[] Everyday =
    [
        "涡河路与芍花路路口红绿灯时间太短，老人带孩子过马路来不及。",
        "小区门口流动摊贩占道经营，早晚高峰车辆无法通行。",
        "孩子今年上小学，想咨询户籍不在本区能否就近入学。",
        "楼下饭店油烟直排，家里窗户都不敢开。",
        "村里道路坑洼不平，下雨天积水严重，学生上学不便。",
        "在工地打工半年，老板拖欠工资至今未付。",
        "小区路灯坏了一个多月，晚上出行很不安全。",
        "公交站台没有遮雨棚，下雨天候车很不方便。",
        "医保异地报销需要哪些材料，在哪里办理。",
        "菜市场附近下水道堵塞，污水外溢，气味难闻。",
        "附近工厂夜间生产噪声扰民，影响休息。",
        "低保申请已经提交两个月，还没有审核结果。",
    ];

    /// <summary>What the district's callers say in the last week (and once before): the heating is not warm.</summary>
    private static readonly string[] Heating =
    [
        "我们小区供暖不热，室内温度只有十四五度，老人孩子受不了。",
        "小区供暖不热已经一个星期了，物业说是管网问题，一直没人来修。",
        "今年供暖不热，暖气片摸着是凉的，交了取暖费却不暖和。",
        "家里供暖不热，楼上楼下都一样，希望热力公司尽快排查。",
        "小区集中供暖不热，室温不到十八度，物业推给热力公司。",
        "供暖不热，晚上要开空调才能睡觉，请督促供热单位整改。",
        "单元楼供暖不热，高层住户尤其冷，多次找物业没有结果。",
        "小区供暖不热，家里有刚出生的孩子，温度太低很担心。",
        "老旧小区供暖不热，管道老化，希望列入改造计划。",
    ];

    /// <summary>
    /// Qiaocheng district's appeals (谯城区, cadres other than the demo cadre): an everyday matter on most of the 35 days
    /// before today, one complaint of cold heating 20 days ago, and nine of them in the last seven days. The rising terms
    /// (last 7 days against the 28 before) find "供暖 不热" rising in the district and the city.
    /// </summary>
    private async Task SeedDistrictAsync(int demoCadreId, IReadOnlyList<Topic> topics, AppealClock clock, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cadres = await db.Cadres
            .Where(c => c.Department.Jurisdiction.Code == "qiaocheng" && c.PostEnd == null && c.Id != demoCadreId)
            .OrderBy(c => c.Department.Order).ThenBy(c => c.ProtocolOrder)
            .Select(c => c.Id).Take(6).ToListAsync(cancellationToken);
        if (cadres.Count == 0)
        {
            return;
        }

        var housing = topics.FirstOrDefault(t => t.NameZh.Contains('住') || t.NameZh.Contains("物业", StringComparison.Ordinal)) ?? topics[0];
        var appeals = new List<Appeal>();
        void Add(int daysAgo, int hour, int index, Topic topic, string description)
        {
            var at = ChinaTime.At(ChinaTime.DateOf(now).AddDays(-daysAgo), new TimeOnly(hour, 10 + (index % 40)));
            var phone = string.Create(CultureInfo.InvariantCulture, $"+86139558{(index * 7919) % 100000:00000}");
            var appeal = Log(clock, cadres[index % cadres.Count], topic, at, CallOutcome.Answered, phone, null, null, description);
            appeal.RecordCallback(true, null, AppealActors.System, null, at.AddHours(2));
            if (daysAgo > 3)
            {
                appeal.Reply(ReplyKind.Resolved, "已转相关单位核实处理，并电话告知来电人。", null, AppealActors.System, null, clock, at.AddDays(2));
            }

            appeals.Add(appeal);
        }

        var n = 0;
        for (var day = 35; day >= 1; day--)
        {
            if (day % 5 != 0)
            {
                Add(day, 9 + (day % 8), n, topics[n % topics.Count], Everyday[n % Everyday.Length]);
                n++;
            }
        }

        Add(20, 10, n++, housing, Heating[^1]);
        for (var i = 0; i < Heating.Length; i++)
        {
            Add(1 + (i % 7), 8 + i, n++, housing, Heating[i]);
        }

        db.Appeals.AddRange(appeals);
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
