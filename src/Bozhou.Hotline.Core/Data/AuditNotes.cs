using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Bozhou.Hotline.Core.Data;

/// <summary>
/// What the <see cref="AuditInterceptor"/> is told about the changes of one context: whether an administrator's
/// change is open, the details given for some rows, the lines written by hand, and the state of the save under way.
/// Kept on the (pooled) context, so that the singleton interceptor finds it; forgotten when the context is leased again.
/// </summary>
internal sealed class AuditNotes
{
    private long _lease = -1;

    /// <summary>How many <see cref="AdminChanges"/> saves are open (nested runs count once each).</summary>
    public int OpenChanges { get; set; }

    /// <summary>The details given for rows, by the row object itself.</summary>
    public Dictionary<object, Description> Described { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>Lines that are not one row's change (an import, a year's schedule, an account with its role).</summary>
    public List<AuditEntry> Explicit { get; } = [];

    /// <summary>An explicit line stands for every row of this change: no line per row is written.</summary>
    public bool Summarized { get; set; }

    /// <summary>The interceptor is saving its own lines: that save is not audited again.</summary>
    public bool Writing { get; set; }

    /// <summary>Lines of rows added in the save under way, whose database id is known only once it is saved.</summary>
    public List<(AuditEntry Entry, EntityEntry Row, IProperty Key, string Kind)> Deferred { get; } = [];

    /// <summary>The lines added to the save under way, taken back if it fails.</summary>
    public List<AuditEntry> Added { get; } = [];

    /// <summary>The transaction the interceptor began for a save that had none, so that the deferred lines join it.</summary>
    public IDbContextTransaction? Owned { get; set; }

    public bool IsActive => OpenChanges > 0 || Described.Count > 0 || Explicit.Count > 0;

    /// <summary>These notes, emptied first if <paramref name="db"/> was returned to the pool and leased again since they were written.</summary>
    public AuditNotes For(DbContext db)
    {
        if (db.ContextId.Lease != _lease)
        {
            Forget(db);
            _lease = db.ContextId.Lease;
        }

        return this;
    }

    /// <summary>Ends the save under way: its lines still in the context are taken back, its own transaction rolled back.</summary>
    public void EndSave(DbContext db, bool keepLines)
    {
        if (!keepLines)
        {
            foreach (var entry in Added.Where(e => db.Entry(e).State == EntityState.Added))
            {
                db.Entry(entry).State = EntityState.Detached;
            }
        }

        Added.Clear();
        Deferred.Clear();
        Owned?.Dispose();
        Owned = null;
    }

    /// <summary>Forgets everything: the administrator's change is over (saved or not).</summary>
    public void Forget(DbContext db)
    {
        EndSave(db, keepLines: false);
        OpenChanges = 0;
        Described.Clear();
        Explicit.Clear();
        Summarized = false;
        Writing = false;
    }

    /// <summary>The details given for one row, and what an added row is compared with (the configured settings it replaces).</summary>
    public sealed record Description(string Details, object? Baseline);
}
