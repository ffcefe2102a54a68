using Bozhou.Hotline.Core.Demo;

// Not "….UnitTests.Directory": a namespace of that name would hide System.IO.Directory from every other
// test namespace in this project.
namespace Bozhou.Hotline.UnitTests.DirectoryRules;

/// <summary>The demo directory with ids assigned, as the database would give them back.</summary>
internal static class DirectoryFixture
{
    public static List<Cadre> Cadres()
    {
        var demo = DemoDirectory.Build();
        var id = 0;
        foreach (var jurisdiction in demo.Jurisdictions)
        {
            jurisdiction.Id = ++id;
        }

        foreach (var department in demo.Jurisdictions.SelectMany(j => j.Departments))
        {
            department.Id = ++id;
            department.JurisdictionId = department.Jurisdiction.Id;
        }

        foreach (var topic in demo.Topics)
        {
            topic.Id = ++id;
        }

        foreach (var cadre in demo.Cadres)
        {
            cadre.Id = ++id;
            cadre.DepartmentId = cadre.Department.Id;
        }

        foreach (var cadre in demo.Cadres)
        {
            cadre.SuperiorId = cadre.Superior?.Id;
            foreach (var tag in cadre.Topics)
            {
                tag.CadreId = cadre.Id;
                tag.TopicId = tag.Topic.Id;
            }
        }

        return [.. demo.Cadres];
    }
}
