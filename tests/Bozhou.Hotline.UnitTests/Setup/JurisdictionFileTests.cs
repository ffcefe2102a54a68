using Bozhou.Hotline.Core.Directory;
using Bozhou.Hotline.Core.Setup;

namespace Bozhou.Hotline.UnitTests.Setup;

public class JurisdictionFileTests
{
    [Fact]
    public void A_file_gives_its_jurisdictions_in_row_order_with_codes_in_lower_case_and_an_english_name_optional()
    {
        var (jurisdictions, errors) = JurisdictionFile.Parse(new StringReader("\uFEFFcode,name_zh,name_en\nFuyang,阜阳市直,City of Fuyang\nyingzhou, 颍州区 ,\n"));

        Assert.Empty(errors);
        Assert.Equal([new JurisdictionDefinition("fuyang", "阜阳市直", "City of Fuyang"), new JurisdictionDefinition("yingzhou", "颍州区", "")], jurisdictions);
    }

    [Theory]
    [InlineData("code,name\nfuyang,阜阳市直\n", "missing: name_zh,name_en")]
    [InlineData("code,name_zh,name_en\n", "no rows")]
    [InlineData("code,name_zh,name_en\n阜阳,阜阳市直,\n", "row 1: code '阜阳'")]
    [InlineData("code,name_zh,name_en\nfuyang,,\n", "row 1: name_zh must be 1 to 40 characters")]
    [InlineData("code,name_zh,name_en\nfuyang,阜阳市直,\nFUYANG,颍州区,\n", "row 2: code 'fuyang' is given twice")]
    [InlineData("code,name_zh,name_en\nfuyang,阜阳市直,\nyingzhou,阜阳市直,\n", "row 2: name_zh '阜阳市直' is given twice")]
    public void A_wrong_file_gives_no_jurisdictions_and_says_which_row_is_wrong(string csv, string error)
    {
        var (jurisdictions, errors) = JurisdictionFile.Parse(new StringReader(csv));

        Assert.Empty(jurisdictions);
        Assert.Contains(errors, e => e.Contains(error, StringComparison.Ordinal));
    }

    [Fact]
    public void The_city_defaults_are_bozhous_five_jurisdictions_and_at_most_the_allowed_topics_other_included()
    {
        Assert.Equal(["市直", "谯城区", "涡阳县", "蒙城县", "利辛县"], CityDefaults.Jurisdictions.Select(j => j.NameZh));
        Assert.InRange(CityDefaults.Topics.Count, 1, Topic.MaxActive);
        Assert.Contains(CityDefaults.Topics, t => t.Code == "other");
        Assert.All(CityDefaults.Jurisdictions, j => Assert.Matches(Jurisdiction.CodePattern, j.Code));
    }
}
