namespace Bozhou.Hotline.TestSupport;

/// <summary>A jurisdiction of the test world: its code (the import's key), names and place in the list.</summary>
public sealed record TestJurisdiction(string Code, string NameZh, string NameEn, int Order);

/// <summary>A department of the test world, inside one <see cref="TestJurisdiction"/>.</summary>
public sealed record TestDepartment(TestJurisdiction Jurisdiction, string NameZh, string NameEn, int Order);

/// <summary>A topic of the test world; <paramref name="IsActive"/> false for a retired topic.</summary>
public sealed record TestTopic(string Code, string NameZh, string NameEn, TopicKind Kind, int Order, bool IsActive = true);

/// <summary>
/// A person of the test world's register: one name, one post, one department and one mobile wherever the
/// person appears in the suite. <see cref="Label"/> is how the workspace writes a cadre (“李明（副市长）”).
/// </summary>
public sealed record TestPerson(
    string Name, string Pinyin, string Post, string PostEn, TestDepartment Department, int ProtocolOrder, string Mobile, string Duties, string DutiesEn)
{
    /// <summary>The name with the post in full-width brackets, as an account's display name and an event's actor.</summary>
    public string Label => $"{Name}（{Post}）";
}

/// <summary>The ids of a small directory: one jurisdiction and department, three cadres, four topics.</summary>
public sealed record TestDirectory(
    int JurisdictionId,
    int DepartmentId,
    int MayorId,
    int DeputyMayorId,
    int FormerDeputyMayorId,
    int ConsultationTopicId,
    int MatterTopicId,
    int OtherTopicId,
    int InactiveTopicId);

/// <summary>
/// The one test world: the register of people and the directory's shape (jurisdictions, departments,
/// topics). Tests take the parts they need through <see cref="TestWorldBuilder"/>; the same name never has
/// two posts, and the same department never two heads, anywhere in the suite.
/// </summary>
public static class TestWorld
{
    public static readonly TestJurisdiction City = new("city", "市直", "City", 1);
    public static readonly TestJurisdiction Qiaocheng = new("qiaocheng", "谯城区", "Qiaocheng District", 2);

    public static readonly TestDepartment CityGovernment = new(City, "市政府", "Municipal Government", 1);
    public static readonly TestDepartment TransportBureau = new(City, "市交通运输局", "Transport Bureau", 2);
    public static readonly TestDepartment HousingBureau = new(City, "市住房和城乡建设局", "Housing Bureau", 3);
    public static readonly TestDepartment QiaochengGovernment = new(Qiaocheng, "谯城区政府", "Qiaocheng Government", 1);

    public static readonly TestTopic TransportTopic = new("transport", "交通出行", "Transport", TopicKind.Matter, 1);
    public static readonly TestTopic PolicyTopic = new("policy", "政策咨询", "Policy questions", TopicKind.Consultation, 2);
    public static readonly TestTopic CityManagementTopic = new("city-mgmt", "城市管理", "City management", TopicKind.Matter, 3);
    public static readonly TestTopic OtherTopic = new("other", "其他", "Other", TopicKind.Matter, 20);
    public static readonly TestTopic RetiredTopic = new("retired", "已停用类别", "Retired topic", TopicKind.Matter, 21, IsActive: false);

    /// <summary>The register: every cadre a test world seeds is one of these.</summary>
    public static class People
    {
        /// <summary>刘洋 市长 (city government).</summary>
        public static readonly TestPerson LiuYang = new(
            "刘洋", "Liu Yang", "市长", "Mayor", CityGovernment, 1, "+8613805581001", "负责市政府全面工作。", "Leads the municipal government.");

        /// <summary>李明 副市长 (city government), the first deputy mayor.</summary>
        public static readonly TestPerson LiMing = new(
            "李明", "Li Ming", "副市长", "Deputy Mayor", CityGovernment, 2, "+8613905580000", "负责有关工作", "Duties");

        /// <summary>王强 副市长 (city government).</summary>
        public static readonly TestPerson WangQiang = new(
            "王强", "Wang Qiang", "副市长", "Deputy Mayor", CityGovernment, 3, "+8613905580002", "负责有关工作", "Duties");

        /// <summary>张明 副市长 (city government), who hands transport appeals on to the bureau.</summary>
        public static readonly TestPerson ZhangMing = new(
            "张明", "Zhang Ming", "副市长", "Deputy Mayor", CityGovernment, 4, "+8613800000001", "分管交通", "Oversees transport");

        /// <summary>郑华 原副市长 (city government): a post that ended.</summary>
        public static readonly TestPerson ZhengHua = new(
            "郑华", "Zheng Hua", "原副市长", "Former Deputy Mayor", CityGovernment, 5, "+8613805581003", "负责市政府有关工作。", "Former duties.");

        /// <summary>张伟 局长 (transport bureau).</summary>
        public static readonly TestPerson ZhangWei = new(
            "张伟", "Zhang Wei", "局长", "Director", TransportBureau, 1, "+8613800000002", "负责有关工作", "Duties");

        /// <summary>赵敏 副局长 (transport bureau).</summary>
        public static readonly TestPerson ZhaoMin = new(
            "赵敏", "Zhao Min", "副局长", "Deputy Director", TransportBureau, 2, "+8613800000003", "分管道路运输", "Oversees road transport");

        /// <summary>陈旧 原局长 (transport bureau): a post that ended.</summary>
        public static readonly TestPerson ChenJiu = new(
            "陈旧", "Chen Jiu", "原局长", "Former Director", TransportBureau, 3, "+8613800000005", "分管交通", "Oversees transport");

        /// <summary>赵刚 局长 (housing bureau).</summary>
        public static readonly TestPerson ZhaoGang = new(
            "赵刚", "Zhao Gang", "局长", "Director", HousingBureau, 1, "+8613905580004", "负责有关工作", "Duties");

        /// <summary>钱进 原局长 (housing bureau): a post that ended.</summary>
        public static readonly TestPerson QianJin = new(
            "钱进", "Qian Jin", "原局长", "Former Director", HousingBureau, 2, "+8613905580005", "负责有关工作", "Duties");

        /// <summary>王芳 区长 (Qiaocheng government).</summary>
        public static readonly TestPerson WangFang = new(
            "王芳", "Wang Fang", "区长", "District Head", QiaochengGovernment, 1, "+8613800000004", "负责区政府全面工作", "Leads the district government");

        /// <summary>Everyone in the register.</summary>
        public static IReadOnlyList<TestPerson> All { get; } =
            [LiuYang, LiMing, WangQiang, ZhangMing, ZhengHua, ZhangWei, ZhaoMin, ChenJiu, ZhaoGang, QianJin, WangFang];
    }

    /// <summary>
    /// The public side's directory on <paramref name="factory"/>'s database, independent of the demo seed: the city
    /// government (its mayor 刘洋, the deputy mayor 王强 reporting to the mayor, the former deputy mayor 郑华) and four
    /// topics (one retired). Codes carry a random suffix, so one factory can take several directories.
    /// </summary>
    public static async Task<TestDirectory> SeedDirectoryAsync(this HotlineFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var world = new TestWorldBuilder(Guid.NewGuid().ToString("N")[..8]);
        var start = new DateOnly(2024, 1, 1);
        var mayor = world.Cadre(People.LiuYang, start);
        var deputy = world.Cadre(People.WangQiang, start);
        deputy.Superior = mayor;
        var former = world.Cadre(People.ZhengHua, new DateOnly(2021, 1, 1), new DateOnly(2025, 12, 31));
        var consultation = world.Topic(PolicyTopic);
        var matter = world.Topic(CityManagementTopic);
        var other = world.Topic(OtherTopic);
        var inactive = world.Topic(RetiredTopic);
        await world.SaveAsync(db);
        var department = world.Department(CityGovernment);
        return new TestDirectory(
            department.JurisdictionId, department.Id, mayor.Id, deputy.Id, former.Id, consultation.Id, matter.Id, other.Id, inactive.Id);
    }
}

/// <summary>
/// Builds the parts of <see cref="TestWorld"/> a test asks for as entities of one save: asking for a cadre
/// brings in the department, a department its jurisdiction, each once. With a code suffix the codes of
/// jurisdictions and topics get it, so one database can take the same parts twice.
/// </summary>
public sealed class TestWorldBuilder(string? codeSuffix = null)
{
    private readonly Dictionary<TestJurisdiction, Jurisdiction> _jurisdictions = [];
    private readonly Dictionary<TestDepartment, Department> _departments = [];
    private readonly Dictionary<TestPerson, Cadre> _cadres = [];
    private readonly Dictionary<TestTopic, Topic> _topics = [];

    public Jurisdiction Jurisdiction(TestJurisdiction jurisdiction)
    {
        ArgumentNullException.ThrowIfNull(jurisdiction);
        if (!_jurisdictions.TryGetValue(jurisdiction, out var entity))
        {
            entity = new Jurisdiction { Code = Code(jurisdiction.Code), NameZh = jurisdiction.NameZh, NameEn = jurisdiction.NameEn, Order = jurisdiction.Order };
            _jurisdictions[jurisdiction] = entity;
        }

        return entity;
    }

    public Department Department(TestDepartment department)
    {
        ArgumentNullException.ThrowIfNull(department);
        if (!_departments.TryGetValue(department, out var entity))
        {
            entity = new Department
            {
                Jurisdiction = Jurisdiction(department.Jurisdiction), NameZh = department.NameZh, NameEn = department.NameEn, Order = department.Order,
            };
            _departments[department] = entity;
        }

        return entity;
    }

    /// <summary>The person in post from <paramref name="postStart"/>, until <paramref name="postEnd"/> if the post ended.</summary>
    public Cadre Cadre(TestPerson person, DateOnly postStart, DateOnly? postEnd = null)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (_cadres.ContainsKey(person))
        {
            throw new InvalidOperationException($"{person.Name} is already in this world.");
        }

        var entity = new Cadre
        {
            Department = Department(person.Department),
            Name = person.Name,
            NamePinyin = person.Pinyin,
            Position = person.Post,
            PositionEn = person.PostEn,
            Duties = person.Duties,
            DutiesEn = person.DutiesEn,
            Mobile = person.Mobile,
            ProtocolOrder = person.ProtocolOrder,
            PostStart = postStart,
            PostEnd = postEnd,
        };
        _cadres[person] = entity;
        return entity;
    }

    public Topic Topic(TestTopic topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        if (!_topics.TryGetValue(topic, out var entity))
        {
            entity = new Topic { Code = Code(topic.Code), NameZh = topic.NameZh, NameEn = topic.NameEn, Kind = topic.Kind, Order = topic.Order, IsActive = topic.IsActive };
            _topics[topic] = entity;
        }

        return entity;
    }

    /// <summary>Adds everything asked for to <paramref name="db"/> and saves it; the entities then carry their ids.</summary>
    public async Task SaveAsync(HotlineDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.AddRange(_jurisdictions.Values);
        db.AddRange(_departments.Values);
        db.AddRange(_cadres.Values);
        db.AddRange(_topics.Values);
        await db.SaveChangesAsync();
    }

    private string Code(string code) => codeSuffix is null ? code : code + "-" + codeSuffix;
}
