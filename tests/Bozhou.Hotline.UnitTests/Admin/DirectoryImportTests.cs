using System.Text;

namespace Bozhou.Hotline.UnitTests.Admin;

public class DirectoryImportTests
{
    private const string Header = "jurisdiction,department,name,position,duties,mobile,office_phone,order\n";

    private static (Jurisdiction City, List<Cadre> Current) Directory()
    {
        var city = new Jurisdiction { Id = 1, Code = "city", NameZh = "亳州市" };
        var government = new Department { Id = 10, Jurisdiction = city, JurisdictionId = 1, NameZh = "市政府" };
        city.Departments.Add(government);
        var transport = new Department { Id = 11, Jurisdiction = city, JurisdictionId = 1, NameZh = "市交通运输局", Order = 1 };
        city.Departments.Add(transport);
        Cadre Make(int id, string name, string position, int order, int? superior, Department? department = null) => new()
        {
            Id = id, Name = name, Position = position, Duties = "负责有关工作", Mobile = "+8613805581001", Department = department ?? government,
            DepartmentId = (department ?? government).Id, ProtocolOrder = order, PostStart = new DateOnly(2024, 1, 1), SuperiorId = superior,
        };
        return (city, [Make(1, "刘洋", "市长", 1, null), Make(2, "王强", "副市长", 2, 1), Make(3, "张明", "副市长", 3, 1), Make(4, "冯海", "局长", 1, 2, transport)]);
    }

    private static ImportPlan PlanOf(string text)
    {
        var (city, current) = Directory();
        var (rows, errors) = DirectoryImport.Parse(new StringReader(text));
        return DirectoryImport.Plan(rows, errors, [city], current);
    }

    [Fact]
    public void A_valid_file_plans_additions_changes_and_ends_and_applies_them()
    {
        var (city, current) = Directory();
        var text = Header
            + "亳州市,市政府,刘洋,市长,负责有关工作,13805581001,,1\n"
            + "city,市政府,王强,副市长,\"分管教育、卫生健康，联系市妇联\",13805581009,0558-5123456,2\n"
            + "亳州市,市政府,孙浩,副市长,分管交通,13905581234,,4\n"
            + "亳州市,市数据资源局,周磊,局长,,13905585678,,1\n";
        var (rows, errors) = DirectoryImport.Parse(new StringReader(text));
        var plan = DirectoryImport.Plan(rows, errors, [city], current);

        Assert.True(plan.IsValid, string.Join("; ", plan.Errors));
        Assert.Equal(["孙浩", "周磊"], plan.Added.Select(a => a.Row.Name));
        Assert.Equal("王强", Assert.Single(plan.Changed).Cadre.Name);
        Assert.Equal(["张明", "冯海"], plan.Missing.Select(c => c.Name));
        Assert.Empty(plan.Replaced);
        Assert.Equal("市数据资源局", Assert.Single(plan.NewDepartments).Name);

        var (departments, added, _) = DirectoryImport.Apply(plan, [current[2]], new DateOnly(2026, 3, 2));
        var cadres = added.Values.ToList();
        Assert.Equal(new DateOnly(2026, 3, 1), current[2].PostEnd);
        Assert.Null(current[3].PostEnd);
        Assert.Equal(("分管教育、卫生健康，联系市妇联", "+8613805581009", "+865585123456"), (current[1].Duties, current[1].Mobile, current[1].OfficePhone));
        Assert.Same(departments[0], cadres.Single(c => c.Name == "周磊").Department);
        Assert.Equal(new DateOnly(2026, 3, 2), cadres[0].PostStart);
    }

    [Fact]
    public void Values_are_read_as_they_will_be_stored_one_line_each_and_the_duties_as_free_text()
    {
        var (rows, errors) = DirectoryImport.Parse(new StringReader(Header
            + "亳州市,市政府,\"孙\n浩\u202E\",\"副\u0000市长\",\"分管交通\r\n\u001b[31m联系公路中心\",１３９－０５５８－１２３４,,4\n"));

        Assert.Empty(errors);
        var row = Assert.Single(rows);
        Assert.Equal(("孙 浩", "副市长", "分管交通\n[31m联系公路中心", "+8613905581234"), (row.Name, row.Position, row.Duties, row.Mobile));
    }

    [Fact]
    public void A_name_of_control_characters_alone_is_missing()
    {
        var (_, errors) = DirectoryImport.Parse(new StringReader(Header + "亳州市,市政府,\u0001\u202E,副市长,,13905581234,,4\n"));

        Assert.Equal(new ImportError(1, "name", "missing"), Assert.Single(errors));
    }

    [Fact]
    public void A_row_that_differs_from_the_stored_record_only_by_invisible_marks_is_unchanged()
    {
        var plan = PlanOf(Header + "亳州市,市政府,\u202E刘洋,市长\u0007,负责有关工作,13805581001,,1\n亳州市,市政府,王强,副市长,负责有关工作,13805581001,,2\n"
            + "亳州市,市政府,张明,副市长,负责有关工作,13805581001,,3\n亳州市,市交通运输局,冯海,局长,负责有关工作,13805581001,,1\n");

        Assert.True(plan.IsValid, string.Join("; ", plan.Errors));
        Assert.Empty(plan.Added);
        Assert.Empty(plan.Changed);
        Assert.Empty(plan.Replaced);
        Assert.Empty(plan.Missing);
    }

    [Fact]
    public void A_change_of_position_ends_the_old_post_and_adds_a_new_one()
    {
        var plan = PlanOf(Header + "亳州市,市政府,王强,常务副市长,,13805581001,,2\n亳州市,市政府,刘洋,市长,负责有关工作,13805581001,,1\n亳州市,市政府,张明,副市长,负责有关工作,13805581001,,3\n");

        Assert.True(plan.IsValid);
        Assert.Equal("王强", Assert.Single(plan.Replaced).Name);
        Assert.Equal("常务副市长", Assert.Single(plan.Added).Row.Position);
    }

    [Theory]
    [InlineData("亳州市,市政府,孙浩,副市长,,12345,,1", 1, "mobile", "bad phone")]
    [InlineData("亳州市,市政府,孙浩,副市长,,13905581234,123,1", 1, "office_phone", "bad phone")]
    [InlineData("合肥市,市政府,孙浩,副市长,,13905581234,,1", 1, "jurisdiction", "unknown jurisdiction")]
    [InlineData("亳州市,市政府,,副市长,,13905581234,,1", 1, "name", "missing")]
    [InlineData("亳州市,市政府,孙浩,,,13905581234,,1", 1, "position", "missing")]
    [InlineData("亳州市,市政府,孙浩,副市长,,13905581234,,一", 1, "order", "not a number")]
    [InlineData("亳州市,市政府,孙浩,副市长,,13905581234,,1\n亳州市,市政府,孙浩,副局长,,13905581235,,2", 2, "name", "duplicate person")]
    public void Each_kind_of_bad_row_is_reported_by_row_and_column_and_nothing_applies(string rows, int row, string column, string message)
    {
        var plan = PlanOf(Header + rows + "\n");

        Assert.False(plan.IsValid);
        Assert.Contains(new ImportError(row, column, message), plan.Errors);
        Assert.Throws<InvalidOperationException>(() => DirectoryImport.Apply(plan, [], new DateOnly(2026, 3, 2)));
    }

    [Fact]
    public void A_file_without_a_needed_column_is_refused()
    {
        var plan = PlanOf("jurisdiction,department,name\n亳州市,市政府,孙浩\n");

        Assert.Equal("missing column", Assert.Single(plan.Errors).Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void UTF8_with_or_without_BOM_reads_the_same_Chinese_text_with_quoted_commas_and_newlines(bool bom)
    {
        var text = Header + "亳州市,市政府,孙浩,副市长,\"分管交通运输、城市管理，\n联系市城管局\",139 0558 1234,,4\n";
        var bytes = new UTF8Encoding(bom).GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray();
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);

        var (rows, errors) = DirectoryImport.Parse(reader);

        Assert.Empty(errors);
        var row = Assert.Single(rows);
        Assert.Equal(("亳州市", "孙浩", "分管交通运输、城市管理，\n联系市城管局", "+8613905581234"), (row.Jurisdiction, row.Name, row.Duties, row.Mobile));
        var (asText, _) = DirectoryImport.Parse(new StringReader(Encoding.UTF8.GetString(bytes)));
        Assert.Equal("亳州市", Assert.Single(asText).Jurisdiction);
    }
    [Fact]
    public void A_file_of_more_rows_than_a_directory_has_is_refused_with_one_error_not_one_a_row()
    {
        var csv = string.Join(",", DirectoryImport.Columns) + "\n" + string.Concat(Enumerable.Repeat("市直,市政府,李明,副市长,负责有关工作,13905580000,,2\n", 20_001));

        var (rows, errors) = DirectoryImport.Parse(new StringReader(csv));

        Assert.Empty(rows);
        Assert.Equal([new ImportError(20_001, "", "too many rows")], errors);
    }

    [Fact]
    public void A_file_of_wrong_rows_reports_the_first_hundred_errors_and_stops()
    {
        var csv = string.Join(",", DirectoryImport.Columns) + "\n" + string.Concat(Enumerable.Repeat("x\n", 100_000));

        var (_, errors) = DirectoryImport.Parse(new StringReader(csv));

        Assert.InRange(errors.Count, 100, 110);
        Assert.Equal("too many errors", errors[^1].Message);
    }
}
