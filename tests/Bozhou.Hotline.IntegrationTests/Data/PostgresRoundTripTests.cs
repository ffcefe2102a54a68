namespace Bozhou.Hotline.IntegrationTests.Data;

public class PostgresRoundTripTests
{
    [Fact]
    public async Task The_app_migrates_a_real_PostgreSQL_database_serves_and_keeps_what_it_writes()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var factory = new HotlineFactory().UsePostgres(database.ConnectionString);
        using var client = factory.CreateClient();

        using var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var home = await client.GetPageAsync("/");
        Assert.Equal("zh-CN", home.DocumentElement.GetAttribute("lang"));

        var day = new CalendarDay { Date = new DateOnly(2027, 2, 6), Kind = CalendarDayKind.Holiday, Occasion = "春节 Spring Festival" };
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
            Assert.Equal(39, await db.CalendarDays.CountAsync(TestContext.Current.CancellationToken));
            db.CalendarDays.Add(day);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
            var stored = await db.CalendarDays.AsNoTracking().SingleAsync(d => d.Date == day.Date, TestContext.Current.CancellationToken);
            Assert.Equal(CalendarDayKind.Holiday, stored.Kind);
            Assert.Equal("春节 Spring Festival", stored.Occasion);
        }
    }
}
