using Bozhou.Hotline.Core.Caching;
using Bozhou.Hotline.Core.Data;
using Bozhou.Hotline.Core.Directory;
using Bozhou.Hotline.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bozhou.Hotline.IntegrationTests.Data;

/// <summary>
/// What a save announces to the kept values (<see cref="KeptValueChangeInterceptor"/>), on the real SQLite database:
/// a change is announced once it is committed, never when it is rolled back or refused.
/// </summary>
public sealed class KeptValueChangeTests : IDisposable
{
    // The statistics refresh stores roll-ups at start, which would be heard too.
    private readonly HotlineFactory _factory = new HotlineFactory().WithoutHostedService<StatsRefreshService>();
    private readonly List<string> _heard = [];

    public KeptValueChangeTests()
    {
        var changes = _factory.Services.GetRequiredService<KeptValueChanges>();
        foreach (var tag in KeptTags.All)
        {
            changes.Subscribe(tag, _ =>
            {
                lock (_heard)
                {
                    _heard.Add(tag);
                }

                return ValueTask.CompletedTask;
            });
        }
    }

    private List<string> Heard()
    {
        lock (_heard)
        {
            return [.. _heard];
        }
    }

    private async Task<T> WithDbAsync<T>(Func<HotlineDbContext, Task<T>> work)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<HotlineDbContext>());
    }

    [Fact]
    public async Task A_saved_topic_is_announced_once_as_a_topics_change()
    {
        await WithDbAsync(async db =>
        {
            db.Topics.Add(new Topic { Code = "noise", NameZh = "噪声扰民", NameEn = "Noise", Kind = TopicKind.Matter, Order = 9, IsActive = true });
            return await db.SaveChangesAsync();
        });

        Assert.Equal([KeptTags.Topics], Heard());
    }

    [Fact]
    public async Task A_change_saved_inside_a_transaction_is_announced_when_it_commits_not_before()
    {
        await WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.CalendarDays.Add(new Core.Calendar.CalendarDay { Date = new DateOnly(2026, 3, 4), Kind = Core.Calendar.CalendarDayKind.Holiday, Occasion = "测试" });
            await db.SaveChangesAsync();
            Assert.Empty(Heard());
            await transaction.CommitAsync();
            return 0;
        });

        Assert.Equal([KeptTags.Calendar], Heard());
    }

    [Fact]
    public async Task A_change_rolled_back_is_not_announced_and_leaves_nothing_for_the_next_commit_of_that_context()
    {
        await WithDbAsync(async db =>
        {
            await using (var transaction = await db.Database.BeginTransactionAsync())
            {
                db.CalendarDays.Add(new Core.Calendar.CalendarDay { Date = new DateOnly(2026, 3, 4), Kind = Core.Calendar.CalendarDayKind.Holiday, Occasion = "测试" });
                await db.SaveChangesAsync();
                await transaction.RollbackAsync();
            }

            db.ChangeTracker.Clear();
            await using (var transaction = await db.Database.BeginTransactionAsync())
            {
                db.Topics.Add(new Topic { Code = "noise", NameZh = "噪声扰民", NameEn = "Noise", Kind = TopicKind.Matter, Order = 9, IsActive = true });
                await db.SaveChangesAsync();
                await transaction.CommitAsync();
            }

            return 0;
        });

        Assert.Equal([KeptTags.Topics], Heard());
    }

    [Fact]
    public async Task A_save_the_database_refuses_is_not_announced()
    {
        await WithDbAsync(async db =>
        {
            db.Topics.Add(new Topic { Code = "noise", NameZh = "噪声扰民", NameEn = "Noise", Kind = TopicKind.Matter, Order = 9, IsActive = true });
            return await db.SaveChangesAsync();
        });
        _heard.Clear();

        await Assert.ThrowsAsync<DbUpdateException>(() => WithDbAsync(async db =>
        {
            db.Topics.Add(new Topic { Code = "noise", NameZh = "重复", NameEn = "Twice", Kind = TopicKind.Matter, Order = 10, IsActive = true });
            return await db.SaveChangesAsync();
        }));

        Assert.Empty(Heard());
    }

    public void Dispose() => _factory.Dispose();
}
