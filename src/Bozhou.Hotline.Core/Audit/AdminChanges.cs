using Microsoft.AspNetCore.OutputCaching;

namespace Bozhou.Hotline.Core.Audit;

/// <summary>
/// Saves an administrator's change. While it saves, every change to an entity marked <see cref="AuditedAttribute"/>
/// is written to the audit trail by the <see cref="AuditInterceptor"/>, in the same transaction, with who acts
/// (<see cref="IAuditActor"/>); once committed, what is kept of the changed data is forgotten (<see
/// cref="Caching.KeptValueChangeInterceptor"/>). The page only says what the
/// interceptor cannot know: the details of a row's change, or a line for what is not one row's change.
/// </summary>
public sealed class AdminChanges(HotlineDbContext db)
{
    private readonly List<Action> _afterFirstSave = [];

    /// <summary>
    /// The details of <paramref name="row"/>'s change ("ended", "password reset") instead of "created", "edited" or
    /// "removed"; a described row gets its line even when no audited property changed. For an added row,
    /// <paramref name="baseline"/> (an object of its type) is what it is compared with instead of nothing.
    /// </summary>
    public void Describe(object row, string details, object? baseline = null)
    {
        ArgumentNullException.ThrowIfNull(row);
        db.AuditNotes.For(db).Described[row] = new AuditNotes.Description(details, baseline);
    }

    /// <summary>
    /// A line for what is not one row's change (an account created with its role, a lockout lifted), written with the
    /// next save; <paramref name="before"/> and <paramref name="after"/> are serialised as JSON.
    /// </summary>
    public void Record(string subject, object? before, object? after, string? details, AuditAction action = AuditAction.AdminChange) =>
        db.AuditNotes.For(db).Explicit.Add(new AuditEntry
        {
            Action = action, Subject = subject, Details = details, Before = AuditInterceptor.ToJson(before), After = AuditInterceptor.ToJson(after),
        });

    /// <summary>One line standing for every row this change touches (a directory import, a year's holiday schedule): no line per row.</summary>
    public void Summarize(string subject, object? before, object? after, string details)
    {
        Record(subject, before, after, details);
        db.AuditNotes.For(db).Summarized = true;
    }

    /// <summary>A step that needs the ids of rows added by this change (a new post's id), run before a second save in the same transaction.</summary>
    public void AfterFirstSave(Action step) => _afterFirstSave.Add(step);

    /// <summary>Saves the tracked changes and their audit lines in one transaction, then evicts the directory's cache.</summary>
    /// <exception cref="Microsoft.EntityFrameworkCore.DbUpdateException">The save was refused: nothing of it, audit lines included, was written.</exception>
    public Task SaveAsync(CancellationToken cancellationToken) => RunAsync(_ => Task.CompletedTask, cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> (which may save through other services, such as Identity's user manager) and saves
    /// what it leaves, all in one transaction whose saves are audited; then evicts the directory's cache.
    /// </summary>
    public async Task RunAsync(Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var notes = db.AuditNotes.For(db);
        notes.OpenChanges++;
        try
        {
            await using var transaction = await SqliteWriteGate.BeginAsync(db, cancellationToken);
            await work(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            if (_afterFirstSave.Count > 0)
            {
                _afterFirstSave.ForEach(step => step());
                await db.SaveChangesAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            _afterFirstSave.Clear();
            if (--notes.OpenChanges == 0)
            {
                notes.Forget(db);
            }
        }
    }
}
