namespace Bozhou.Hotline.UnitTests.DirectoryRules;

public class DirectorySearchTests
{
    private static readonly List<Cadre> Cadres = DirectoryFixture.Cadres();
    private static readonly CadreHierarchy Hierarchy = new(Cadres);

    private static List<string> Positions(string query) =>
        [.. DirectorySearch.Search(Cadres, query, Hierarchy).Select(h => h.Cadre.Position)];

    [Fact]
    public void A_duty_word_finds_the_bureau_head_first_and_the_deputy_mayor_in_charge_after()
    {
        Assert.Equal(["市交通运输局局长", "市委常委、常务副市长"], Positions("公交"));
    }

    [Fact]
    public void English_words_find_the_same_people_and_bus_does_not_match_business()
    {
        Assert.Equal(["市交通运输局局长", "市委常委、常务副市长"], Positions("bus"));
        Assert.Equal(["市交通运输局局长"], Positions("transfer point"));
        Assert.Equal(["市交通运输局局长"], Positions("TRANSFER  Points"));
    }

    [Fact]
    public void Lower_levels_come_first_so_county_bureau_heads_precede_the_city_bureau_head()
    {
        var hits = DirectorySearch.Search(Cadres, "教育局", Hierarchy);

        Assert.Equal(5, hits.Count);
        Assert.All(hits.Take(4), h => Assert.Equal(4, h.Depth));
        Assert.Equal("市教育局局长", hits[4].Cadre.Position);
        Assert.True(hits.Select(h => h.Depth).SequenceEqual(hits.Select(h => h.Depth).OrderDescending()));
    }

    [Fact]
    public void Every_word_must_match_across_fields()
    {
        var hits = DirectorySearch.Search(Cadres, "涡阳 教育", Hierarchy);

        Assert.Equal("涡阳县教育局", hits[0].Cadre.Department.NameZh);
        Assert.All(hits, h => Assert.Equal("guoyang", h.Cadre.Department.Jurisdiction.Code));
    }

    [Fact]
    public void A_name_or_its_pinyin_finds_the_cadre()
    {
        Assert.Equal("王建华", Assert.Single(DirectorySearch.Search(Cadres, "王建华", Hierarchy)).Cadre.Name);
        Assert.Equal("王建华", Assert.Single(DirectorySearch.Search(Cadres, "wangjianhua", Hierarchy)).Cadre.Name);
        Assert.Contains(DirectorySearch.Search(Cadres, "Jianhua", Hierarchy), h => h.Cadre.Name == "王建华");
    }

    [Theory]
    [InlineData("ｗａｎｇ", "wang")]
    [InlineData("ＷＡＮＧＪＩＡＮＨＵＡ", "wangjianhua")]
    [InlineData("ｂｕｓ", "bus")]
    [InlineData("公交　车", "公交 车")]
    public void A_full_width_query_finds_what_its_ordinary_form_finds(string fullWidth, string ordinary)
    {
        var expected = Positions(ordinary);

        Assert.NotEmpty(expected);
        Assert.Equal(expected, Positions(fullWidth));
    }

    [Fact]
    public void Full_width_punctuation_in_a_field_matches_its_ordinary_form_in_the_query_and_back()
    {
        var cadres = DirectoryFixture.Cadres();
        cadres[0].Position = "副市长（兼）";
        var hierarchy = new CadreHierarchy(cadres);

        Assert.Contains(DirectorySearch.Search(cadres, "副市长(兼)", hierarchy), h => h.Cadre == cadres[0]);
        cadres[0].Position = "副市长(兼)";
        Assert.Contains(DirectorySearch.Search(cadres, "副市长（兼）", hierarchy), h => h.Cadre == cadres[0]);
    }

    [Fact]
    public void Each_hit_carries_its_escalation_path_up_to_the_top()
    {
        var hit = DirectorySearch.Search(Cadres, "公交", Hierarchy)[0];

        Assert.Equal(["王建华", "刘志远", "陈立新"], hit.EscalationPath.Select(c => c.Name));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\0\u0001\u200E")]
    public void An_empty_query_finds_nobody(string query)
    {
        Assert.Empty(DirectorySearch.Search(Cadres, query, Hierarchy));
    }

    [Fact]
    public void Clean_strips_control_and_direction_characters_and_collapses_white_space()
    {
        Assert.Equal("公交 车站", DirectorySearch.Clean("  公\0交\t\r\n 车\u202E站\u0007  "));
        Assert.Equal("👨‍👩‍👧 ok", DirectorySearch.Clean("👨‍👩‍👧\u0000 ok"));
    }

    [Fact]
    public void Clean_cuts_long_queries_to_100_characters_without_splitting_a_surrogate_pair()
    {
        Assert.Equal(DirectorySearch.MaxQueryLength, DirectorySearch.Clean(new string('公', 10_000)).Length);
        var emoji = DirectorySearch.Clean("a" + string.Concat(Enumerable.Repeat("😀", 60)));
        Assert.Equal(99, emoji.Length);
        Assert.False(char.IsHighSurrogate(emoji[^1]));
    }

    [Fact]
    public void Hostile_text_finds_nothing_and_throws_nothing()
    {
        Assert.Empty(DirectorySearch.Search(Cadres, "' OR 1=1; DROP TABLE Cadres; -- <script>alert(1)</script> %_\\", Hierarchy));
    }
}
