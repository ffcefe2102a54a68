using Prometheus;

namespace Bozhou.Hotline.Core.Operations;

/// <summary>
/// The app's Prometheus metrics, in a registry of their own per app instance (so that two hosts in one process, as
/// in the tests, count apart), exported at <c>/metrics</c>. Counters count what this process did since it started:
/// with several instances each exports its own, and Prometheus adds them up (<c>sum(rate(…))</c>).
/// </summary>
public sealed class HotlineMetrics
{
    public HotlineMetrics()
    {
        var metrics = Metrics.WithCustomRegistry(Registry);
        AppealsLogged = metrics.CreateCounter("hotline_appeals_logged_total", "Appeals logged through the citizens' form by this instance.");
        SmsSent = metrics.CreateCounter("hotline_sms_sent_total", "SMS the gateway accepted from this instance's outbox passes.");
        SmsAttemptsFailed = metrics.CreateCounter(
            "hotline_sms_attempts_failed_total", "SMS send attempts that failed (each is retried until Sms:MaxAttempts).");
        SmsFailed = metrics.CreateCounter(
            "hotline_sms_failed_total", "SMS given up after Sms:MaxAttempts failed attempts (status failed, shown on /workspace/outbox).");
        SmsQueued = metrics.CreateGauge("hotline_sms_outbox_queued", "SMS waiting in the outbox (pending), read at scrape time.");
        SmsFailedStored = metrics.CreateGauge("hotline_sms_outbox_failed", "SMS in the outbox with status failed, read at scrape time.");
        AppealsOpen = metrics.CreateGauge("hotline_appeals_open", "Appeals not yet closed, by status, read at scrape time.", "status");
        AppealsAwaitingReply = metrics.CreateGauge(
            "hotline_appeals_awaiting_reply", "Appeals waiting for the handling cadre's reply (logged, contacted, transferred, reopened), read at scrape time.");
        SupervisionQueue = metrics.CreateGauge(
            "hotline_supervision_queue", "Appeals in each supervision queue (the counts on /supervision's tabs), read at scrape time.", "queue");
        HttpRequests = metrics.CreateCounter(
            "hotline_http_requests_total", "HTTP requests answered, by method, route template (never the path) and status code.", "method", "route", "code");
        HttpRequestDuration = metrics.CreateHistogram(
            "hotline_http_request_duration_seconds", "Time to answer HTTP requests, by method, route template and status code.",
            new HistogramConfiguration { LabelNames = ["method", "route", "code"] });
        JobPasses = metrics.CreateCounter(
            "hotline_job_passes_total", "Passes of the once-per-cluster background jobs that this instance claimed and ran, by job.", "job");
        // The process's own figures: CPU time, memory, threads, garbage collections.
        DotNetStats.Register(Registry);
    }

    /// <summary>Where the metrics are kept; <c>/metrics</c> exports it.</summary>
    public CollectorRegistry Registry { get; } = Metrics.NewCustomRegistry();

    /// <summary>One per appeal stored by the intake (<c>AppealIntake</c>).</summary>
    public Counter AppealsLogged { get; }

    public Counter SmsSent { get; }

    public Counter SmsAttemptsFailed { get; }

    public Counter SmsFailed { get; }

    public Gauge SmsQueued { get; }

    public Gauge SmsFailedStored { get; }

    public Gauge AppealsOpen { get; }

    public Gauge AppealsAwaitingReply { get; }

    public Gauge SupervisionQueue { get; }

    public Counter HttpRequests { get; }

    public Histogram HttpRequestDuration { get; }

    /// <summary>One per pass of a <see cref="ClusterJob"/> this instance claimed (<see cref="JobRuns.TryClaimAsync"/>).</summary>
    public Counter JobPasses { get; }
}
