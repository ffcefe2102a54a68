using System.Security.Cryptography;

namespace Bozhou.Hotline.Core.Supervision;

public enum DrawResult
{
    Drawn = 1,

    /// <summary>Today already has a draw; another needs a written reason.</summary>
    AlreadyDrawn = 2,

    /// <summary>Spot checks are made on working days only.</summary>
    NotAWorkingDay = 3,

    /// <summary>No cadre holds a post today.</summary>
    NoCandidates = 4,
}

public enum RecordResult
{
    Recorded = 1,
    NoSuchRound = 2,

    /// <summary>The cadre is not on the round's list, or the round was superseded.</summary>
    NotDrawn = 3,

    /// <summary>The dial already has its outcome; outcomes are not edited.</summary>
    AlreadyRecorded = 4,
}

/// <summary>
/// Spot checks (抽查): one draw per working day from the cadres holding posts that day, with a seed from a
/// cryptographic source stored beside the list; a redraw only with a written reason, the earlier draw kept
/// and marked superseded.
/// </summary>
public sealed class SpotChecks(HotlineDbContext db)
{
    /// <summary>The day's round in force (not superseded), or null.</summary>
    public Task<SpotCheckRound?> CurrentAsync(DateOnly date, CancellationToken cancellationToken = default) =>
        db.SpotCheckRounds.Include(r => r.Calls).Where(r => r.Date == date && r.SupersededAt == null).OrderByDescending(r => r.Id)
            .FirstOrDefaultAsync(cancellationToken);

    public async Task<(DrawResult Result, SpotCheckRound? Round)> DrawAsync(
        int size, string? redrawReason, Actor actor, WorkingDayCalendar calendar, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(calendar);
        var today = ChinaTime.DateOf(now);
        if (!calendar.IsWorkingDay(today))
        {
            return (DrawResult.NotAWorkingDay, null);
        }

        var current = await CurrentAsync(today, cancellationToken);
        var reason = string.IsNullOrWhiteSpace(redrawReason) ? null : redrawReason.Trim();
        if (current is not null && reason is null)
        {
            return (DrawResult.AlreadyDrawn, current);
        }

        var candidates = await db.Cadres.Where(c => c.PostStart <= today && (c.PostEnd == null || c.PostEnd >= today))
            .Select(c => c.Id).OrderBy(id => id).ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return (DrawResult.NoCandidates, null);
        }

        var seed = RandomNumberGenerator.GetInt32(int.MinValue, int.MaxValue);
        var drawn = SpotCheckDraw.Draw(candidates, size, seed);
        var round = new SpotCheckRound
        {
            Date = today,
            Seed = seed,
            Size = size,
            CandidateIds = SpotCheckRound.FormatIds(candidates),
            DrawnIds = SpotCheckRound.FormatIds(drawn),
            DrawnAt = now,
            DrawnBy = actor.Name,
            DrawnByUserId = actor.UserId,
            RedrawReason = current is null ? null : reason,
        };

        // The earlier round is marked superseded before the new one is written, in one transaction: the
        // database allows one round in force per day, so a draw racing another fails instead of doubling.
        await using var transaction = await SqliteWriteGate.BeginAsync(db, cancellationToken);
        try
        {
            if (current is not null)
            {
                current.SupersededAt = now;
                await db.SaveChangesAsync(cancellationToken);
            }

            db.SpotCheckRounds.Add(round);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return (DrawResult.AlreadyDrawn, await CurrentAsync(today, cancellationToken));
        }

        return (DrawResult.Drawn, round);
    }

    public async Task<RecordResult> RecordAsync(
        long roundId, int cadreId, SpotCheckOutcome outcome, DateTimeOffset calledAt, Actor actor, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var round = await db.SpotCheckRounds.Include(r => r.Calls).SingleOrDefaultAsync(r => r.Id == roundId, cancellationToken);
        if (round is null)
        {
            return RecordResult.NoSuchRound;
        }

        if (round.IsSuperseded || !round.Drawn.Contains(cadreId))
        {
            return RecordResult.NotDrawn;
        }

        if (round.Calls.Any(c => c.CadreId == cadreId))
        {
            return RecordResult.AlreadyRecorded;
        }

        round.Calls.Add(new SpotCheckCall
        {
            CadreId = cadreId,
            Outcome = outcome,
            CalledAt = calledAt,
            Checker = actor.Name,
            CheckerUserId = actor.UserId,
            RecordedAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
        return RecordResult.Recorded;
    }

    /// <summary>Per cadre: dials with an outcome, and those that count as answered, over the rounds of the days between two China dates; a dial made before a redraw still happened, so it counts.</summary>
    public async Task<Dictionary<int, (int Answered, int Calls)>> AnswerCountsAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var calls = await db.SpotCheckCalls
            .Join(db.SpotCheckRounds.Where(r => r.Date >= from && r.Date <= to), c => c.RoundId, r => r.Id, (c, r) => new { c.CadreId, c.Outcome })
            .ToListAsync(cancellationToken);
        return calls.GroupBy(c => c.CadreId).ToDictionary(g => g.Key, g => (g.Count(c => c.Outcome.CountsAsAnswered()), g.Count()));
    }
}
