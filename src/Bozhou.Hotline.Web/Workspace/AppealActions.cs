using System.Security.Claims;
using Bozhou.Hotline.Core.Appeals;
using Bozhou.Hotline.Core.Data;
using Bozhou.Hotline.Core.Phones;
using Bozhou.Hotline.Core.Sms;
using Bozhou.Hotline.Core.Workspace;
using Bozhou.Hotline.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Bozhou.Hotline.Web.Workspace;

public enum AppealActionStatus
{
    Done,

    /// <summary>No such appeal, or not one the user may see: the same answer for both, so ids reveal nothing.</summary>
    NotFound,

    /// <summary>The user may read the appeal but not act on it (it was passed on).</summary>
    Forbidden,

    /// <summary>Someone else changed the appeal since the form was shown.</summary>
    Conflict,

    /// <summary>The appeal's rules refuse the action; <see cref="AppealActionOutcome.RuleCode"/> says which.</summary>
    Rule,
}

public sealed record AppealActionOutcome(AppealActionStatus Status, string? RuleCode = null)
{
    public static readonly AppealActionOutcome Done = new(AppealActionStatus.Done);
}

/// <summary>
/// Runs one workspace action on one appeal as one transaction: the access rule, the version the form was
/// shown with, the appeal's own rule, and the save, which fails rather than overwrite a concurrent change.
/// </summary>
public sealed class AppealActions(
    HotlineDbContext db, WorkspaceActors actors, AppealClockSource clocks, CallerDataProtector callerData, TimeProvider time)
{
    /// <summary>The codes of the workspace's own refusals, shown like the appeal's rules.</summary>
    public const string NoMobile = "Workspace.Rule.NoMobile";
    public const string UnknownCadre = "Workspace.Rule.UnknownCadre";
    public const string NotPassedOn = "Workspace.Rule.NotPassedOn";

    public async Task<AppealActionOutcome> RunAsync(
        ClaimsPrincipal user, long appealId, int version, Func<AppealActionContext, Task> act, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(act);
        var actor = await actors.CurrentAsync(user, cancellationToken);
        var appeal = await db.Appeals.FirstOrDefaultAsync(a => a.Id == appealId, cancellationToken);
        if (actor is null || appeal is null || !AppealAccess.MayView(actor, appeal))
        {
            return new(AppealActionStatus.NotFound);
        }

        // A form from before the appeal changed (passed on, say) is told to refresh, not refused outright.
        if (appeal.Version != version)
        {
            return new(AppealActionStatus.Conflict);
        }

        if (!AppealAccess.MayAct(actor, appeal))
        {
            return new(AppealActionStatus.Forbidden);
        }

        var context = new AppealActionContext(
            appeal, actor.NameActingFor(appeal.HandlerCadreId), actor.UserId, await clocks.GetAsync(cancellationToken), time.GetUtcNow(), db, callerData);
        try
        {
            await act(context);
            await db.SaveChangesAsync(cancellationToken);
            return AppealActionOutcome.Done;
        }
        catch (AppealRuleException e)
        {
            db.ChangeTracker.Clear();
            return new(AppealActionStatus.Rule, e.Code);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new(AppealActionStatus.Conflict);
        }
    }
}

/// <summary>What an action works with: the appeal, who acts (name and user id), the clock and the moment.</summary>
public sealed class AppealActionContext(
    Appeal appeal, string actorName, string userId, AppealClock clock, DateTimeOffset now, HotlineDbContext db, CallerDataProtector callerData)
{
    public Appeal Appeal { get; } = appeal;

    public string ActorName { get; } = actorName;

    public string UserId { get; } = userId;

    public AppealClock Clock { get; } = clock;

    public DateTimeOffset Now { get; } = now;

    public HotlineDbContext Db { get; } = db;

    /// <summary>
    /// Puts an SMS to the caller in the outbox, in the same transaction as the action. Refused when the
    /// callback number is not a mobile or the caller's data was purged.
    /// </summary>
    public void QueueSmsToCaller(string body)
    {
        var phone = callerData.Reveal(Appeal.CallerPhoneCipher);
        if (phone is null || !ChinesePhone.IsMobile(phone))
        {
            throw new AppealRuleException(AppealActions.NoMobile);
        }

        Db.SmsMessages.Add(SmsDelivery.Queue(Appeal.Id, Appeal.CallerPhoneCipher!, Appeal.CallerPhoneMasked ?? ChinesePhone.Mask(phone), body, Now));
    }

    /// <summary>
    /// How the caller's SMS names a cadre who holds a post today ("市交通运输局局长张伟"); null for anyone else,
    /// who cannot receive a transfer.
    /// </summary>
    public Task<string?> CurrentCadreForCallerAsync(int cadreId, CancellationToken cancellationToken)
    {
        var today = Core.Calendar.ChinaTime.DateOf(Now);
        return Db.Cadres
            .Where(c => c.Id == cadreId && c.PostStart <= today && (c.PostEnd == null || c.PostEnd >= today))
            .Select(c => c.Department.NameZh + c.Position + c.Name)
            .FirstOrDefaultAsync(cancellationToken);
    }
}
