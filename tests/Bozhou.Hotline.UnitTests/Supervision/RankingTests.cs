namespace Bozhou.Hotline.UnitTests.Supervision;

public class RankingTests
{
    private sealed record Row(string Name, int Successes, int Cases);

    [Fact]
    public void Rows_rank_by_rate_then_by_lower_bound_with_ties_sharing_a_rank_and_too_few_last()
    {
        Row[] rows =
        [
            new("few", 5, 5),           // too few: no rank, last
            new("seventy-of-100", 70, 100),
            new("seven-of-10", 7, 10),  // same rate, wider interval: after seventy-of-100
            new("ninety", 9, 10),
            new("tie-a", 5, 10),
            new("tie-b", 5, 10),        // identical to tie-a: same rank
            new("last", 1, 10),
        ];

        var ranked = Ranking.Rank(rows, r => new RateEstimate(r.Successes, r.Cases));

        Assert.Equal(
            ["ninety", "seventy-of-100", "seven-of-10", "tie-a", "tie-b", "last", "few"],
            ranked.Select(r => r.Row.Name));
        Assert.Equal([1, 2, 3, 4, 4, 6, null], ranked.Select(r => r.Rank));
    }
}
