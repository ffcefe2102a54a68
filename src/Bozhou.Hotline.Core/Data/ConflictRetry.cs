namespace Bozhou.Hotline.Core.Data;

/// <summary>Saving a step again when a row it read changed in between (the optimistic concurrency token).</summary>
public static class ConflictRetry
{
    /// <summary>How many times a step is tried before the conflict is let through.</summary>
    public const int MaxAttempts = 3;

    /// <summary>
    /// Runs <paramref name="step"/>, read and saved again (up to <see cref="MaxAttempts"/> times) when a row it changed
    /// was changed by someone else in between. A failed try lets go of what it read and added, and keeps what was
    /// tracked before it: the form's submission key, which must be stored with the step that succeeds.
    /// </summary>
    /// <exception cref="DbUpdateConcurrencyException">The rows changed under every try.</exception>
    public static async Task<T> SaveAgainOnConflictAsync<T>(DbContext db, Func<Task<T>> step)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(step);
        var before = TrackedNow(db);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await step();
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                ForgetSince(db, before);
            }
        }
    }

    /// <summary>The entities <paramref name="db"/> tracks now, to keep when a later step is let go of.</summary>
    public static IReadOnlySet<object> TrackedNow(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.ChangeTracker.Entries().Select(e => e.Entity).ToHashSet(ReferenceEqualityComparer.Instance);
    }

    /// <summary>Stops tracking every entity that <paramref name="before"/> does not hold, with its pending changes.</summary>
    public static void ForgetSince(DbContext db, IReadOnlySet<object> before)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(before);
        foreach (var entry in db.ChangeTracker.Entries().Where(e => !before.Contains(e.Entity)).ToList())
        {
            entry.State = EntityState.Detached;
        }
    }
}
