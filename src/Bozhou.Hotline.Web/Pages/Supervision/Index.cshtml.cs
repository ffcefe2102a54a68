using Bozhou.Hotline.Web.Hosting;
using Bozhou.Hotline.Web.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Caching.Memory;

namespace Bozhou.Hotline.Web.Pages.Supervision;

/// <summary>The queues: what is late and by how much, sorted by how late, with a reminder (催办) per row.</summary>
public class IndexModel(
    SupervisionQueues queues, EscalationLadder ladder, AppealClockSource clocks, TimeProvider time,
    IOptions<SupervisionOptions> options, IStringLocalizer<SupervisionResource> localizer, FilterChoicesSource choices, LiveFigures live) : PageModel
{
    public const int ReminderMaxLength = 200;

    public QueueKind Kind { get; private set; } = QueueKind.MissedCalls;

    public QueueFilterInput Filter { get; private set; } = new();

    public QueuePage Queue { get; private set; } = null!;

    public IReadOnlyDictionary<QueueKind, int> Counts { get; private set; } = new Dictionary<QueueKind, int>();

    public FilterChoices Choices { get; private set; } = null!;

    public DateTimeOffset Now { get; private set; }

    /// <summary>When the counts on the tabs were taken (at most <see cref="SupervisionOptions.LiveFiguresMaxAge"/> ago).</summary>
    public DateTimeOffset CountedAt { get; private set; }

    public TimeSpan CountsMaxAge => options.Value.LiveFiguresMaxAge;

    public async Task OnGetAsync(QueueKind kind, [FromQuery] QueueFilterInput filter, [FromQuery(Name = "p")] int pageNumber = 1, CancellationToken cancellationToken = default)
    {
        Kind = Enum.IsDefined(kind) ? kind : QueueKind.MissedCalls;
        Filter = filter;
        if (!ModelState.IsValid)
        {
            // A mistyped date or id in the address is dropped, not a server error.
            Filter = new QueueFilterInput { Jurisdiction = filter.Jurisdiction };
        }

        Now = time.GetUtcNow();
        var clock = await clocks.GetAsync(cancellationToken);
        var queueFilter = Filter.ToFilter();
        var counted = await queues.CountAllAsync(live, queueFilter, clock, Now, cancellationToken);
        CountedAt = counted.At;
        Counts = counted.Value.ToDictionary(c => c.Key, c => c.Value.Sum());
        Queue = await queues.PageAsync(Kind, queueFilter, pageNumber, options.Value.QueuePageSize, clock, Now, cancellationToken, counted.Value[Kind]);
        // The shown queue's tab says what its rows say: a kept count that disagreed was counted again.
        Counts = new Dictionary<QueueKind, int>(Counts) { [Kind] = Queue.Total };
        Choices = await choices.GetAsync(cancellationToken);
    }

    /// <summary>The resource key of what a reminder's outcome tells the office ({0}: the tracking code).</summary>
    public static string ReminderMessage(ReminderOutcome outcome) => outcome switch
    {
        ReminderOutcome.Closed => "Remind.Closed",
        ReminderOutcome.AlreadyToday => "Remind.AlreadyToday",
        ReminderOutcome.Busy => "Remind.Busy",
        _ => "Remind.Sent",
    };

    /// <summary>催办: a reminder on the appeal's timeline and an SMS to the handling cadre, then back to the same queue.</summary>
    public async Task<IActionResult> OnPostRemindAsync(long appealId, [SingleLine] string? text, string? returnUrl, CancellationToken cancellationToken)
    {
        if (text is { Length: > ReminderMaxLength })
        {
            this.Flash(localizer["Remind.TooLong", ReminderMaxLength]);
            return LocalRedirect(ReturnAddress.LocalOr(returnUrl, Url.Page("/Supervision/Index")!));
        }

        var result = await ladder.RemindAsync(appealId, text, User.ToActor(), time.GetUtcNow(), cancellationToken);
        if (result.Appeal is null)
        {
            return NotFound();
        }

        this.Flash(localizer[ReminderMessage(result.Outcome), result.Appeal.TrackingCode]);
        return LocalRedirect(ReturnAddress.LocalOr(returnUrl, Url.Page("/Supervision/Index")!));
    }
}
