using Bozhou.Hotline.Core.Sms;

namespace Bozhou.Hotline.Web.Pages.Workspace;

/// <summary>The SMS sent for the user's cadres: failed ones first, kept and resendable, never deleted.</summary>
public class OutboxModel(WorkspaceActors actors, HotlineDbContext db, TimeProvider time, IStringLocalizer<WorkspaceResource> w) : PageModel
{
    public const int Shown = 200;

    public IReadOnlyList<OutboxRow> Messages { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await actors.CurrentAsync(User, cancellationToken) is not { } actor)
        {
            return Challenge();
        }

        var ids = actor.CadreIds.ToList();
        var rows = await (from m in db.SmsMessages.AsNoTracking()
                          join a in db.Appeals on m.AppealId equals a.Id
                          where ids.Contains(a.CadreId) || ids.Contains(a.HandlerCadreId)
                          orderby m.CreatedAt descending
                          select new OutboxRow(m.Id, a.Id, a.TrackingCode, m.ToPhoneMasked, m.Body, m.Status, m.Attempts, m.CreatedAt, m.NextAttemptAt, m.SentAt, m.LastError,
                              ids.Contains(a.HandlerCadreId)))
            .Take(Shown)
            .ToListAsync(cancellationToken);
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
    long Id, long AppealId, string TrackingCode, string ToMasked, string Body, SmsStatus Status, int Attempts, DateTimeOffset CreatedAt,
    DateTimeOffset NextAttemptAt, DateTimeOffset? SentAt, string? LastError, bool MayResend);
