using Bozhou.Hotline.Core.Demo;
using Bozhou.Hotline.Core.Phones;

namespace Bozhou.Hotline.UnitTests.DirectoryRules;

public class DemoDirectoryTests
{
    private static readonly DemoDirectoryData Demo = DemoDirectory.Build();

    [Fact]
    public void The_demo_has_81_cadres_across_the_five_jurisdictions_in_protocol_order()
    {
        Assert.Equal(81, Demo.Cadres.Count);
        Assert.Equal(["city", "qiaocheng", "guoyang", "mengcheng", "lixin"], Demo.Jurisdictions.OrderBy(j => j.Order).Select(j => j.Code));
        Assert.All(Demo.Jurisdictions, j => Assert.NotEmpty(j.Departments.SelectMany(d => d.Cadres)));
        Assert.Equal("市委书记", Demo.Cadres[0].Position);
    }

    [Fact]
    public void Every_demo_number_is_a_valid_Chinese_number_mobiles_fictional_and_offices_in_0558()
    {
        Assert.All(Demo.Cadres, c =>
        {
            Assert.True(ChinesePhone.IsMobile(c.Mobile), c.Mobile);
            Assert.StartsWith("+86138000000", c.Mobile, StringComparison.Ordinal);
            Assert.NotNull(c.OfficePhone);
            Assert.StartsWith("0558", ChinesePhone.NationalDigits(c.OfficePhone), StringComparison.Ordinal);
        });
        Assert.Equal(81, Demo.Cadres.Select(c => c.Mobile).Distinct().Count());
    }

    [Fact]
    public void Every_demo_cadre_has_English_position_duties_and_pinyin_and_at_least_one_topic()
    {
        Assert.All(Demo.Cadres, c =>
        {
            Assert.False(string.IsNullOrWhiteSpace(c.NamePinyin), c.Name);
            Assert.False(string.IsNullOrWhiteSpace(c.PositionEn), c.Name);
            Assert.False(string.IsNullOrWhiteSpace(c.DutiesEn), c.Name);
            Assert.NotEmpty(c.Topics);
        });
    }

    [Fact]
    public void The_demo_topics_are_at_most_20_with_Other_and_Policy_questions_a_consultation()
    {
        Assert.InRange(Demo.Topics.Count, 1, Topic.MaxActive);
        Assert.Contains(Demo.Topics, t => t.Code == "other" && t.NameZh == "其他" && t.NameEn == "Other");
        var policy = Assert.Single(Demo.Topics, t => t.Kind == TopicKind.Consultation);
        Assert.Equal(("政策咨询", "Policy questions"), (policy.NameZh, policy.NameEn));
    }

    [Fact]
    public void A_city_bureau_head_escalates_to_the_deputy_mayor_in_charge_then_the_mayor()
    {
        var transport = Demo.Cadres.Single(c => c.Position == "市交通运输局局长");

        Assert.Equal(["市委常委、常务副市长", "市委副书记、市长", "市委书记"], Chain(transport).Select(c => c.Position));
    }

    [Fact]
    public void A_county_bureau_head_escalates_to_a_deputy_county_head_then_the_county_head()
    {
        var education = Demo.Cadres.Single(c => c.Department.NameZh == "涡阳县教育局");

        Assert.Equal(["副县长", "县委副书记、县长", "县委书记", "市委书记"], Chain(education).Select(c => c.Position));
    }

    [Fact]
    public void The_first_city_deputy_mayor_by_protocol_is_the_executive_deputy_mayor_in_charge_of_transport()
    {
        var first = Demo.Cadres
            .Where(c => c.Department.Jurisdiction.Code == "city" && c.Position.Contains("副市长", StringComparison.Ordinal))
            .OrderBy(c => c.Department.Order).ThenBy(c => c.ProtocolOrder)
            .First();

        Assert.Equal("市委常委、常务副市长", first.Position);
        Assert.Contains("公交", first.Duties, StringComparison.Ordinal);
    }

    private static List<Cadre> Chain(Cadre cadre)
    {
        var chain = new List<Cadre>();
        for (var s = cadre.Superior; s is not null; s = s.Superior)
        {
            chain.Add(s);
        }

        return chain;
    }
}
