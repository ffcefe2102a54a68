using Bozhou.Hotline.Core.Directory;

namespace Bozhou.Hotline.Core.Setup;

/// <summary>A jurisdiction as a first run (or the demo) creates it: its code, Chinese and English names.</summary>
public sealed record JurisdictionDefinition(string Code, string NameZh, string NameEn)
{
    /// <summary>A new jurisdiction at <paramref name="order"/> (1 first) in protocol order.</summary>
    public Jurisdiction Create(int order) => new() { Code = Code, NameZh = NameZh, NameEn = NameEn, Order = order };
}

/// <summary>A topic of the administered list (PRODUCT §4) as a first run (or the demo) creates it.</summary>
public sealed record TopicDefinition(string Code, string NameZh, string NameEn, TopicKind Kind)
{
    /// <summary>A new, active topic at <paramref name="order"/> (1 first).</summary>
    public Topic Create(int order) => new() { Code = Code, NameZh = NameZh, NameEn = NameEn, Kind = Kind, Order = order };
}

/// <summary>
/// What Bozhou starts with (PRODUCT §1, §4): the city proper and its district and counties, in the published list's
/// order, and the default topics ("other" last). The one definition both <c>setup</c> and the demonstration
/// directory build from.
/// </summary>
public static class CityDefaults
{
    /// <summary>市直, 谯城区, 涡阳县, 蒙城县, 利辛县, in protocol order.</summary>
    public static IReadOnlyList<JurisdictionDefinition> Jurisdictions { get; } =
    [
        new("city", "市直", "City of Bozhou"),
        new("qiaocheng", "谯城区", "Qiaocheng District"),
        new("guoyang", "涡阳县", "Guoyang County"),
        new("mengcheng", "蒙城县", "Mengcheng County"),
        new("lixin", "利辛县", "Lixin County"),
    ];

    /// <summary>17 topics, within <see cref="Topic.MaxActive"/>; "policy" is a consultation (the 3-working-day reply clock).</summary>
    public static IReadOnlyList<TopicDefinition> Topics { get; } =
    [
        new("transport", "交通出行", "Transport and roads", TopicKind.Matter),
        new("education", "教育", "Education", TopicKind.Matter),
        new("health", "医疗卫生", "Health care", TopicKind.Matter),
        new("housing", "住房和物业", "Housing and property management", TopicKind.Matter),
        new("utilities", "供水供气", "Water and gas supply", TopicKind.Matter),
        new("market", "市场监管和消费维权", "Market regulation and consumer rights", TopicKind.Matter),
        new("environment", "生态环境", "Environment and pollution", TopicKind.Matter),
        new("agriculture", "农业农村", "Agriculture and rural affairs", TopicKind.Matter),
        new("welfare", "社会救助和养老", "Social assistance and elderly care", TopicKind.Matter),
        new("employment", "就业和社保", "Jobs and social insurance", TopicKind.Matter),
        new("wages", "劳动欠薪", "Unpaid wages", TopicKind.Matter),
        new("security", "治安和户籍", "Public order and household registration", TopicKind.Matter),
        new("urban", "市容和城市管理", "Streets and urban management", TopicKind.Matter),
        new("emergency", "安全生产和应急", "Workplace safety and emergencies", TopicKind.Matter),
        new("business", "营商环境和政务服务", "Business environment and government services", TopicKind.Matter),
        new("policy", "政策咨询", "Policy questions", TopicKind.Consultation),
        new("other", "其他", "Other", TopicKind.Matter),
    ];
}
