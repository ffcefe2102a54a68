namespace Bozhou.Hotline.UnitTests.Supervision;

public class PublicStatsPeriodTests
{
    [Theory]
    [InlineData("2026-05-15", PublicPeriodKind.Month, "2026-04", "2026-04-01", "2026-04-30")]
    [InlineData("2026-05-15", PublicPeriodKind.Quarter, "2026-Q1", "2026-01-01", "2026-03-31")]
    [InlineData("2026-05-15", PublicPeriodKind.Year, "2025", "2025-01-01", "2025-12-31")]
    [InlineData("2026-04-01", PublicPeriodKind.Quarter, "2026-Q1", "2026-01-01", "2026-03-31")]
    [InlineData("2026-03-31", PublicPeriodKind.Quarter, "2025-Q4", "2025-10-01", "2025-12-31")]
    [InlineData("2026-01-01", PublicPeriodKind.Month, "2025-12", "2025-12-01", "2025-12-31")]
    [InlineData("2026-03-02", PublicPeriodKind.Month, "2026-02", "2026-02-01", "2026-02-28")]
    public void The_public_page_shows_the_last_full_month_quarter_or_year_before_today(string today, PublicPeriodKind kind, string code, string from, string to)
    {
        var period = PublicStats.LastFull(kind, DateOnly.Parse(today, CultureInfo.InvariantCulture));

        Assert.Equal((code, DateOnly.Parse(from, CultureInfo.InvariantCulture), DateOnly.Parse(to, CultureInfo.InvariantCulture)), (period.Code, period.From, period.To));
    }
}
