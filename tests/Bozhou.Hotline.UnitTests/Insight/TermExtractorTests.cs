using Bozhou.Hotline.Core.Insight;

namespace Bozhou.Hotline.UnitTests.Insight;

/// <summary>The segmentation of descriptions into terms and phrases (jieba.NET with the city's words and the stop words).</summary>
public class TermExtractorTests
{
    private static readonly TermExtractor Extractor = new();

    private const string Description = "你好，我是谯城区花戏楼街道的市民，反映我们小区供暖不热的问题，希望尽快解决。";

    [Fact]
    public void A_place_name_of_the_city_stays_one_term_and_stop_words_are_dropped()
    {
        var terms = Extractor.Extract(Description).Where(k => k.Kind == TermKind.Term).Select(k => k.Key).ToList();

        Assert.Contains("谯城区", terms);
        Assert.Contains("花戏楼街道", terms);
        Assert.Contains("供暖", terms);
        Assert.Contains("不热", terms);
        Assert.DoesNotContain("谯城", terms);
        foreach (var stop in new[] { "你好", "市民", "反映", "问题", "希望", "我们", "尽快", "解决" })
        {
            Assert.DoesNotContain(stop, terms);
        }

        Assert.All(terms, t => Assert.True(t.Length >= 2, t));
    }

    [Fact]
    public void Phrases_join_neighbouring_terms_across_a_stop_word_but_not_across_punctuation()
    {
        var phrases = Extractor.Extract(Description).Where(k => k.Kind == TermKind.Phrase).Select(k => k.Key).ToList();

        Assert.Contains("小区 供暖", phrases);
        Assert.Contains("供暖 不热", phrases);
        // "市民" (a stop word) is dropped, "，" breaks: nothing of the first clause joins the second.
        Assert.DoesNotContain(phrases, p => p.StartsWith("花戏楼街道 ", StringComparison.Ordinal));
    }

    [Fact]
    public void Each_key_is_given_once_however_often_it_occurs()
    {
        var keys = Extractor.Extract("小区停水，小区停水，小区又停水了").Select(k => k.Key).ToList();

        Assert.Equal(keys.Distinct().Count(), keys.Count);
        Assert.Contains("停水", keys);
        Assert.Contains("小区 停水", keys);
    }

    [Fact]
    public void Numbers_and_single_characters_are_not_terms_and_a_blank_description_has_none()
    {
        var terms = Extractor.Extract("12路公交3天没来，等了40分钟").Select(k => k.Key).ToList();

        Assert.DoesNotContain(terms, t => t.Any(char.IsAsciiDigit));
        Assert.Contains("公交", terms);
        Assert.Empty(Extractor.Extract("   "));
        Assert.Empty(Extractor.Extract(null));
    }

    [Fact]
    public void A_name_added_from_the_directory_is_cut_whole()
    {
        Extractor.AddWords(["谯城区住房和城乡建设局"]);

        var terms = Extractor.Extract("已向谯城区住房和城乡建设局反映过").Select(k => k.Key).ToList();

        Assert.Contains("谯城区住房和城乡建设局", terms);
    }
}
