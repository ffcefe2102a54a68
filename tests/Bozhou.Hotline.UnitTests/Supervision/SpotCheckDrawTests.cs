namespace Bozhou.Hotline.UnitTests.Supervision;

public class SpotCheckDrawTests
{
    private static readonly int[] Cadres = Enumerable.Range(1, 81).ToArray();

    [Fact]
    public void The_same_seed_replays_the_same_draw_whatever_order_the_candidates_come_in()
    {
        var first = SpotCheckDraw.Draw(Cadres, 5, seed: 20260302);
        var replay = SpotCheckDraw.Draw(Cadres.Reverse(), 5, seed: 20260302);

        Assert.Equal(first, replay);
        Assert.Equal(5, first.Distinct().Count());
        Assert.All(first, id => Assert.Contains(id, Cadres));
    }

    [Fact]
    public void Different_seeds_give_different_draws()
    {
        var draws = Enumerable.Range(0, 20).Select(seed => string.Join(',', SpotCheckDraw.Draw(Cadres, 5, seed))).ToHashSet();

        Assert.True(draws.Count >= 19, $"only {draws.Count} distinct draws of 20");
    }

    [Fact]
    public void Asking_for_more_than_there_are_draws_everyone_once()
    {
        Assert.Equal([1, 2, 3], SpotCheckDraw.Draw([3, 1, 2, 2], 10, seed: 1).Order());
    }
}
