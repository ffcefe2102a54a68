namespace Bozhou.Hotline.IntegrationTests.DirectoryPages;

public class DirectorySearchTests(DemoDirectorySite site) : IClassFixture<DemoDirectorySite>
{
    [Fact]
    public async Task A_Chinese_duty_search_puts_the_transport_bureau_head_first_and_the_deputy_mayor_in_charge_after()
    {
        using var client = site.Factory.CreateClient();

        var page = await client.GetPageAsync("/directory?q=" + Uri.EscapeDataString("公交"));

        Assert.Equal(["冯海涛", "王建华"], page.CadreNames("#results"));
        var first = page.QuerySelector("#results li")!;
        Assert.NotNull(first.QuerySelector(".start-here"));
        Assert.Contains("市交通运输局局长", first.TextContent, StringComparison.Ordinal);
        Assert.Equal("公交", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input#q")!.Value);
        Assert.Contains("公交", page.QuerySelector("h1")!.Text(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bus")]
    [InlineData("Buses")]
    public async Task An_English_search_finds_the_same_people_by_English_words(string query)
    {
        using var client = site.Factory.CreateClient();

        var page = await client.GetPageAsync("/directory?q=" + query);

        Assert.Equal(["冯海涛", "王建华"], page.CadreNames("#results"));
    }

    [Theory]
    [InlineData("ｗａｎｇ", "wang")]
    [InlineData("ＢＵＳ", "bus")]
    [InlineData("公交　ｂｕｓ", "公交 bus")]
    public async Task A_full_width_query_finds_what_its_ordinary_form_finds(string fullWidth, string ordinary)
    {
        using var client = site.Factory.CreateClient();

        var expected = (await client.GetPageAsync("/directory?q=" + Uri.EscapeDataString(ordinary))).CadreNames("#results");
        var found = (await client.GetPageAsync("/directory?q=" + Uri.EscapeDataString(fullWidth))).CadreNames("#results");

        Assert.NotEmpty(expected);
        Assert.Equal(expected, found);
    }

    [Fact]
    public async Task Several_English_words_must_all_match()
    {
        using var client = site.Factory.CreateClient();

        var page = await client.GetPageAsync("/directory?q=transfer+point");

        Assert.Equal(["冯海涛"], page.CadreNames("#results"));
    }

    [Fact]
    public async Task A_search_steers_to_the_lowest_level_first_county_bureaus_before_the_city_bureau_and_deputies_after()
    {
        using var client = site.Factory.CreateClient();

        var page = await client.GetPageAsync("/directory?q=" + Uri.EscapeDataString("教育"));

        var names = page.CadreNames("#results");
        // Four county and district education bureau heads, then the city's, the deputy county heads and the deputy mayor.
        Assert.Equal(["苏婉清", "邵文华", "史文君", "严静"], names.Take(4));
        Assert.True(names.IndexOf("何晓梅") < names.IndexOf("孙丽萍"), string.Join(",", names));
        Assert.Equal("孙丽萍", names[^1]);
    }

    [Fact]
    public async Task A_search_by_name_or_pinyin_finds_the_cadre()
    {
        using var client = site.Factory.CreateClient();

        Assert.Equal(["欧阳晓峰"], (await client.GetPageAsync("/directory?q=" + Uri.EscapeDataString("欧阳"))).CadreNames("#results"));
        Assert.Equal(["欧阳晓峰"], (await client.GetPageAsync("/directory?q=ouyang")).CadreNames("#results"));
    }

    [Fact]
    public async Task Each_result_shows_its_escalation_path_up_to_the_top_as_links_to_the_cards()
    {
        using var client = site.Factory.CreateClient();
        var ids = new[] { await site.Factory.CadreIdAsync("王建华"), await site.Factory.CadreIdAsync("刘志远"), await site.Factory.CadreIdAsync("陈立新") };

        var page = await client.GetPageAsync("/directory?q=" + Uri.EscapeDataString("公交"));

        var links = page.QuerySelectorAll("#results li")[0].QuerySelectorAll(".escalation-path a");
        Assert.Equal(ids.Select(id => $"/directory/cadres/{id}"), links.Select(a => a.Href()));
        Assert.Equal(["王建华（市委常委、常务副市长）", "刘志远（市委副书记、市长）", "陈立新（市委书记）"], links.Select(a => a.Text()));
    }

    [Fact]
    public async Task A_search_within_a_filter_keeps_the_escalation_path_above_the_filter()
    {
        using var client = site.Factory.CreateClient();

        var page = await client.GetPageAsync("/directory?jurisdiction=lixin&q=" + Uri.EscapeDataString("教育局"));

        Assert.Equal(["严静"], page.CadreNames("#results"));
        Assert.Equal(["乔慧芳", "贺永胜", "黎明辉", "陈立新"], page.QuerySelectorAll("#results .escalation-path a").Select(a => a.Text()[..a.Text().IndexOf('（', StringComparison.Ordinal)]));
    }

    [Fact]
    public async Task A_search_that_finds_nobody_says_so_and_points_to_12345()
    {
        using var client = site.Factory.CreateClient();

        var page = await client.GetPageAsync("/directory?q=" + Uri.EscapeDataString("火星移民"));

        Assert.Empty(page.QuerySelectorAll("article.cadre"));
        Assert.Contains("12345", page.QuerySelector("#no-results")!.TextContent, StringComparison.Ordinal);
    }

    public static TheoryData<string> HostileQueries() => new()
    {
        string.Concat(Enumerable.Repeat("公交' OR 1=1; DROP TABLE Cadres;-- ", 400))[..10_000],
        "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>",
        "\0\u0001\u0007\u001b[31m\u007f\u202e公交\r\n\t",
        "😀👨‍👩‍👧 %_ \\ ' \" ; --",
        "' OR '1'='1' UNION SELECT * FROM AspNetUsers --",
        new string('\u0000', 10_000),
    };

    [Theory]
    [InlineData("%ED%A0%80%FF%00%0A%E5%85")]
    [InlineData("%%%41%zz&q=second")]
    public async Task A_query_that_is_not_valid_UTF8_or_percent_encoding_gives_an_ordinary_page(string rawQuery)
    {
        using var client = site.Factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/directory?q=" + rawQuery, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(HostileQueries))]
    public async Task A_hostile_query_gives_an_ordinary_results_page_with_the_query_cleaned_and_escaped(string query)
    {
        using var client = site.Factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/directory?q=" + Uri.EscapeDataString(query), UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        var page = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        var echoed = page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input#q")!.Value;
        Assert.InRange(echoed.Length, 0, 100);
        Assert.DoesNotContain(echoed, char.IsControl);
        Assert.NotNull(page.QuerySelector("h1"));
    }
}
