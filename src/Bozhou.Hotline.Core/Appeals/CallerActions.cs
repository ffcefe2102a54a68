using Bozhou.Hotline.Core.Sms;

namespace Bozhou.Hotline.Core.Appeals;

/// <summary>What a caller does on the status page through the tracking code proved, each step run by <see cref="AppealActionRunner"/>.</summary>
public sealed class CallerActions(AppealActionRunner runner)
{
    /// <summary>
    /// The caller's rating (回访). When it sends the appeal back (发回重办), the caller is told by SMS by when the new reply
    /// is due, and the handling side to reply again by then, in the same save.
    /// </summary>
    public Task<AppealActionOutcome> RateAsync(Actor caller, bool resolved, int score, string? comment, CancellationToken cancellationToken = default) =>
        runner.RunForCallerAsync(caller, async c =>
        {
            c.Appeal.Rate(resolved, score, comment, c.Clock, c.Now, c.TimelineActor);
            if (c.Appeal.Status == AppealStatus.Reopened)
            {
                var due = new SmsValues(Due: c.Appeal.ReplyDueAt);
                await c.TellCallerAsync(SmsText.CallerReopened, due, cancellationToken);
                await c.TellHandlingSideAsync(c.Appeal.HandlerCadreId, SmsText.CadreReopened, due, cancellationToken);
            }
        }, cancellationToken);

    /// <summary>The caller called or texted again; a missed call restarts the callback clock.</summary>
    public Task<AppealActionOutcome> CallAgainAsync(Actor caller, DateTimeOffset calledAt, CallOutcome outcome, CancellationToken cancellationToken = default) =>
        runner.RunForCallerAsync(caller, c => c.Appeal.RecordCitizenCall(calledAt, outcome, c.Clock, c.Now, c.TimelineActor), cancellationToken);
}
