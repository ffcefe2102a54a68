using Microsoft.Extensions.Caching.Memory;

namespace Bozhou.Hotline.Core.Appeals;

/// <summary>
/// Counts a client's failed tracking checks (wrong code and digits): after the allowed number within
/// the window the client is refused until the oldest failure leaves the window. A success does not
/// clear the count, or an attacker holding one appeal of their own could reset it between guesses.
/// Kept in memory: each instance counts for itself, which bounds guessing all the same.
/// </summary>
public sealed class TrackingLockout(IMemoryCache cache, TimeProvider time, IOptions<AppealsOptions> options)
{
    private readonly AppealsOptions _options = options.Value;

    /// <summary>Whether the client must wait, and for how long.</summary>
    public bool IsLockedOut(string client, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (!cache.TryGetValue(Key(client), out Failures? failures) || failures is null)
        {
            return false;
        }

        var now = time.GetUtcNow();
        lock (failures)
        {
            failures.Forget(now - _options.TrackFailureWindow);
            if (failures.Count < _options.TrackFailuresAllowed)
            {
                return false;
            }

            retryAfter = failures.Oldest + _options.TrackFailureWindow - now;
            return true;
        }
    }

    public void RecordFailure(string client)
    {
        var failures = cache.GetOrCreate(Key(client), entry =>
        {
            entry.SlidingExpiration = _options.TrackFailureWindow;
            entry.Size = 1; // in case the shared cache is given a size limit
            return new Failures();
        })!;
        var now = time.GetUtcNow();
        lock (failures)
        {
            failures.Forget(now - _options.TrackFailureWindow);
            failures.Add(now);
        }
    }

    private static string Key(string client) => "appeals.track-failures:" + client;

    private sealed class Failures
    {
        private readonly Queue<DateTimeOffset> _times = new();

        public int Count => _times.Count;

        public DateTimeOffset Oldest => _times.Peek();

        public void Add(DateTimeOffset at) => _times.Enqueue(at);

        public void Forget(DateTimeOffset before)
        {
            while (_times.Count > 0 && _times.Peek() <= before)
            {
                _times.Dequeue();
            }
        }
    }
}
