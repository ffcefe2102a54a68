using Bozhou.Hotline.Core.Directory;

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
}
