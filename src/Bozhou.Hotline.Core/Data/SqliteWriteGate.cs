using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Bozhou.Hotline.Core.Data;

/// <summary>
/// Queues this app's SQLite writers in memory, one at a time, so that they never meet on SQLite's write lock.
/// </summary>
/// <remarks>
/// SQLite lets one transaction write at a time. When a second one asks for the lock, Microsoft.Data.Sqlite gets
/// <c>SQLITE_BUSY</c>, puts the thread to sleep for 150 ms and asks again. Under a burst of submissions those sleeps,
/// not the writes, set the pace: 16 citizens submitting at once got 169 appeals/s, with about ten threads asleep
/// at any moment (a dotnet-trace of the benchmark). Behind this gate a writer waits without holding a thread and
/// starts the moment the one before it commits. Another process on the same file (a command run beside the
/// server) still meets the lock, and Microsoft.Data.Sqlite's retry still covers that. PostgreSQL has row locks
/// and needs none of this.
/// </remarks>
public sealed class SqliteWriteGate : SaveChangesInterceptor
{
    /// <summary>As long as Microsoft.Data.Sqlite would wait for the lock (the connection's default timeout).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static readonly object Held = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConditionalWeakTable<DbContext, object> _holders = [];

    /// <summary>The gate of <paramref name="db"/>'s app, or null when it has none (PostgreSQL).</summary>
    public static SqliteWriteGate? Of(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors?.OfType<SqliteWriteGate>().FirstOrDefault();
    }

    /// <summary>
    /// Begins a transaction that will write, after waiting for the gate; the gate opens again when the
    /// transaction is disposed, committed or not.
    /// </summary>
    public static async Task<WriteTransaction> BeginAsync(DbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var gate = Of(db);
        if (gate is not null)
        {
            await gate.EnterAsync(cancellationToken);
        }

        try
        {
            return new WriteTransaction(await db.Database.BeginTransactionAsync(cancellationToken), gate);
        }
        catch
        {
            gate?._gate.Release();
            throw;
        }
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (NeedsGate(eventData.Context, out var context))
        {
            if (!_gate.Wait(Timeout))
            {
                throw TimedOut();
            }

            _holders.AddOrUpdate(context, Held);
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (NeedsGate(eventData.Context, out var context))
        {
            await EnterAsync(cancellationToken);
            _holders.AddOrUpdate(context, Held);
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Release(eventData?.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Release(eventData?.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Release(eventData?.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData?.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Release(eventData?.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData?.Context);
        return Task.CompletedTask;
    }

    private async Task EnterAsync(CancellationToken cancellationToken)
    {
        if (!await _gate.WaitAsync(Timeout, cancellationToken))
        {
            throw TimedOut();
        }
    }

    private static TimeoutException TimedOut() =>
        new($"Waited {Timeout.TotalSeconds:0} s for the SQLite write gate; another write has not finished.");

    /// <summary>A save inside a transaction begun by <see cref="BeginAsync"/> already holds the gate.</summary>
    private static bool NeedsGate(DbContext? candidate, out DbContext context)
    {
        context = candidate!;
        return candidate is not null && candidate.Database.CurrentTransaction is null;
    }

    /// <summary>Opens the gate if this context's save took it (a save cancelled while waiting never did).</summary>
    private void Release(DbContext? context)
    {
        if (context is not null && _holders.Remove(context))
        {
            _gate.Release();
        }
    }

    /// <summary>A transaction begun behind the gate; disposing it opens the gate.</summary>
    public sealed class WriteTransaction : IAsyncDisposable
    {
        private readonly IDbContextTransaction _transaction;
        private SqliteWriteGate? _gate;

        internal WriteTransaction(IDbContextTransaction transaction, SqliteWriteGate? gate)
        {
            _transaction = transaction;
            _gate = gate;
        }

        public Task CommitAsync(CancellationToken cancellationToken = default) => _transaction.CommitAsync(cancellationToken);

        public Task RollbackAsync(CancellationToken cancellationToken = default) => _transaction.RollbackAsync(cancellationToken);

        public async ValueTask DisposeAsync()
        {
            try
            {
                await _transaction.DisposeAsync();
            }
            finally
            {
                Interlocked.Exchange(ref _gate, null)?._gate.Release();
            }
        }
    }
}
