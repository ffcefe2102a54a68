using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using Bozhou.Hotline.Core.Audit;
using Bozhou.Hotline.Core.Data;
using Bozhou.Hotline.Core.Directory;
using Bozhou.Hotline.Web.Pages.Directory;
using Microsoft.AspNetCore.OutputCaching;

namespace Bozhou.Hotline.Web.Admin;

/// <summary>
/// An administrator's change: each edited record gets an audit entry (who, when, the changed fields before
/// and after) saved with it, and the directory's cached pages are evicted once it is saved.
/// </summary>
public sealed class AdminChanges(HotlineDbContext db, IOutputCacheStore outputCache, IntakeDirectory intake, TimeProvider time)
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly List<(AuditEntry Entry, Func<string> Subject)> _pending = [];

    private readonly List<Action> _afterFirstSave = [];

    /// <summary>A step that needs the ids of records added in this change (a new post's id), run before the second save.</summary>
    public void AfterFirstSave(Action step) => _afterFirstSave.Add(step);

    /// <summary>
    /// Records a change to be saved by <see cref="SaveAsync"/>. The subject is read after the first save, so
    /// a new record's id is known; <paramref name="before"/> and <paramref name="after"/> hold only changed fields.
    /// </summary>
    public void Record(ClaimsPrincipal user, Func<string> subject, object? before, object? after, string? details = null, AuditAction action = AuditAction.AdminChange)
    {
        ArgumentNullException.ThrowIfNull(user);
        _pending.Add((new AuditEntry
        {
            At = time.GetUtcNow(),
            UserId = user.FindFirstValue(ClaimTypes.NameIdentifier),
            UserName = user.Identity?.Name ?? "",
            Action = action,
            Details = details,
            Before = before is null ? null : JsonSerializer.Serialize(before, Compact),
            After = after is null ? null : JsonSerializer.Serialize(after, Compact),
        }, subject));
    }

    /// <summary>The fields that differ, as two dictionaries (before, after); null when nothing changed.</summary>
    public static (Dictionary<string, object?> Before, Dictionary<string, object?> After)? Diff(
        IReadOnlyDictionary<string, object?> before, IReadOnlyDictionary<string, object?> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changed = after.Keys.Where(k => !Equals(before.GetValueOrDefault(k), after[k])).ToList();
        return changed.Count == 0 ? null : (changed.ToDictionary(k => k, k => before.GetValueOrDefault(k)), changed.ToDictionary(k => k, k => after[k]));
    }

    /// <summary>Saves the changes and their audit entries in one transaction, then evicts the directory's cache.</summary>
    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        await using var transaction = await SqliteWriteGate.BeginAsync(db, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        _afterFirstSave.ForEach(step => step());
        foreach (var (entry, subject) in _pending)
        {
            entry.Subject = subject();
            db.AuditEntries.Add(entry);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        _pending.Clear();
        _afterFirstSave.Clear();
        intake.Invalidate();
        await DirectoryCache.EvictAsync(outputCache, cancellationToken);
    }
}
