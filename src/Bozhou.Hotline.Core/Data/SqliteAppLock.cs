using Microsoft.Extensions.Hosting;

namespace Bozhou.Hotline.Core.Data;

/// <summary>
/// The sign that an app is running on a SQLite file: while the server runs it holds <c>FILE-app.lock</c> (beside
/// the database) open with a shared advisory lock (<c>flock</c>, which .NET takes for a <see cref="FileShare"/>
/// other than <see cref="FileShare.None"/>); <c>restore</c> asks for the same lock exclusively and is refused while
/// any app holds it.
/// </summary>
/// <remarks>
/// A lock file rather than SQLite's own locks, because an idle app holds none that another program could see
/// reliably: its pooled connections may have been closed, and in WAL mode even an open transaction does not stop
/// an exclusive <c>BEGIN</c>. The kernel drops the lock when the process ends, however it ends, so a crashed app
/// never leaves a stale lock behind; the file itself stays, empty. Only the server takes it (a hosted service,
/// started by the host's run): the commands, <c>backup</c> among them, run beside a live app and do not.
/// </remarks>
public sealed class SqliteAppLock(string databasePath) : IHostedService, IDisposable
{
    private FileStream? _held;

    /// <summary>The lock file of the database at <paramref name="databasePath"/>: <c>FILE-app.lock</c>.</summary>
    public static string PathFor(string databasePath) => Path.GetFullPath(databasePath) + "-app.lock";

    /// <summary>
    /// Takes the lock of <paramref name="databasePath"/> exclusively, as a restore does; null while an app holds it.
    /// Dispose the result to let go.
    /// </summary>
    public static IDisposable? TryTakeExclusive(string databasePath)
    {
        try
        {
            return new FileStream(PathFor(databasePath), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    /// <exception cref="IOException">A restore holds the file at this moment: the app does not start on a file being replaced.</exception>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var path = PathFor(databasePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Read access: .NET takes a shared flock then (it takes none for a shared write on some network file systems).
        _held = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _held?.Dispose();
        _held = null;
    }
}
