namespace Bozhou.Hotline.UnitTests.DirectoryRules;

public class CadreHierarchyTests
{
    [Fact]
    public void A_loop_in_the_superiors_is_cut_where_it_would_repeat()
    {
        var a = new Cadre { Id = 1, SuperiorId = 2 };
        var b = new Cadre { Id = 2, SuperiorId = 3 };
        var c = new Cadre { Id = 3, SuperiorId = 1 };
        var hierarchy = new CadreHierarchy([a, b, c]);

        Assert.Equal([2, 3], hierarchy.EscalationPath(a).Select(x => x.Id));
        Assert.Equal(2, hierarchy.Depth(a));
    }

    [Fact]
    public void The_path_stops_at_a_superior_who_no_longer_holds_a_post()
    {
        var head = new Cadre { Id = 1, SuperiorId = 2 };
        var deputy = new Cadre { Id = 2, SuperiorId = 99 };
        var hierarchy = new CadreHierarchy([head, deputy]);

        Assert.Equal([2], hierarchy.EscalationPath(head).Select(x => x.Id));
        Assert.Equal(0, hierarchy.Depth(deputy));
    }

    [Fact]
    public void A_superior_who_is_the_cadre_or_below_it_would_close_a_loop()
    {
        // 3 reports to 2, 2 to 1; 4 stands apart; 5 and 6 already loop without 1.
        var superiorOf = new Dictionary<int, int?> { [1] = null, [2] = 1, [3] = 2, [4] = null, [5] = 6, [6] = 5 };

        Assert.True(CadreHierarchy.WouldLoop(1, 1, superiorOf));
        Assert.True(CadreHierarchy.WouldLoop(1, 3, superiorOf));
        Assert.False(CadreHierarchy.WouldLoop(3, 1, superiorOf));
        Assert.False(CadreHierarchy.WouldLoop(1, 4, superiorOf));
        Assert.False(CadreHierarchy.WouldLoop(1, 5, superiorOf));
    }
}
