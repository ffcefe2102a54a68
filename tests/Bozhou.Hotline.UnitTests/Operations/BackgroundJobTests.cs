using Bozhou.Hotline.Core.Operations;

namespace Bozhou.Hotline.UnitTests.Operations;

public class BackgroundJobTests
{
    [Theory]
    [InlineData(5, 300)]
    [InlineData(60, 300)]
    [InlineData(100, 300)]
    [InlineData(101, 303)]
    [InlineData(300, 900)]
    [InlineData(900, 2700)]
    [InlineData(86400, 259200)]
    public void A_job_is_stale_after_three_intervals_but_never_sooner_than_five_minutes(int intervalSeconds, int staleAfterSeconds)
    {
        var job = new BackgroundJob("job", TimeSpan.FromSeconds(intervalSeconds));

        Assert.Equal(TimeSpan.FromSeconds(staleAfterSeconds), job.StaleAfter);
    }
}
