using Bozhou.Hotline.Core.Appeals;
using Bozhou.Hotline.Core.Audit;
using Bozhou.Hotline.Core.Data;
using Bozhou.Hotline.Core.Directory;
using Bozhou.Hotline.Core.Settings;
using Bozhou.Hotline.Core.Sms;
using Microsoft.EntityFrameworkCore;

namespace Bozhou.Hotline.Core.Supervision;

/// <summary>What an early warning (预警) found.</summary>
public enum EarlyWarningRule
{
    /// <summary>A cadre's answer rate (接通率) over the last 2 weeks is significantly below the previous 8 weeks'.</summary>
    AnswerRateDrop = 1,

    /// <summary>A cadre's callback-on-time rate (按时回电率) over the last 2 weeks is significantly below the previous 8 weeks'.</summary>
    CallbackRateDrop = 2,

    /// <summary>A department got three unsatisfied ratings (1 or 2) in a row (连续三次不满意).</summary>
    UnsatisfiedRun = 3,
}

/// <summary>
/// One early warning for the supervision office, with the figures behind it. Raised once per rule, subject and window
/// (a unique key on <see cref="Rule"/>, <see cref="SubjectId"/>, <see cref="WindowEnd"/>); dismissed with a written reason.
/// </summary>
public class EarlyWarning
{
    public const int ReasonMaxLength = 1000;

    public long Id { get; set; }

    public EarlyWarningRule Rule { get; set; }

    /// <summary>The cadre's id for the rate rules; the department's id for <see cref="EarlyWarningRule.UnsatisfiedRun"/>.</summary>
    public int SubjectId { get; set; }

    /// <summary>
    /// The window's end (UTC): for the rate rules the end of the last closed China day of the recent window (midnight
    /// China time after it); for a run of unsatisfied ratings the instant of its third rating.
    /// </summary>
    public DateTimeOffset WindowEnd { get; set; }

    /// <summary>The recent window's first China date (rate rules; null for a run).</summary>
    public DateOnly? RecentFrom { get; set; }

    /// <summary>The baseline window's first China date (rate rules; it ends the day before <see cref="RecentFrom"/>).</summary>
    public DateOnly? BaselineFrom { get; set; }

    /// <summary>Recent window: calls answered or callbacks on time (rate rules); satisfied ratings (0) in a run.</summary>
    public int RecentSuccesses { get; set; }

    /// <summary>Recent window: call attempts outside quiet hours or callbacks due (rate rules); the run's ratings (3).</summary>
    public int RecentTrials { get; set; }

    public int BaselineSuccesses { get; set; }

    public int BaselineTrials { get; set; }

    /// <summary>The test's z (rate rules).</summary>
    public double? Z { get; set; }

    /// <summary>The test's one-sided p-value (rate rules).</summary>
    public double? P { get; set; }

    /// <summary>A run's appeals, in rating order, comma-separated (<c>Id:score</c>); null for the rate rules.</summary>
    [NotDisplayText]
    public string? Ratings { get; set; }

    public DateTimeOffset RaisedAt { get; set; }

    public DateTimeOffset? DismissedAt { get; set; }

    [SingleLine]
    public string? DismissedBy { get; set; }

    [NotDisplayText]
    public string? DismissedByUserId { get; set; }

    public string? DismissReason { get; set; }

    public bool IsDismissed => DismissedAt is not null;

    /// <summary>A run's ratings as (appeal id, score) pairs, in rating order.</summary>
    public IReadOnlyList<(long AppealId, int Score)> RunRatings =>
        [.. (Ratings ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split(':'))
            .Select(p => (long.Parse(p[0], CultureInfo.InvariantCulture), int.Parse(p[1], CultureInfo.InvariantCulture)))];

    /// <summary>The test of the figures stored (rate rules).</summary>
    public TwoProportionResult Test => new(RecentSuccesses, RecentTrials, BaselineSuccesses, BaselineTrials, Z, P, P < EarlyWarningRules.Alpha);
}

/// <summary>
/// The rules of the early warnings (PRODUCT §6, issue 24): pure, no clock or database.
/// <list type="bullet">
/// <item>A cadre's answer rate (calls answered ÷ call attempts outside quiet hours) or callback-on-time rate (callbacks on
/// time ÷ callbacks due) over the recent <see cref="RecentDays"/> China days, ending at the last closed day, against the
/// <see cref="BaselineDays"/> days before: a one-sided pooled two-proportion z-test (<see cref="TwoProportionTest"/>),
/// p &lt; <see cref="Alpha"/>, made only with at least <see cref="MinimumCases"/> cases in each window. Days are the
/// appeals' cohorts (the China date each appeal was logged), as the daily roll-ups count them.</item>
/// <item>A department's ratings across its cadres' appeals, in rating order: the third unsatisfied rating (score 1 or 2) in a
/// row raises one warning; the run going on raises no other until a rating that is not unsatisfied ends it.</item>
/// </list>
/// </summary>
public static class EarlyWarningRules
{
    public const int RecentDays = 14;
    public const int BaselineDays = 56;
    public const int MinimumCases = 20;
    public const double Alpha = 0.01;
    public const int RunLength = 3;

    /// <summary>How far back ratings are read to find where a run starts.</summary>
    public const int RunLookbackDays = 90;

    /// <summary>A run is raised only when its third rating falls within this many days of the evaluation (no old history on a first pass).</summary>
    public const int RunRaiseWithinDays = RecentDays;

    /// <summary>The last closed China day at <paramref name="now"/> (UTC): yesterday in China.</summary>
    public static DateOnly LastClosedDay(DateTimeOffset now) => ChinaTime.DateOf(now).AddDays(-1);

    /// <summary>The recent window (<see cref="RecentDays"/> days ending at <paramref name="lastClosedDay"/>) and the baseline before it, China dates, inclusive.</summary>
    public static (DateOnly RecentFrom, DateOnly RecentTo, DateOnly BaselineFrom, DateOnly BaselineTo) Windows(DateOnly lastClosedDay) =>
        (lastClosedDay.AddDays(1 - RecentDays), lastClosedDay, lastClosedDay.AddDays(1 - RecentDays - BaselineDays), lastClosedDay.AddDays(-RecentDays));

    /// <summary>The test of a drop from <paramref name="baseline"/> successes/trials to <paramref name="recent"/>, at this rule's level and minimum.</summary>
    public static TwoProportionResult RateDrop((int Successes, int Trials) recent, (int Successes, int Trials) baseline) =>
        TwoProportionTest.Lower(recent.Successes, recent.Trials, baseline.Successes, baseline.Trials, MinimumCases, Alpha);

    /// <summary>Whether a satisfaction score (1–5) is unsatisfied: 1 or 2.</summary>
    public static bool IsUnsatisfied(int score) => score is 1 or 2;

    /// <summary>
    /// The positions, in <paramref name="scoresInRatingOrder"/> (one department's ratings by rating time), of each run's
    /// <see cref="RunLength"/>th unsatisfied rating in a row: 1,2,1 raises at 2; 1,1,5,1 raises nothing; 1,1,1,1 raises once.
    /// </summary>
    public static IEnumerable<int> RunEnds(IReadOnlyList<int> scoresInRatingOrder)
    {
        ArgumentNullException.ThrowIfNull(scoresInRatingOrder);
        var run = 0;
        for (var i = 0; i < scoresInRatingOrder.Count; i++)
        {
            run = IsUnsatisfied(scoresInRatingOrder[i]) ? run + 1 : 0;
            if (run == RunLength)
            {
                yield return i;
            }
        }
    }

    /// <summary>What a warning's text says (Chinese, for the SMS), with its figures: "近2周接通率50.0%，明显低于前8周83.3%".</summary>
    public static string Summary(EarlyWarning warning)
    {
        ArgumentNullException.ThrowIfNull(warning);
        var test = warning.Test;
        return warning.Rule switch
        {
            EarlyWarningRule.AnswerRateDrop => string.Create(CultureInfo.InvariantCulture, $"近2周接通率{test.RecentRate:0.0%}，明显低于前8周{test.BaselineRate:0.0%}"),
            EarlyWarningRule.CallbackRateDrop => string.Create(CultureInfo.InvariantCulture, $"近2周按时回电率{test.RecentRate:0.0%}，明显低于前8周{test.BaselineRate:0.0%}"),
            _ => "连续三次评价不满意",
        };
    }
}

/// <summary>An early warning as the office's queue lists it, with its subject's names.</summary>
public sealed record EarlyWarningRow(EarlyWarning Warning, string SubjectZh, string SubjectEn, int? CadreId);

public enum DismissResult
{
    Dismissed = 1,
    NoSuchWarning = 2,
    AlreadyDismissed = 3,
    NoReason = 4,
}

/// <summary>
/// Raises the early warnings (<see cref="EarlyWarningRules"/>) from the daily roll-ups and the ratings, each once per
/// window, with one SMS per new warning to the supervision office's mobile (<see cref="CurrentSettings.SupervisionMobile"/>)
/// queued in the same transaction; lists them; dismisses one with a written reason, audited. Run once per cluster by
/// <see cref="StatsRefreshService"/> after the roll-ups.
/// </summary>
public sealed class EarlyWarnings(HotlineDbContext db, SmsNotifier sms, SettingsStore settings)
{
    /// <summary>
    /// Evaluates both rules at <paramref name="now"/> (UTC) and stores the warnings not yet raised for their window; returns
    /// how many were raised. A warning another evaluation stored first (the unique key refuses the second) is skipped.
    /// </summary>
    public async Task<int> EvaluateAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var found = new List<EarlyWarning>();
        found.AddRange(await RateDropsAsync(now, cancellationToken));
        found.AddRange(await UnsatisfiedRunsAsync(now, cancellationToken));
        var raised = 0;
        foreach (var warning in found)
        {
            raised += await RaiseAsync(warning, now, cancellationToken) ? 1 : 0;
        }

        return raised;
    }

    /// <summary>The rate rules' warnings at <paramref name="now"/>, from the stored daily roll-ups of the two windows.</summary>
    public async Task<List<EarlyWarning>> RateDropsAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var last = EarlyWarningRules.LastClosedDay(now);
        var (recentFrom, recentTo, baselineFrom, _) = EarlyWarningRules.Windows(last);
        var sums = await db.DailyCadreStats.AsNoTracking()
            .Where(s => s.Date >= baselineFrom && s.Date <= recentTo)
            .GroupBy(s => s.CadreId)
            .Select(g => new
            {
                CadreId = g.Key,
                RecentAnswered = g.Sum(s => s.Date >= recentFrom ? s.CallsAnswered : 0),
                RecentAttempts = g.Sum(s => s.Date >= recentFrom ? s.CallAttempts : 0),
                BaselineAnswered = g.Sum(s => s.Date < recentFrom ? s.CallsAnswered : 0),
                BaselineAttempts = g.Sum(s => s.Date < recentFrom ? s.CallAttempts : 0),
                RecentOnTime = g.Sum(s => s.Date >= recentFrom ? s.CallbacksOnTime : 0),
                RecentDue = g.Sum(s => s.Date >= recentFrom ? s.CallbacksDue : 0),
                BaselineOnTime = g.Sum(s => s.Date < recentFrom ? s.CallbacksOnTime : 0),
                BaselineDue = g.Sum(s => s.Date < recentFrom ? s.CallbacksDue : 0),
            })
            .ToListAsync(cancellationToken);
        var end = ChinaTime.StartOf(last.AddDays(1));
        var warnings = new List<EarlyWarning>();
        foreach (var s in sums.OrderBy(s => s.CadreId))
        {
            Add(EarlyWarningRule.AnswerRateDrop, s.CadreId, (s.RecentAnswered, s.RecentAttempts), (s.BaselineAnswered, s.BaselineAttempts));
            Add(EarlyWarningRule.CallbackRateDrop, s.CadreId, (s.RecentOnTime, s.RecentDue), (s.BaselineOnTime, s.BaselineDue));
        }

        return warnings;

        void Add(EarlyWarningRule rule, int cadreId, (int, int) recent, (int, int) baseline)
        {
            var test = EarlyWarningRules.RateDrop(recent, baseline);
            if (test.Significant)
            {
                warnings.Add(new EarlyWarning
                {
                    Rule = rule, SubjectId = cadreId, WindowEnd = end, RecentFrom = recentFrom, BaselineFrom = baselineFrom,
                    RecentSuccesses = test.RecentSuccesses, RecentTrials = test.RecentTrials,
                    BaselineSuccesses = test.BaselineSuccesses, BaselineTrials = test.BaselineTrials, Z = test.Z, P = test.P,
                });
            }
        }
    }

    /// <summary>
    /// The runs of unsatisfied ratings per department whose third rating falls within the last
    /// <see cref="EarlyWarningRules.RunRaiseWithinDays"/> days, read from the rating events of the last
    /// <see cref="EarlyWarningRules.RunLookbackDays"/> days (a reopened appeal rated twice counts twice).
    /// </summary>
    public async Task<List<EarlyWarning>> UnsatisfiedRunsAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var since = now - TimeSpan.FromDays(EarlyWarningRules.RunLookbackDays);
        var raiseFrom = now - TimeSpan.FromDays(EarlyWarningRules.RunRaiseWithinDays);
        var ratings = await db.AppealEvents.AsNoTracking()
            .Where(e => e.Kind == AppealEventKind.Rating && e.Score != null && e.At >= since && e.At <= now)
            .Join(db.Appeals, e => e.AppealId, a => a.Id, (e, a) => new { e.Id, e.At, e.AppealId, Score = e.Score!.Value, a.CadreId })
            .Join(db.Cadres, r => r.CadreId, c => c.Id, (r, c) => new { r.Id, r.At, r.AppealId, r.Score, c.DepartmentId })
            .ToListAsync(cancellationToken);
        var warnings = new List<EarlyWarning>();
        foreach (var department in ratings.GroupBy(r => r.DepartmentId).OrderBy(g => g.Key))
        {
            var ordered = department.OrderBy(r => r.At).ThenBy(r => r.Id).ToList();
            foreach (var i in EarlyWarningRules.RunEnds([.. ordered.Select(r => r.Score)]))
            {
                if (ordered[i].At < raiseFrom)
                {
                    continue;
                }

                var run = ordered.Skip(i + 1 - EarlyWarningRules.RunLength).Take(EarlyWarningRules.RunLength).ToList();
                warnings.Add(new EarlyWarning
                {
                    Rule = EarlyWarningRule.UnsatisfiedRun, SubjectId = department.Key, WindowEnd = ordered[i].At,
                    RecentSuccesses = 0, RecentTrials = run.Count,
                    Ratings = string.Join(',', run.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.AppealId}:{r.Score}"))),
                });
            }
        }

        return warnings;
    }

    /// <summary>
    /// Stores <paramref name="warning"/> and queues its SMS in one transaction, unless one is stored for its rule, subject
    /// and window; false when it was (found first, or stored by a concurrent evaluation and refused by the unique key).
    /// </summary>
    public async Task<bool> RaiseAsync(EarlyWarning warning, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(warning);
        if (await db.EarlyWarnings.AnyAsync(w => w.Rule == warning.Rule && w.SubjectId == warning.SubjectId && w.WindowEnd == warning.WindowEnd, cancellationToken))
        {
            return false;
        }

        warning.RaisedAt = now;
        var mobile = (await settings.GetAsync(cancellationToken)).SupervisionMobile;
        var subject = mobile is null ? null : await SubjectZhAsync(warning, cancellationToken);
        await using var transaction = await SqliteWriteGate.BeginAsync(db, cancellationToken);
        try
        {
            db.EarlyWarnings.Add(warning);
            if (mobile is not null)
            {
                await sms.ToOfficeAsync(db, mobile, SmsText.SupervisionAlert, new SmsValues(Name: subject, Warning: EarlyWarningRules.Summary(warning)), now, cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>The open warnings (newest first), then the dismissed ones (latest dismissal first), each at most 500.</summary>
    public async Task<(List<EarlyWarningRow> Open, List<EarlyWarningRow> Dismissed)> ListAsync(CancellationToken cancellationToken = default)
    {
        var open = await db.EarlyWarnings.AsNoTracking().Where(w => w.DismissedAt == null)
            .OrderByDescending(w => w.RaisedAt).ThenByDescending(w => w.Id).Take(500).ToListAsync(cancellationToken);
        var dismissed = await db.EarlyWarnings.AsNoTracking().Where(w => w.DismissedAt != null)
            .OrderByDescending(w => w.DismissedAt).ThenByDescending(w => w.Id).Take(500).ToListAsync(cancellationToken);
        var all = open.Concat(dismissed).ToList();
        var cadreIds = all.Where(w => w.Rule != EarlyWarningRule.UnsatisfiedRun).Select(w => w.SubjectId).Distinct().ToList();
        var departmentIds = all.Where(w => w.Rule == EarlyWarningRule.UnsatisfiedRun).Select(w => w.SubjectId).Distinct().ToList();
        var cadres = await db.Cadres.AsNoTracking().Where(c => cadreIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Name, c.NamePinyin, c.Position, c.PositionEn, Unit = c.Department.NameZh, UnitEn = c.Department.NameEn })
            .ToDictionaryAsync(c => c.Id, cancellationToken);
        var departments = await db.Departments.AsNoTracking().Where(d => departmentIds.Contains(d.Id))
            .Select(d => new { d.Id, d.NameZh, d.NameEn }).ToDictionaryAsync(d => d.Id, cancellationToken);
        EarlyWarningRow Row(EarlyWarning w)
        {
            if (w.Rule == EarlyWarningRule.UnsatisfiedRun)
            {
                return departments.TryGetValue(w.SubjectId, out var d) ? new(w, d.NameZh, d.NameEn, null) : new(w, "", "", null);
            }

            return cadres.TryGetValue(w.SubjectId, out var c)
                ? new(w, CadreTitle.Full(c.Unit, c.Position, c.Name), $"{c.NamePinyin}, {c.PositionEn}, {c.UnitEn}", c.Id)
                : new(w, "", "", w.SubjectId);
        }

        return ([.. open.Select(Row)], [.. dismissed.Select(Row)]);
    }

    /// <summary>Dismisses warning <paramref name="id"/> with <paramref name="reason"/> (required, trimmed, cut to <see cref="EarlyWarning.ReasonMaxLength"/>), recording who and when, and an audit entry, in one save.</summary>
    public async Task<DismissResult> DismissAsync(long id, string? reason, Actor actor, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var text = reason?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return DismissResult.NoReason;
        }

        text = text.Length > EarlyWarning.ReasonMaxLength ? text[..EarlyWarning.ReasonMaxLength] : text;
        // Dismissed only while open, in the statement itself: of two dismissals at once one is stored and audited.
        await using var transaction = await SqliteWriteGate.BeginAsync(db, cancellationToken);
        var dismissed = await db.EarlyWarnings.Where(w => w.Id == id && w.DismissedAt == null).ExecuteUpdateAsync(
            set => set.SetProperty(w => w.DismissedAt, now).SetProperty(w => w.DismissedBy, actor.Name)
                .SetProperty(w => w.DismissedByUserId, actor.UserId).SetProperty(w => w.DismissReason, text),
            cancellationToken);
        if (dismissed == 0)
        {
            return await db.EarlyWarnings.AnyAsync(w => w.Id == id, cancellationToken) ? DismissResult.AlreadyDismissed : DismissResult.NoSuchWarning;
        }

        var warning = await db.EarlyWarnings.AsNoTracking().SingleAsync(w => w.Id == id, cancellationToken);
        db.AuditEntries.Add(new AuditEntry
        {
            At = now,
            UserId = actor.UserId,
            UserName = actor.Name,
            Action = AuditAction.AlertDismissed,
            Subject = string.Create(CultureInfo.InvariantCulture, $"EarlyWarning:{warning.Id}"),
            Details = string.Create(CultureInfo.InvariantCulture, $"{warning.Rule} of {warning.SubjectId} to {warning.WindowEnd:O}; reason: {text}"),
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return DismissResult.Dismissed;
    }

    private async Task<string> SubjectZhAsync(EarlyWarning warning, CancellationToken cancellationToken)
    {
        if (warning.Rule == EarlyWarningRule.UnsatisfiedRun)
        {
            return await db.Departments.Where(d => d.Id == warning.SubjectId).Select(d => d.NameZh).FirstOrDefaultAsync(cancellationToken) ?? "";
        }

        var c = await db.Cadres.Where(c => c.Id == warning.SubjectId)
            .Select(c => new { Unit = c.Department.NameZh, c.Position, c.Name }).FirstOrDefaultAsync(cancellationToken);
        return c is null ? "" : CadreTitle.Full(c.Unit, c.Position, c.Name);
    }
}
