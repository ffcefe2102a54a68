using Microsoft.AspNetCore.OutputCaching;

namespace Bozhou.Hotline.Web.Pages.Directory;

/// <summary>The directory: everyone holding a post, grouped in protocol order, or the search results lowest level first.</summary>
[OutputCache(PolicyName = DirectoryCache.PolicyName)]
public class IndexModel(DirectoryReader reader) : PageModel
{
    public bool English { get; } = DirectoryCulture.IsEnglish;

    /// <summary>The search words as used: cleaned and cut to length; empty lists everyone.</summary>
    public string Query { get; private set; } = "";

    public DirectoryFilter Filter { get; private set; } = new();

    public IReadOnlyList<Jurisdiction> Jurisdictions { get; private set; } = [];

    public IReadOnlyList<Department> Departments { get; private set; } = [];

    public IReadOnlyList<Topic> Topics { get; private set; } = [];

    public IReadOnlyList<JurisdictionGroup> Groups { get; private set; } = [];

    public IReadOnlyList<SearchHit> Hits { get; private set; } = [];

    /// <summary>The app clock's time of this request: availability notes beside the call buttons show until it passes.</summary>
    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync([FromQuery] DirectoryQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var cadres = await reader.ActiveCadresAsync(cancellationToken);
        Now = reader.Now;

        // The choices offered are those someone holds a post in, so every choice finds someone.
        Jurisdictions = [.. cadres.Select(c => c.Department.Jurisdiction).DistinctBy(j => j.Id).OrderBy(j => j.Order)];
        Departments = [.. cadres.Select(c => c.Department).DistinctBy(d => d.Id).OrderBy(d => d.Jurisdiction.Order).ThenBy(d => d.Order)];
        Topics = [.. cadres.SelectMany(c => c.Topics).Select(t => t.Topic).Where(t => t.IsActive).DistinctBy(t => t.Id).OrderBy(t => t.Order)];
        Filter = new DirectoryFilter(
            Jurisdictions.Any(j => j.Code == query.Jurisdiction) ? query.Jurisdiction : null,
            Departments.Any(d => d.Id == query.Department) ? query.Department : null,
            Topics.Any(t => t.Code == query.Topic) ? query.Topic : null);

        Query = DirectorySearch.Clean(query.Q);
        // A filter no one answers to (a topic no cadre handles now, an ended unit in an old link) finds no one: it is
        // not dropped, which would list everyone as if they handled it.
        var unmatched = (!string.IsNullOrEmpty(query.Jurisdiction) && Filter.JurisdictionCode is null)
            || (query.Department is not null && Filter.DepartmentId is null)
            || (!string.IsNullOrEmpty(query.Topic) && Filter.TopicCode is null);
        var shown = unmatched ? [] : Filter.Apply(cadres).ToList();
        if (Query.Length > 0)
        {
            Hits = DirectorySearch.Search(shown, Query, new CadreHierarchy(cadres));
        }
        else
        {
            Groups = DirectoryListing.Group(shown);
        }
    }
}
