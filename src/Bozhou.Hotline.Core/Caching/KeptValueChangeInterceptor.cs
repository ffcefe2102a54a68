using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Bozhou.Hotline.Core.Caching;

/// <summary>
/// Finds in EF Core's change tracker which kinds of kept data a save changes (<see cref="KeptTags.For"/>) and, once
/// the change is committed, announces them (<see cref="KeptValueChanges.ChangedAsync"/>): so no page or command has to
/// remember to forget what it changed.
/// </summary>
/// <remarks>
/// A save outside a transaction is committed when it returns; a save inside one is announced when that transaction
/// commits, and forgotten if it rolls back. A failed or cancelled save announces nothing. Statements that bypass the
/// change tracker (<c>ExecuteDelete</c>, raw SQL) announce their tag themselves.
/// </remarks>
public sealed class KeptValueChangeInterceptor(KeptValueChanges changes) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, Pending> _pending = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Saved(eventData.Context)?.GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (Saved(eventData.Context) is { } announce)
        {
            await announce;
        }

        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => DropSave(eventData?.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        DropSave(eventData?.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => DropSave(eventData?.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        DropSave(eventData?.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        Committed(eventData?.Context)?.GetAwaiter().GetResult();

    public async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (Committed(eventData?.Context) is { } announce)
        {
            await announce;
        }
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => DropTransaction(eventData?.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        DropTransaction(eventData?.Context);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var pending = _pending.GetOrCreateValue(context);
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && KeptTags.For(entry.Metadata.ClrType) is { } tag)
            {
                pending.ThisSave.Add(tag);
            }
        }
    }

    /// <summary>The save went through: announce now, or when the surrounding transaction commits.</summary>
    private Task? Saved(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending) || pending.ThisSave.Count == 0)
        {
            return null;
        }

        pending.InTransaction.UnionWith(pending.ThisSave);
        pending.ThisSave.Clear();
        return context.Database.CurrentTransaction is null ? Announce(pending) : null;
    }

    private Task? Committed(DbContext? context) =>
        context is not null && _pending.TryGetValue(context, out var pending) && pending.InTransaction.Count > 0 ? Announce(pending) : null;

    private Task Announce(Pending pending)
    {
        string[] tags = [.. pending.InTransaction];
        pending.InTransaction.Clear();
        return changes.ChangedAsync(tags);
    }

    private void DropSave(DbContext? context)
    {
        if (context is not null && _pending.TryGetValue(context, out var pending))
        {
            pending.ThisSave.Clear();
        }
    }

    private void DropTransaction(DbContext? context)
    {
        if (context is not null && _pending.TryGetValue(context, out var pending))
        {
            pending.ThisSave.Clear();
            pending.InTransaction.Clear();
        }
    }

    /// <summary>What one context has changed and not yet announced: in the save under way, and in its open transaction.</summary>
    private sealed class Pending
    {
        public HashSet<string> ThisSave { get; } = new(StringComparer.Ordinal);

        public HashSet<string> InTransaction { get; } = new(StringComparer.Ordinal);
    }
}
