using Bozhou.Hotline.Web.Pages.Directory;
using Microsoft.AspNetCore.OutputCaching;

namespace Bozhou.Hotline.Web.Pages;

/// <summary>The home page: the search box, the units to browse by, and the 12345 and quiet-hours advice.</summary>
[OutputCache(PolicyName = DirectoryCache.PolicyName)]
public class IndexModel(DirectoryReader reader) : PageModel
{
    public bool English { get; } = DirectoryCulture.IsEnglish;

    /// <summary>The departments someone holds a post in, by jurisdiction, in protocol order.</summary>
    public IReadOnlyList<IGrouping<Jurisdiction, Department>> Jurisdictions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var departments = await reader.StaffedDepartmentsAsync(cancellationToken);
        Jurisdictions = [.. departments.GroupBy(d => d.Jurisdiction, JurisdictionById.Instance)];
    }

    /// <summary>Queries without tracking give each department its own copy of the jurisdiction.</summary>
    private sealed class JurisdictionById : IEqualityComparer<Jurisdiction>
    {
        public static readonly JurisdictionById Instance = new();

        public bool Equals(Jurisdiction? x, Jurisdiction? y) => x?.Id == y?.Id;

        public int GetHashCode(Jurisdiction obj) => obj.Id;
    }
}
