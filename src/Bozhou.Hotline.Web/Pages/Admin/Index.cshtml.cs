using Bozhou.Hotline.Core.Operations;
using Bozhou.Hotline.Core.Sms;

namespace Bozhou.Hotline.Web.Pages.Admin;

/// <summary>The administration's home: its sections, and each background job's last pass as the database records it (every instance's).</summary>
public class IndexModel(HotlineDbContext db, TimeProvider time) : PageModel
{
    /// <summary>The app's background jobs, in the order shown.</summary>
    public static readonly IReadOnlyList<string> JobNames =
        [SmsOutboxService.JobName, StatsRefreshService.JobName, Core.Insight.TermIndexService.JobName, UnratedAppealCloser.JobName, PersonalDataPurger.JobName];

    /// <summary>Each job's recorded row, or null before its first pass.</summary>
    public IReadOnlyList<(string Name, JobRun? Run)> Jobs { get; private set; } = [];

    /// <summary>The posts held today whose superior is not set (<see cref="CadreHierarchy.LacksSuperior"/>), in protocol order.</summary>
    public IReadOnlyList<Cadre> WithoutSuperior { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var today = ChinaTime.DateOf(time.GetUtcNow());
        var held = await db.Cadres.AsNoTracking().Include(c => c.Department).ThenInclude(d => d.Jurisdiction)
            .Where(c => c.PostStart <= today && (c.PostEnd == null || c.PostEnd >= today)).ToListAsync(cancellationToken);
        WithoutSuperior = [.. new CadreHierarchy(held).WithoutSuperior()
            .OrderBy(c => c.Department.Jurisdiction.Order).ThenBy(c => c.Department.Order).ThenBy(c => c.ProtocolOrder)];
        var runs = await JobRuns.ReadAsync(db, cancellationToken);
        Jobs = [.. JobNames.Select(name => (name, runs.GetValueOrDefault(name)))];
    }

    /// <summary>A recorded time in China time, or a dash.</summary>
    public static string Time(DateTimeOffset? at) => at is { } t ? ChinaTime.ToChina(t).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "—";
}
