namespace Bozhou.Hotline.UnitTests.Admin;

/// <summary>Superiors survive an import (逐级反映): kept, inherited by a new holder, named in the file, never an ended record.</summary>
public class DirectoryImportSuperiorTests
{
    private const string Header = "jurisdiction,department,name,position,duties,mobile,office_phone,order,superior\n";

    private static readonly DateOnly Today = new(2026, 3, 2);

    /// <summary>市长 刘洋 (top); 副市长 王强 and 张明 under him; 交通局长 冯海 under 王强.</summary>
    private static (Jurisdiction City, List<Cadre> Current) Directory()
    {
        var city = new Jurisdiction { Id = 1, Code = "city", NameZh = "亳州市" };
        var government = new Department { Id = 10, Jurisdiction = city, JurisdictionId = 1, NameZh = "市政府", Order = 0 };
        var transport = new Department { Id = 11, Jurisdiction = city, JurisdictionId = 1, NameZh = "市交通运输局", Order = 1 };
        city.Departments.AddRange([government, transport]);
        Cadre Make(int id, string name, string position, int order, int? superior, Department department) => new()
        {
            Id = id, Name = name, Position = position, Duties = "负责有关工作", Mobile = "+8613805581001", Department = department,
            DepartmentId = department.Id, ProtocolOrder = order, PostStart = new DateOnly(2024, 1, 1), SuperiorId = superior,
        };
        return (city, [Make(1, "刘洋", "市长", 1, null, government), Make(2, "王强", "副市长", 2, 1, government), Make(3, "张明", "副市长", 3, 1, government),
            Make(4, "冯海", "局长", 1, 2, transport)]);
    }

    private static string Row(string department, string name, string position, int order, string superior = "") =>
        $"亳州市,{department},{name},{position},负责有关工作,13805581001,,{order},{superior}\n";

    private static (ImportPlan Plan, List<Cadre> Current) PlanOf(string rows)
    {
        var (city, current) = Directory();
        var (parsed, errors) = DirectoryImport.Parse(new StringReader(Header + rows));
        return (DirectoryImport.Plan(parsed, errors, [city], current), current);
    }

    private static readonly string Unchanged = Row("市政府", "刘洋", "市长", 1) + Row("市政府", "张明", "副市长", 3) + Row("市交通运输局", "冯海", "局长", 1);

    [Fact]
    public void A_new_holder_of_a_post_takes_its_superior_and_once_the_old_record_ends_its_subordinates()
    {
        var (plan, current) = PlanOf(Unchanged + Row("市政府", "陈立", "副市长", 2));
        var wang = current[1];

        Assert.True(plan.IsValid, string.Join("; ", plan.Errors));
        Assert.Same(wang, Assert.Single(plan.Missing));
        Assert.Same(wang, Assert.Single(plan.Added).PostHolder);
        Assert.Empty(plan.WithoutSuperior);

        var applied = DirectoryImport.Apply(plan, [wang], Today);

        var chen = applied.Cadres.Values.Single();
        Assert.Equal(1, chen.SuperiorId);
        Assert.Same(chen, current[3].Superior);
        Assert.Equal([current[3]], applied.Resuperiored);
    }

    [Fact]
    public void While_the_old_holder_stays_in_post_the_subordinates_stay_with_them()
    {
        var (plan, current) = PlanOf(Unchanged + Row("市政府", "陈立", "副市长", 2));

        var applied = DirectoryImport.Apply(plan, [], Today);

        Assert.Null(current[1].PostEnd);
        Assert.Equal(2, current[3].SuperiorId);
        Assert.Equal(1, applied.Cadres.Values.Single().SuperiorId);
        Assert.Empty(applied.Resuperiored);
    }

    [Fact]
    public void A_cadre_promoted_within_the_unit_keeps_the_superior_and_the_subordinates_follow()
    {
        var (plan, current) = PlanOf(Unchanged + Row("市政府", "王强", "常务副市长", 2));

        Assert.True(plan.IsValid, string.Join("; ", plan.Errors));
        var applied = DirectoryImport.Apply(plan, [], Today);

        var promoted = applied.Cadres.Values.Single();
        Assert.Equal(Today.AddDays(-1), current[1].PostEnd);
        Assert.Equal(1, promoted.SuperiorId);
        Assert.Same(promoted, current[3].Superior);
    }

    [Fact]
    public void A_subordinate_of_an_ended_post_with_no_successor_has_no_superior_and_is_flagged_never_the_ended_record()
    {
        var (plan, current) = PlanOf(Row("市政府", "刘洋", "市长", 1) + Row("市政府", "张明", "副市长", 3) + Row("市交通运输局", "冯海", "局长", 1));

        DirectoryImport.Apply(plan, [current[1]], Today);

        Assert.Null(current[3].SuperiorId);
        Assert.Null(current[3].Superior);
    }

    [Fact]
    public void A_new_post_with_no_predecessor_and_no_superior_named_is_flagged_but_the_top_post_never_is()
    {
        var (plan, _) = PlanOf(Unchanged + Row("市政府", "王强", "副市长", 2) + Row("市交通运输局", "孙丽", "副局长", 2));

        Assert.Equal([("孙丽", "副局长")], plan.WithoutSuperior.Select(p => (p.Name, p.Position)));
    }

    [Fact]
    public void The_superior_column_names_a_row_by_position_or_name()
    {
        var (plan, current) = PlanOf(Unchanged + Row("市政府", "王强", "副市长", 2) + Row("市交通运输局", "孙丽", "副局长", 2, "局长") + Row("市交通运输局", "周磊", "总工程师", 3, "孙丽"));

        Assert.True(plan.IsValid, string.Join("; ", plan.Errors));
        Assert.Empty(plan.WithoutSuperior);
        var applied = DirectoryImport.Apply(plan, [], Today);

        var sun = applied.Cadres.Values.Single(c => c.Name == "孙丽");
        Assert.Equal(4, sun.SuperiorId ?? sun.Superior?.Id);
        Assert.Same(sun, applied.Cadres.Values.Single(c => c.Name == "周磊").Superior);
        Assert.Equal(2, current[3].SuperiorId);
    }

    [Theory]
    [InlineData("副市长", "ambiguous superior")]
    [InlineData("秘书长", "unknown superior")]
    [InlineData("孙丽", "own superior")]
    public void A_superior_that_names_no_row_several_rows_or_the_row_itself_is_an_error(string superior, string message)
    {
        var (plan, _) = PlanOf(Unchanged + Row("市政府", "王强", "副市长", 2) + Row("市交通运输局", "孙丽", "副局长", 2, superior));

        Assert.Contains(new ImportError(5, "superior", message), plan.Errors);
    }

    [Fact]
    public void Superiors_that_form_a_loop_are_an_error()
    {
        var (plan, _) = PlanOf(Row("市政府", "刘洋", "市长", 1, "冯海") + Row("市政府", "王强", "副市长", 2, "市长") + Row("市交通运输局", "冯海", "局长", 1, "王强"));

        Assert.Contains(new ImportError(1, "superior", "superior loop"), plan.Errors);
    }
    [Theory]
    [InlineData("王强")]
    [InlineData("冯海")]
    public void A_superior_named_in_the_file_that_closes_a_loop_with_the_superiors_kept_from_the_directory_is_an_error(string superior)
    {
        // 王强 and 冯海 keep their superiors (刘洋 and 王强): the top post naming either of them would make a loop.
        var (plan, _) = PlanOf(Row("市政府", "刘洋", "市长", 1, superior) + Row("市政府", "王强", "副市长", 2) + Row("市政府", "张明", "副市长", 3)
            + Row("市交通运输局", "冯海", "局长", 1));

        Assert.Contains(new ImportError(1, "superior", "superior loop"), plan.Errors);
        Assert.Throws<InvalidOperationException>(() => DirectoryImport.Apply(plan, [], Today));
    }
}
