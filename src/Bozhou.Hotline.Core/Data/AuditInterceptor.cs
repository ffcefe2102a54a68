using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Bozhou.Hotline.Core.Data;

/// <summary>
/// Writes the audit trail of an administrator's changes from the change tracker: for each added, changed or removed
/// row of a type marked <see cref="AuditedAttribute"/>, one <see cref="AuditAction.AdminChange"/> entry whose subject
/// is <c>Kind:Id</c>, whose before and after hold the changed properties only (JSON, keys in ordinal order), and whose
/// user is <see cref="IAuditActor.Current"/>. It writes only while <see cref="AdminChanges"/> saves (or for rows it
/// was told about): seeding, tests' set-up and the product's own work on the same tables are not administration.
/// </summary>
/// <remarks>
/// <para>
/// A change and its audit line are saved together or not at all. The lines are captured in <c>SavingChanges</c>,
/// before the rows are written, from the original and current values. A line whose subject is already known is added
/// to the same save, so it goes in EF Core's own transaction for that save (or the caller's). A row being added whose
/// id the database generates has only a temporary key then: its line is completed in <c>SavedChanges</c>, once the
/// key is known, and saved by a second save in the same transaction. When the caller has no transaction open (a
/// plain <c>SaveChanges</c>), this interceptor begins one in <c>SavingChanges</c> for such a save and commits it after
/// the lines are in; a failed save (<c>SaveChangesFailed</c>, or a concurrency conflict) rolls it back and takes the
/// lines out of the context. The alternative, writing the lines with placeholder subjects and fixing them with an
/// update, would need the same second statement and would leave a wrong subject visible to a reader in between.
/// </para>
/// <para>
/// One instance serves every (pooled) context: what a page tells it lives on the context (<see cref="AuditNotes"/>).
/// Registered after <see cref="DisplayTextInterceptor"/>, so that the values audited are the values stored.
/// </para>
/// </remarks>
public sealed class AuditInterceptor(IAuditActor actor, TimeProvider time) : SaveChangesInterceptor
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    private static readonly ConcurrentDictionary<Type, AuditedAttribute?> Specs = new();

    /// <summary>The JSON of an audit entry's before or after; null stays null.</summary>
    public static string? ToJson(object? value) => value is null ? null : JsonSerializer.Serialize(value, Json);

    /// <inheritdoc />
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (Capture(eventData.Context) is { Deferred.Count: > 0 } notes && eventData.Context!.Database.CurrentTransaction is null)
        {
            notes.Owned = eventData.Context.Database.BeginTransaction();
        }

        return result;
    }

    /// <inheritdoc />
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (Capture(eventData.Context) is { Deferred.Count: > 0 } notes && eventData.Context!.Database.CurrentTransaction is null)
        {
            notes.Owned = await eventData.Context.Database.BeginTransactionAsync(cancellationToken);
        }

        return result;
    }

    /// <inheritdoc />
    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (Saved(eventData.Context) is { } notes)
        {
            var db = eventData.Context!;
            try
            {
                if (notes.Deferred.Count > 0)
                {
                    CompleteDeferred(db, notes);
                    notes.Writing = true;
                    db.SaveChanges();
                }

                notes.Owned?.Commit();
            }
            finally
            {
                notes.Writing = false;
                notes.EndSave(db, keepLines: true);
            }
        }

        return result;
    }

    /// <inheritdoc />
    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (Saved(eventData.Context) is { } notes)
        {
            var db = eventData.Context!;
            try
            {
                if (notes.Deferred.Count > 0)
                {
                    CompleteDeferred(db, notes);
                    notes.Writing = true;
                    await db.SaveChangesAsync(cancellationToken);
                }

                if (notes.Owned is { } owned)
                {
                    await owned.CommitAsync(cancellationToken);
                }
            }
            finally
            {
                notes.Writing = false;
                notes.EndSave(db, keepLines: true);
            }
        }

        return result;
    }

    /// <inheritdoc />
    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Failed(eventData);

    /// <inheritdoc />
    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Failed(eventData);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    /// <remarks>A cancelled save (the client went away) lets go of the transaction this interceptor began, like a failed one.</remarks>
    public override void SaveChangesCanceled(DbContextEventData eventData) => Failed(eventData);

    /// <inheritdoc />
    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Failed(eventData);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override InterceptionResult ThrowingConcurrencyException(ConcurrencyExceptionEventData eventData, InterceptionResult result)
    {
        Failed(eventData);
        return result;
    }

    /// <inheritdoc />
    public override ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(
        ConcurrencyExceptionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Failed(eventData);
        return ValueTask.FromResult(result);
    }

    private static AuditNotes? Saved(DbContext? context) =>
        context is HotlineDbContext db && db.AuditNotes.For(db) is { Writing: false } notes && (notes.Added.Count > 0 || notes.Deferred.Count > 0 || notes.Owned is not null)
            ? notes
            : null;

    /// <summary>A save that failed, was cancelled or met a concurrent change: its lines are dropped and its transaction let go.</summary>
    private static void Failed(DbContextEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is HotlineDbContext db && db.AuditNotes.For(db) is { Writing: false } notes)
        {
            notes.EndSave(db, keepLines: false);
        }
    }

    /// <summary>Adds the lines of this save to the context; returns the notes when there are lines to complete after it.</summary>
    private AuditNotes? Capture(DbContext? context)
    {
        if (context is not HotlineDbContext db || db.AuditNotes.For(db) is not { Writing: false } notes)
        {
            return null;
        }

        // A save that threw before SavedChanges or SaveChangesFailed could run leaves nothing behind for this one.
        notes.EndSave(db, keepLines: false);
        if (!notes.IsActive)
        {
            return null;
        }

        db.ChangeTracker.DetectChanges();
        var who = actor.Current;
        var at = time.GetUtcNow();
        var rows = db.ChangeTracker.Entries().ToList();
        foreach (var row in rows)
        {
            if (Spec(row.Metadata.ClrType) is not { } spec)
            {
                continue;
            }

            var described = notes.Described.Remove(row.Entity, out var note);
            if (notes.Summarized || row.State == EntityState.Detached || (!described && (spec.OnlyWhenDescribed || notes.OpenChanges == 0)))
            {
                continue;
            }

            var after = row.State == EntityState.Deleted ? null : Values(row, rows, spec, original: false);
            var before = row.State switch
            {
                EntityState.Added => note?.Baseline is { } baseline ? Values(row.Metadata, spec, baseline) : null,
                _ => Values(row, rows, spec, original: true),
            };
            if (before is not null && after is not null)
            {
                var changed = after.Keys.Where(k => !Equals(before.GetValueOrDefault(k), after[k])).ToHashSet();
                if (changed.Count == 0 && !described)
                {
                    continue;
                }

                // A described row with nothing audited changed (a password reset to a one-time one again) has a line without values.
                if (changed.Count == 0)
                {
                    (before, after) = (null, null);
                }
                else
                {
                    (before, after) = (Only(before, changed), Only(after, changed));
                }
            }

            var line = new AuditEntry
            {
                At = at, UserId = who.UserId, UserName = who.UserName, Action = AuditAction.AdminChange,
                Details = note?.Details ?? row.State switch { EntityState.Added => "created", EntityState.Deleted => "removed", _ => "edited" },
                Before = ToJson(before), After = ToJson(after),
            };
            var key = spec.SubjectKey is { } name ? row.Metadata.FindProperty(name)! : row.Metadata.FindPrimaryKey()!.Properties[0];
            if (spec.Singleton)
            {
                line.Subject = spec.Kind;
            }
            else if (row.Property(key).IsTemporary)
            {
                notes.Deferred.Add((line, row, key, spec.Kind));
                continue;
            }
            else
            {
                line.Subject = $"{spec.Kind}:{Format(row.Property(key).CurrentValue)}";
            }

            db.AuditEntries.Add(line);
            notes.Added.Add(line);
        }

        foreach (var line in notes.Explicit)
        {
            (line.At, line.UserId, line.UserName) = (at, who.UserId, who.UserName);
            db.AuditEntries.Add(line);
            notes.Added.Add(line);
        }

        notes.Explicit.Clear();
        return notes;
    }

    private static void CompleteDeferred(DbContext db, AuditNotes notes)
    {
        foreach (var (line, row, key, kind) in notes.Deferred)
        {
            line.Subject = $"{kind}:{Format(row.Property(key).CurrentValue)}";
            db.Add(line);
            notes.Added.Add(line);
        }

        notes.Deferred.Clear();
    }

    private static AuditedAttribute? Spec(Type type) => Specs.GetOrAdd(type, t => t.GetCustomAttribute<AuditedAttribute>(inherit: false));

    private static SortedDictionary<string, object?> Only(SortedDictionary<string, object?> values, HashSet<string> keys) =>
        new(values.Where(v => keys.Contains(v.Key)).ToDictionary(v => v.Key, v => v.Value), StringComparer.Ordinal);

    /// <summary>The audited values of a tracked row, as they were loaded (<paramref name="original"/>) or as they are now.</summary>
    private static SortedDictionary<string, object?> Values(EntityEntry row, IReadOnlyList<EntityEntry> rows, AuditedAttribute spec, bool original)
    {
        var values = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in row.Metadata.GetProperties().Where(p => IsAudited(spec, p)))
        {
            var entry = row.Property(property);
            values[Name(property)] = original ? entry.OriginalValue : entry.CurrentValue;
        }

        foreach (var complex in row.Metadata.GetComplexProperties().Where(c => IsAudited(spec, c)))
        {
            var entry = row.ComplexProperty(complex);
            foreach (var property in complex.ComplexType.GetProperties().Where(p => p.PropertyInfo?.IsDefined(typeof(NotAuditedAttribute)) == false))
            {
                values[$"{complex.Name}:{Name(property)}"] = original ? entry.Property(property).OriginalValue : entry.Property(property).CurrentValue;
            }
        }

        foreach (var navigation in row.Metadata.GetNavigations().Where(n => n.IsCollection))
        {
            if (navigation.PropertyInfo?.GetCustomAttribute<AuditedIdsAttribute>() is { } ids)
            {
                values[ids.Name] = Ids(row, rows, navigation, ids, original);
            }
        }

        return values;
    }

    /// <summary>The audited values of an object of the row's type that is not tracked (the baseline an added row replaces).</summary>
    private static SortedDictionary<string, object?> Values(IEntityType type, AuditedAttribute spec, object baseline)
    {
        var values = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in type.GetProperties().Where(p => IsAudited(spec, p)))
        {
            values[Name(property)] = property.PropertyInfo!.GetValue(baseline);
        }

        foreach (var complex in type.GetComplexProperties().Where(c => IsAudited(spec, c)))
        {
            var value = complex.PropertyInfo!.GetValue(baseline);
            foreach (var property in complex.ComplexType.GetProperties().Where(p => p.PropertyInfo?.IsDefined(typeof(NotAuditedAttribute)) == false))
            {
                values[$"{complex.Name}:{Name(property)}"] = value is null ? null : property.PropertyInfo!.GetValue(value);
            }
        }

        return values;
    }

    /// <summary>The ids held by a collection navigation, in order, comma-separated: the tracked rows pointing to <paramref name="row"/>.</summary>
    private static string Ids(EntityEntry row, IReadOnlyList<EntityEntry> rows, INavigation navigation, AuditedIdsAttribute ids, bool original)
    {
        var foreignKey = navigation.ForeignKey.Properties[0];
        var key = row.Property(navigation.ForeignKey.PrincipalKey.Properties[0]).CurrentValue;
        var id = navigation.TargetEntityType.FindProperty(ids.IdProperty)
            ?? throw new InvalidOperationException($"{navigation.TargetEntityType.DisplayName()} has no property {ids.IdProperty} to audit {navigation.Name} by.");
        var held = rows
            .Where(r => r.Metadata == navigation.TargetEntityType)
            .Where(r => original
                ? r.State is EntityState.Unchanged or EntityState.Modified or EntityState.Deleted && Equals(r.Property(foreignKey).OriginalValue, key)
                : r.State is EntityState.Added or EntityState.Unchanged or EntityState.Modified && Equals(r.Property(foreignKey).CurrentValue, key))
            .Select(r => original ? r.Property(id).OriginalValue : r.Property(id).CurrentValue)
            .Distinct()
            .Order(Comparer<object?>.Default);
        return string.Join(',', held.Select(Format));
    }

    private static bool IsAudited(AuditedAttribute spec, IProperty property) =>
        property.PropertyInfo is { } info
        && (spec.Fields is { } fields
            ? fields.Contains(property.Name)
            : !property.IsPrimaryKey() && !info.IsDefined(typeof(NotAuditedAttribute)));

    private static bool IsAudited(AuditedAttribute spec, IComplexProperty complex) =>
        complex.PropertyInfo is { } info && (spec.Fields?.Contains(complex.Name) ?? !info.IsDefined(typeof(NotAuditedAttribute)));

    private static string Name(IProperty property) => property.PropertyInfo?.GetCustomAttribute<AuditNameAttribute>()?.Name ?? property.Name;

    private static string Format(object? value) => value switch
    {
        null => "",
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
