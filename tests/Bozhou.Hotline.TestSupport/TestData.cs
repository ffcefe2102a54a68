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
/// The public side's part of <see cref="TestWorld"/>, inserted through the DbContext, independent of the demo
/// seed: the city government (its mayor, a deputy mayor reporting to the mayor, a former deputy mayor) and
/// four topics. Codes carry a random suffix, so one factory can take several directories.
/// </summary>
public static class TestData
{
    public static readonly string MayorName = TestWorld.People.LiuYang.Name;
    public static readonly string MayorPosition = TestWorld.People.LiuYang.Post;
    public static readonly string DeputyMayorName = TestWorld.People.WangQiang.Name;
    public static readonly string DeputyMayorPosition = TestWorld.People.WangQiang.Post;
    public static readonly string FormerDeputyMayorName = TestWorld.People.ZhengHua.Name;

    public static async Task<TestDirectory> SeedDirectoryAsync(this HotlineFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var world = new TestWorldBuilder(Guid.NewGuid().ToString("N")[..8]);
        var start = new DateOnly(2024, 1, 1);
        var mayor = world.Cadre(TestWorld.People.LiuYang, start);
        var deputy = world.Cadre(TestWorld.People.WangQiang, start);
        deputy.Superior = mayor;
        var former = world.Cadre(TestWorld.People.ZhengHua, new DateOnly(2021, 1, 1), new DateOnly(2025, 12, 31));
        var consultation = world.Topic(TestWorld.PolicyTopic);
        var matter = world.Topic(TestWorld.CityManagementTopic);
        var other = world.Topic(TestWorld.OtherTopic);
        var inactive = world.Topic(TestWorld.RetiredTopic);
        await world.SaveAsync(db);
        var department = world.Department(TestWorld.CityGovernment);
        return new TestDirectory(
            department.JurisdictionId, department.Id, mayor.Id, deputy.Id, former.Id, consultation.Id, matter.Id, other.Id, inactive.Id);
    }
}
