using Bozhou.Hotline.Core.Limits;

namespace Bozhou.Hotline.IntegrationTests.Limits;

public sealed class MemoryClientLimitsTests
{
    [Fact]
    public async Task An_attempt_counted_while_another_waited_for_the_key_is_seen_by_it()
    {
        var start = new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);
        var clock = new InterleavingClock(start);
        var limits = new MemoryClientLimits(clock);
        Task<TimeSpan?>? other = null;
        // The first request's clock read lets a second request of the same client count in between (on another thread).
        clock.DuringFirstRead = () =>
        {
            other = Task.Run(() => limits.TryTakeAsync("sign-in:203.0.113.7", 1, TimeSpan.FromHours(1)));
            ((IAsyncResult)other).AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(2));
        };

        var first = await limits.TryTakeAsync("sign-in:203.0.113.7", 1, TimeSpan.FromHours(1));
        var second = await other!;

        // A limit of one: exactly one of the two gets through.
        Assert.Single(new[] { first, second }, wait => wait is null);
    }

    /// <summary>The first read is at the start, every later one a second after it; the first runs a hook before it answers.</summary>
    private sealed class InterleavingClock(DateTimeOffset start) : TimeProvider
    {
        private int _reads;

        public Action? DuringFirstRead { get; set; }

        public override DateTimeOffset GetUtcNow()
        {
            var read = Interlocked.Increment(ref _reads);
            if (read == 1)
            {
                DuringFirstRead?.Invoke();
                return start;
            }

            return start.AddSeconds(1);
        }
    }
}
