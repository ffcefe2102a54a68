using Bozhou.Hotline.Core.Text;

namespace Bozhou.Hotline.Core.Operations;

/// <summary>
/// When a background job last succeeded and last failed, one row per job (<see cref="BackgroundJob.Name"/>). Kept in
/// the database rather than in memory so that every instance on one database, and its <c>/healthz</c>, sees the
/// job's runs whichever instance made them. Written only by <see cref="JobRuns"/>.
/// </summary>
public class JobRun
{
    public const int NameMaxLength = 64;

    /// <summary>The longest error kept; a longer message is cut here.</summary>
    public const int ErrorMaxLength = 500;

    [NotDisplayText]
    public string Name { get; set; } = "";

    /// <summary>The end of the last pass that completed (UTC, by the app's clock); null until one has.</summary>
    public DateTimeOffset? LastSuccessUtc { get; set; }

    /// <summary>The end of the last pass that threw (UTC); null until one has.</summary>
    public DateTimeOffset? LastFailureUtc { get; set; }

    /// <summary>When the last pass was started, by whichever instance claimed it (UTC); null until one has.</summary>
    public DateTimeOffset? LastStartedUtc { get; set; }

    /// <summary>
    /// Until when the instance that started the last pass holds the job (UTC); no other instance starts a pass before.
    /// Cleared when the pass ends; left to expire when that instance dies mid-pass. See <see cref="ClusterJob"/>.
    /// </summary>
    public DateTimeOffset? LeaseUntilUtc { get; set; }

    /// <summary>The instance holding the lease (<see cref="JobRuns.InstanceId"/>: host name and process id).</summary>
    [NotDisplayText]
    public string? LeaseHolder { get; set; }

    /// <summary>That failure's exception type and message, at most <see cref="ErrorMaxLength"/> characters.</summary>
    public string? LastError { get; set; }
}
