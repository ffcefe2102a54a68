using Bozhou.Hotline.Core.Sms;

namespace Bozhou.Hotline.Web.Pages.Workspace;

/// <summary>
/// The SMS sent for the user's cadres (about their appeals, or to their handling side, the digest included): failed ones
/// first, kept and resendable, never deleted; those the gateway limits kept back (duplicate, over the daily limit) and
/// those held overnight are shown as such.
/// </summary>
public class OutboxModel(WorkspaceActors actors, HotlineDbContext db, TimeProvider time, IStringLocalizer<WorkspaceResource> w) : PageModel
{
    public const int Shown = 200;

    public IReadOnlyList<OutboxRow> Messages { get; private set; } = [];

    /// <summary>The moment the page was read, to tell a message held overnight from one due now.</summary>
    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await actors.CurrentAsync(User, cancellationToken) is not { } actor)
        {
            return Challenge();
        }

        var ids = actor.CadreIds.ToList();
        var rows = await (from m in db.SmsMessages.AsNoTracking()
                          join a in db.Appeals on m.AppealId equals a.Id into appeals
                          from a in appeals.DefaultIfEmpty()
                          where (a != null && (ids.Contains(a.CadreId) || ids.Contains(a.HandlerCadreId))) || (m.CadreId != null && ids.Contains(m.CadreId.Value))
                          orderby m.CreatedAt descending
                          select new OutboxRow(m.Id, m.AppealId, a == null ? null : a.TrackingCode, m.ToPhoneMasked, m.Body, m.Status, m.Attempts, m.CreatedAt,
                              m.NextAttemptAt, m.SentAt, m.LastError, a != null && ids.Contains(a.HandlerCadreId)))
            .Take(Shown)
            .ToListAsync(cancellationToken);
        Now = time.GetUtcNow();
        Messages = [.. rows.OrderBy(r => r.Status switch { SmsStatus.Failed => 0, SmsStatus.Pending => 1, _ => 2 })];
        return Page();
    }

    /// <summary>Sends a failed message again, for those who may act on its appeal.</summary>
    public async Task<IActionResult> OnPostRetryAsync(long messageId, CancellationToken cancellationToken)
    {
        if (await actors.CurrentAsync(User, cancellationToken) is not { } actor)
        {
            return Challenge();
        }

        var message = await db.SmsMessages.FirstOrDefaultAsync(m => m.Id == messageId, cancellationToken);
        var handler = message?.AppealId is { } appealId
            ? await db.Appeals.Where(a => a.Id == appealId).Select(a => (int?)a.HandlerCadreId).FirstOrDefaultAsync(cancellationToken)
            : null;
        if (message is null || handler is null || !AppealAccess.MayAct(actor, handler.Value))
        {
            return NotFound();
        }

        SmsDelivery.Requeue(message, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        this.Flash(w["Outbox.Requeued"]);
        return RedirectToPage("/Workspace/Outbox");
    }
}

public sealed record OutboxRow(
    long Id, long? AppealId, string? TrackingCode, string ToMasked, string Body, SmsStatus Status, int Attempts, DateTimeOffset CreatedAt,
    DateTimeOffset NextAttemptAt, DateTimeOffset? SentAt, string? LastError, bool MayResend);
