using Bozhou.Hotline.Core.Insight;

namespace Bozhou.Hotline.UnitTests.Insight;

/// <summary>The windows, the scopes written in links and the ranking of the rising keys.</summary>
public class RisingTermsRulesTests
{
    [Fact]
    public void The_weekly_windows_are_the_seven_closed_days_and_the_twenty_eight_before()
    {
        var w = TrendWindow.Weekly(new DateOnly(2026, 3, 2));

        Assert.Equal((new DateOnly(2026, 2, 23), new DateOnly(2026, 3, 1)), (w.RecentFrom, w.RecentTo));
        Assert.Equal((new DateOnly(2026, 1, 26), new DateOnly(2026, 2, 22)), (w.PreviousFrom, w.PreviousTo));
    }

    [Fact]
    public void The_bulletins_month_runs_to_yesterday_against_the_three_whole_months_before()
    {
        var running = TrendWindow.Monthly(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 10));
        var past = TrendWindow.Monthly(new DateOnly(2026, 2, 1), new DateOnly(2026, 3, 10));

        Assert.Equal((new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 9)), (running.RecentFrom, running.RecentTo));
        Assert.Equal((new DateOnly(2025, 12, 1), new DateOnly(2026, 2, 28)), (running.PreviousFrom, running.PreviousTo));
        Assert.Equal((new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28)), (past.RecentFrom, past.RecentTo));
        Assert.Equal(new DateOnly(2025, 11, 1), past.PreviousFrom);
    }

    [Theory]
    [InlineData(null, TrendScopeKind.City, 0)]
    [InlineData("city", TrendScopeKind.City, 0)]
    [InlineData("j-3", TrendScopeKind.Jurisdiction, 3)]
    [InlineData("d-12", TrendScopeKind.Department, 12)]
    [InlineData("c-7", TrendScopeKind.Cadre, 7)]
    public void A_scope_reads_back_what_its_code_wrote(string? code, TrendScopeKind kind, int id)
    {
        var scope = TrendScope.Parse(code)!;

        Assert.Equal((kind, id), (scope.Kind, scope.Id));
        Assert.Equal(scope, TrendScope.Parse(scope.Code));
    }

    [Theory]
    [InlineData("x-1")]
    [InlineData("j-")]
    [InlineData("j-0")]
    [InlineData("j--4")]
    [InlineData("d-1;drop")]
    public void An_unreadable_scope_is_refused(string code) => Assert.Null(TrendScope.Parse(code));

    [Fact]
    public void A_term_its_phrase_explains_is_left_out_and_the_rest_ranked_by_p_then_count()
    {
        static RisingKey Key(string key, TermKind kind, int recent, double p) => new(key, kind, new RateRiseResult(recent, 100, 0, 400, p, true));
        var ranked = RisingTerms.Rank(
        [
            Key("停水", TermKind.Term, 10, 0.001),
            Key("小区 停水", TermKind.Phrase, 9, 0.002),
            Key("小区", TermKind.Term, 20, 0.0001),
            Key("供暖", TermKind.Term, 6, 0.002),
            Key("路灯", TermKind.Term, 8, 0.002),
        ]);

        // "停水": 9 of its 10 appeals carry "小区 停水" (≥ 80%): left out. "小区": 9 of 20, kept.
        Assert.Equal(["小区", "小区 停水", "路灯", "供暖"], ranked.Select(k => k.Key));
    }
}
