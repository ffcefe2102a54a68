using Bozhou.Hotline.Core.Operations;
using Bozhou.Hotline.Core.Sms;

namespace Bozhou.Hotline.Web.Pages.Admin;

/// <summary>The administration's home: its sections, and each background job's last pass as the database records it (every instance's).</summary>
public class IndexModel(HotlineDbContext db) : PageModel
{
    /// <summary>The app's background jobs, in the order shown.</summary>
    public static readonly IReadOnlyList<string> JobNames =
        [SmsOutboxService.JobName, StatsRefreshService.JobName, UnratedAppealCloser.JobName, PersonalDataPurger.JobName];

    /// <summary>Each job's recorded row, or null before its first pass.</summary>
    public IReadOnlyList<(string Name, JobRun? Run)> Jobs { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var runs = await JobRuns.ReadAsync(db, cancellationToken);
        Jobs = [.. JobNames.Select(name => (name, runs.GetValueOrDefault(name)))];
    }

    /// <summary>A recorded time in China time, or a dash.</summary>
    public static string Time(DateTimeOffset? at) => at is { } t ? ChinaTime.ToChina(t).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "—";
}
