using Bozhou.Hotline.Core.Data;
using Bozhou.Hotline.Core.Directory;
using Microsoft.Extensions.DependencyInjection;

namespace Bozhou.Hotline.TestSupport;

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
/// Test data inserted through the DbContext, independent of the demo seed. Codes carry a random suffix,
/// so one factory can take several directories.
/// </summary>
public static class TestData
{
    public const string MayorName = "李明";
    public const string MayorPosition = "市长";
    public const string DeputyMayorName = "王芳";
    public const string DeputyMayorPosition = "副市长";
    public const string FormerDeputyMayorName = "张伟";

    public static async Task<TestDirectory> SeedDirectoryAsync(this HotlineFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();

        var jurisdiction = new Jurisdiction { Code = "city-" + suffix, NameZh = "亳州市", NameEn = "Bozhou City", Order = 1 };
        var department = new Department { Jurisdiction = jurisdiction, NameZh = "市政府", NameEn = "Municipal Government", Order = 1 };
        var mayor = Cadre(department, MayorName, "Li Ming", MayorPosition, "Mayor", "+8613805581001", 1);
        var deputy = Cadre(department, DeputyMayorName, "Wang Fang", DeputyMayorPosition, "Deputy Mayor", "+8613805581002", 2);
        deputy.Superior = mayor;
        var former = Cadre(department, FormerDeputyMayorName, "Zhang Wei", "原副市长", "Former Deputy Mayor", "+8613805581003", 3);
        former.PostStart = new DateOnly(2021, 1, 1);
        former.PostEnd = new DateOnly(2025, 12, 31);

        var consultation = Topic("consult-" + suffix, "政策咨询", "Policy questions", TopicKind.Consultation, 1);
        var matter = Topic("city-mgmt-" + suffix, "城市管理", "City management", TopicKind.Matter, 2);
        var other = Topic("other-" + suffix, "其他", "Other", TopicKind.Matter, 20);
        var inactive = Topic("retired-" + suffix, "已停用类别", "Retired topic", TopicKind.Matter, 21);
        inactive.IsActive = false;

        db.AddRange(jurisdiction, department, mayor, deputy, former, consultation, matter, other, inactive);
        await db.SaveChangesAsync();
        return new TestDirectory(
            jurisdiction.Id, department.Id, mayor.Id, deputy.Id, former.Id, consultation.Id, matter.Id, other.Id, inactive.Id);
    }

    private static Cadre Cadre(Department department, string name, string pinyin, string position, string positionEn, string mobile, int order) => new()
    {
        Department = department,
        Name = name,
        NamePinyin = pinyin,
        Position = position,
        PositionEn = positionEn,
        Duties = "负责市政府全面工作。",
        DutiesEn = "Leads the municipal government.",
        Mobile = mobile,
        ProtocolOrder = order,
        PostStart = new DateOnly(2024, 1, 1),
    };

    private static Topic Topic(string code, string zh, string en, TopicKind kind, int order) =>
        new() { Code = code, NameZh = zh, NameEn = en, Kind = kind, Order = order };
}
