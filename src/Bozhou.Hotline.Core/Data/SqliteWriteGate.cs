using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Bozhou.Hotline.Core.Data;

/// <summary>
/// Queues this app's SQLite writers in memory, one at a time, so that they never meet on SQLite's write lock.
/// </summary>
/// <remarks>
/// <para>
/// SQLite lets one transaction write at a time. When a second one asks for the lock, Microsoft.Data.Sqlite gets
/// <c>SQLITE_BUSY</c>, puts the thread to sleep for 150 ms and asks again. Under a burst of submissions those sleeps,
/// not the writes, set the pace: 16 citizens submitting at once got 169 appeals/s, with about ten threads asleep
/// at any moment (a dotnet-trace of the benchmark). Behind this gate a writer waits without holding a thread and
/// starts the moment the one before it commits. Another process on the same file (a command run beside the
/// server) still meets the lock, and Microsoft.Data.Sqlite's retry still covers that. PostgreSQL has row locks
/// and needs none of this.
/// </para>
/// <para>
/// The gate is only ever held by a <see cref="Lease"/> taken and disposed in one scope: around a whole
/// <see cref="HotlineDbContext"/> save, around a transaction begun by <see cref="BeginAsync"/>, or around a bulk
/// statement run through <see cref="EnterAsync(DbContext, CancellationToken)"/>. Every way out of that scope
/// (success, a conflict, a constraint violation, cancellation, an exception from an interceptor) disposes the
/// lease. An earlier version paired EF Core's interceptor callbacks instead, and the concurrency-conflict path
/// calls none of them: one ordinary race shut the gate for good.
/// </para>
/// <para>
/// With two instances this gate is per process; SQLite is for one instance (PostgreSQL carries several), and a
/// second process on the file still meets SQLite's own lock.
/// </para>
/// It is added to the context's options as an interceptor only so that a pooled context can find it
/// (<see cref="Of"/>); it intercepts nothing.
/// </remarks>
public sealed class SqliteWriteGate : IInterceptor
{
    /// <summary>How long a writer waits by default (30 s, as long as Microsoft.Data.Sqlite would wait for the lock).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long a wait may last by default before the gate reports itself unhealthy (10 s).</summary>
    public static readonly TimeSpan DefaultStuckAfter = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<long, long> _waitingSince = new();
    private long _tickets;

    /// <summary>A gate whose writers wait at most <paramref name="timeout"/>; a wait past <paramref name="stuckAfter"/> makes it unhealthy.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Either is zero or negative.</exception>
    public SqliteWriteGate(TimeSpan? timeout = null, TimeSpan? stuckAfter = null)
    {
        Timeout = timeout ?? DefaultTimeout;
        StuckAfter = stuckAfter ?? DefaultStuckAfter;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Timeout, TimeSpan.Zero, nameof(timeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(StuckAfter, TimeSpan.Zero, nameof(stuckAfter));
    }

    /// <summary>How long a writer waits for the gate before <see cref="WriteGateTimeoutException"/>.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>A writer waiting longer than this makes <see cref="IsStuck"/> true (the health check's test).</summary>
    public TimeSpan StuckAfter { get; }

    /// <summary>Whether a writer holds the gate now.</summary>
    public bool IsHeld => _gate.CurrentCount == 0;

    /// <summary>
    /// The longest wait of the writers waiting now (zero when none waits), in real elapsed time: a wedged gate
    /// shows here whatever clock the app's rules follow.
    /// </summary>
    public TimeSpan LongestWait
    {
        get
        {
            var now = Stopwatch.GetTimestamp();
            var oldest = _waitingSince.Values.DefaultIfEmpty(now).Min();
            return Stopwatch.GetElapsedTime(oldest, now);
        }
    }

    /// <summary>Whether some writer has waited longer than <see cref="StuckAfter"/>.</summary>
    public bool IsStuck => LongestWait > StuckAfter;

    /// <summary>The gate of <paramref name="db"/>'s app, or null when it has none (PostgreSQL).</summary>
    public static SqliteWriteGate? Of(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors?.OfType<SqliteWriteGate>().FirstOrDefault();
    }

    /// <summary>
    /// Waits for the gate of <paramref name="db"/>'s app, for a write that does not go through
    /// <c>SaveChanges</c> (<c>ExecuteUpdate</c>, <c>ExecuteDelete</c>); dispose the lease when the write is done.
    /// Without a gate (PostgreSQL), or inside a transaction that holds it already, the lease holds nothing.
    /// </summary>
    /// <exception cref="WriteGateTimeoutException">The gate stayed shut for <see cref="Timeout"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting.</exception>
    public static async Task<Lease> EnterAsync(DbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var gate = db.Database.CurrentTransaction is null ? Of(db) : null;
        return gate is null ? Lease.None : await gate.EnterAsync(cancellationToken);
    }

    /// <summary>The synchronous <see cref="EnterAsync(DbContext, CancellationToken)"/>, for a synchronous save.</summary>
    /// <exception cref="WriteGateTimeoutException">The gate stayed shut for <see cref="Timeout"/>.</exception>
    public static Lease Enter(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var gate = db.Database.CurrentTransaction is null ? Of(db) : null;
        return gate is null ? Lease.None : gate.Enter();
    }

    /// <summary>
    /// Begins a transaction that will write, after waiting for the gate; the gate opens again when the
    /// transaction is disposed, committed or not. Saves inside it do not wait again.
    /// </summary>
    /// <exception cref="WriteGateTimeoutException">The gate stayed shut for <see cref="Timeout"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting.</exception>
    public static async Task<WriteTransaction> BeginAsync(DbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var lease = await EnterAsync(db, cancellationToken);
        try
        {
            return new WriteTransaction(await db.Database.BeginTransactionAsync(cancellationToken), lease);
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }

    /// <summary>Waits for the gate; the returned lease opens it when disposed.</summary>
    /// <exception cref="WriteGateTimeoutException">The gate stayed shut for <see cref="Timeout"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting.</exception>
    public async Task<Lease> EnterAsync(CancellationToken cancellationToken = default)
    {
        var ticket = StartWaiting();
        try
        {
            if (!await _gate.WaitAsync(Timeout, cancellationToken))
            {
                throw TimedOut();
            }
        }
        finally
        {
            _waitingSince.TryRemove(ticket, out _);
        }

        return new Lease(this);
    }

    /// <summary>The synchronous <see cref="EnterAsync(CancellationToken)"/>.</summary>
    /// <exception cref="WriteGateTimeoutException">The gate stayed shut for <see cref="Timeout"/>.</exception>
    public Lease Enter()
    {
        var ticket = StartWaiting();
        try
        {
            if (!_gate.Wait(Timeout))
            {
                throw TimedOut();
            }
        }
        finally
        {
            _waitingSince.TryRemove(ticket, out _);
        }

        return new Lease(this);
    }

    private long StartWaiting()
    {
        var ticket = Interlocked.Increment(ref _tickets);
        _waitingSince[ticket] = Stopwatch.GetTimestamp();
        return ticket;
    }

    private WriteGateTimeoutException TimedOut() =>
        new($"Waited {Timeout.TotalSeconds:0.#} s for the SQLite write gate; another write has not finished.");

    /// <summary>The gate held by one writer; disposing it (once or more) opens the gate once.</summary>
    public sealed class Lease : IDisposable, IAsyncDisposable
    {
        /// <summary>A lease that holds nothing: no gate, or a transaction that holds it already.</summary>
        public static readonly Lease None = new(null);

        private SqliteWriteGate? _gate;

        internal Lease(SqliteWriteGate? gate) => _gate = gate;

        /// <summary>Opens the gate, if this lease still holds it.</summary>
        public void Dispose() => Interlocked.Exchange(ref _gate, null)?._gate.Release();

        /// <summary>Opens the gate, if this lease still holds it.</summary>
        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>A transaction begun behind the gate; disposing it opens the gate.</summary>
    public sealed class WriteTransaction : IAsyncDisposable
    {
        private readonly IDbContextTransaction _transaction;
        private readonly Lease _lease;

        internal WriteTransaction(IDbContextTransaction transaction, Lease lease)
        {
            _transaction = transaction;
            _lease = lease;
        }

        /// <summary>Commits the transaction; the gate stays held until disposal.</summary>
        public Task CommitAsync(CancellationToken cancellationToken = default) => _transaction.CommitAsync(cancellationToken);

        /// <summary>Rolls the transaction back; the gate stays held until disposal.</summary>
        public Task RollbackAsync(CancellationToken cancellationToken = default) => _transaction.RollbackAsync(cancellationToken);

        /// <summary>Ends the transaction (rolled back if not committed) and opens the gate, even when ending it fails.</summary>
        public async ValueTask DisposeAsync()
        {
            try
            {
                await _transaction.DisposeAsync();
            }
            finally
            {
                _lease.Dispose();
            }
        }
    }
}

/// <summary>A writer waited longer than <see cref="SqliteWriteGate.Timeout"/> for the SQLite write gate.</summary>
public sealed class WriteGateTimeoutException : TimeoutException
{
    /// <summary>Creates the exception with its message.</summary>
    public WriteGateTimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public WriteGateTimeoutException()
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public WriteGateTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
