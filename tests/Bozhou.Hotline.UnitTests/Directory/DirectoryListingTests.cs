namespace Bozhou.Hotline.UnitTests.DirectoryRules;

public class DirectoryListingTests
{
    [Fact]
    public void Cadres_are_grouped_by_jurisdiction_then_department_in_protocol_order_whatever_order_they_come_in()
    {
        var cadres = DirectoryFixture.Cadres();
        cadres.Reverse();

        var groups = DirectoryListing.Group(cadres);

        Assert.Equal(["市直", "谯城区", "涡阳县", "蒙城县", "利辛县"], groups.Select(g => g.Jurisdiction.NameZh));
        var city = groups[0].Departments;
        Assert.Equal(["中共亳州市委", "亳州市人民政府", "亳州市交通运输局"], city.Take(3).Select(d => d.Department.NameZh));
        Assert.Equal(["市委副书记、市长", "市委常委、常务副市长"], city[1].Cadres.Take(2).Select(c => c.Position));
    }

    [Fact]
    public void A_filter_narrows_by_jurisdiction_department_and_topic_together()
    {
        var cadres = DirectoryFixture.Cadres();
        var guoyangTransport = cadres.First(c => c.Department.NameZh == "涡阳县交通运输局").DepartmentId;

        Assert.Equal(15, new DirectoryFilter(JurisdictionCode: "guoyang").Apply(cadres).Count());
        Assert.Single(new DirectoryFilter(DepartmentId: guoyangTransport).Apply(cadres));
        Assert.Equal(2, new DirectoryFilter("guoyang", TopicCode: "transport").Apply(cadres).Count());
        Assert.Empty(new DirectoryFilter("lixin", guoyangTransport).Apply(cadres));
    }

    [Fact]
    public void The_current_holder_of_an_ended_post_is_the_one_now_in_the_same_position_and_department()
    {
        var today = new DateOnly(2026, 3, 2);
        var former = new Cadre { Id = 1, DepartmentId = 5, Position = "市教育局局长", PostStart = new(2020, 1, 1), PostEnd = new(2025, 12, 31) };
        var successor = new Cadre { Id = 2, DepartmentId = 5, Position = "市教育局局长", PostStart = new(2026, 1, 1) };
        var other = new Cadre { Id = 3, DepartmentId = 6, Position = "市教育局局长", PostStart = new(2026, 1, 1) };

        Assert.Same(successor, DirectoryListing.CurrentHolder(former, [former, other, successor], today));
        Assert.Null(DirectoryListing.CurrentHolder(former, [former, other], today));
    }
}
