using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Bozhou.Hotline.Core.Caching;
using Bozhou.Hotline.Core.Calendar;
using Bozhou.Hotline.Core.Directory;
using Bozhou.Hotline.Core.Settings;
using Bozhou.Hotline.Core.Supervision;
using Bozhou.Hotline.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bozhou.Hotline.IntegrationTests.Data;

/// <summary>
/// Two instances of the app (two hosts, each with its own memory) on one PostgreSQL database: what an administrator
/// saves on instance A is served by instance B within 2 s, for each kind of kept value (PostgreSQL NOTIFY), not after
/// the kept values' one-minute age.
/// </summary>
public sealed class TwoInstanceKeptValuesTests : IAsyncDisposable
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(2);

    private PostgresDatabase? _database;
    private HotlineFactory? _a;
    private HotlineFactory? _b;

    private async Task<(WorkspaceTestData A, WorkspaceWorld World, HotlineFactory B)> StartTwoAsync()
    {
        _database = await PostgresDatabase.CreateAsync();
        // Without the statistics refresh: its passes store roll-ups at moments of their own, which the roll-up test
        // would hear; that test stores them itself.
        _a = new HotlineFactory().UsePostgres(_database.ConnectionString).WithoutHostedService<StatsRefreshService>();
        var a = new WorkspaceTestData(_a);
        var world = await a.SeedAsync();
        _b = new HotlineFactory().UsePostgres(_database.ConnectionString).WithoutHostedService<StatsRefreshService>();
        _ = _b.Services;
        return (a, world, _b);
    }

    /// <summary>Polls <paramref name="check"/> every 50 ms for <see cref="Within"/>; true as soon as it holds.</summary>
    internal static async Task<bool> WithinTwoSecondsAsync(Func<Task<bool>> check)
    {
        var deadline = DateTime.UtcNow + Within;
        do
        {
            if (await check())
            {
                return true;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        while (DateTime.UtcNow < deadline);
        return await check();
    }

    [Fact]
    public async Task A_cadre_edited_on_one_instance_shows_on_the_others_cached_public_card_within_2_seconds()
    {
        var (a, world, b) = await StartTwoAsync();
        using var citizen = b.CreateClient();
        var card = $"/directory/cadres/{world.ZhangId}";
        Assert.DoesNotContain("主持工作", (await citizen.GetPageAsync(card)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        using var admin = await a.SignInAsync(WorkspaceWorld.AdminEmail);
        var url = $"/admin/cadres/edit/{world.ZhangId}";

        using var saved = await admin.SubmitAsync(
            (await admin.GetPageAsync(url)).QuerySelector<IHtmlFormElement>("#cadre-form")!, Html.Fields(("Input.Position", "局长（主持工作）")), url);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.True(await WithinTwoSecondsAsync(async () =>
            (await citizen.GetPageAsync(card)).QuerySelector("main")!.TextContent.Contains("局长（主持工作）", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_topic_added_on_one_instance_is_accepted_by_the_others_appeal_intake_within_2_seconds()
    {
        var (a, world, b) = await StartTwoAsync();
        // B has read the directory and topics it checks a new appeal against.
        var intake = b.Services.GetRequiredService<IntakeDirectory>();
        Assert.NotNull(await intake.ActiveTopicKindAsync(world.TransportTopicId, TestContext.Current.CancellationToken));
        using var admin = await a.SignInAsync(WorkspaceWorld.AdminEmail);

        using var added = await admin.SubmitAsync(
            (await admin.GetPageAsync("/admin/topics")).QuerySelector<IHtmlFormElement>("form.new-topic")!,
            Html.Fields(("Input.Code", "noise"), ("Input.NameZh", "噪声扰民")));

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var noise = await a.QueryAsync(db => db.Topics.Where(t => t.Code == "noise").Select(t => t.Id).SingleAsync());
        Assert.True(await WithinTwoSecondsAsync(async () =>
            await intake.ActiveTopicKindAsync(noise, TestContext.Current.CancellationToken) is not null));
    }

    [Fact]
    public async Task A_holiday_entered_on_one_instance_reaches_the_others_clocks_within_2_seconds()
    {
        var (a, _, b) = await StartTwoAsync();
        var calendar = b.Services.GetRequiredService<CalendarStore>();
        var day = new DateOnly(2026, 3, 4);
        Assert.True((await calendar.GetAsync(TestContext.Current.CancellationToken)).IsWorkingDay(day));
        using var admin = await a.SignInAsync(WorkspaceWorld.AdminEmail);

        using var added = await admin.SubmitAsync(
            (await admin.GetPageAsync("/admin/calendar?year=2026")).QuerySelector<IHtmlFormElement>("#add-day")!,
            Html.Fields(("Day.Date", "2026-03-04"), ("Day.Kind", "Holiday"), ("Day.Occasion", "临时假日")));

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.True(await WithinTwoSecondsAsync(async () =>
            !(await calendar.GetAsync(TestContext.Current.CancellationToken)).IsWorkingDay(day)));
    }

    [Fact]
    public async Task Settings_saved_on_one_instance_are_in_force_on_the_other_within_2_seconds()
    {
        var (a, _, b) = await StartTwoAsync();
        var settings = b.Services.GetRequiredService<SettingsStore>();
        Assert.NotEqual(30, (await settings.GetAsync(TestContext.Current.CancellationToken)).RetentionDays);
        using var admin = await a.SignInAsync(WorkspaceWorld.AdminEmail);

        using var saved = await admin.SubmitAsync(
            (await admin.GetPageAsync("/admin/settings")).QuerySelector<IHtmlFormElement>("#settings-form")!,
            Html.Fields(("Input.RetentionDays", "30")), "/admin/settings");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.True(await WithinTwoSecondsAsync(async () =>
            (await settings.GetAsync(TestContext.Current.CancellationToken)).RetentionDays == 30));
    }

    [Fact]
    public async Task Roll_ups_stored_on_one_instance_make_the_other_forget_its_summed_roll_ups_within_2_seconds()
    {
        var (a, world, b) = await StartTwoAsync();
        await a.AddAppealAsync(world.LiId);
        // Today, with the appeal in it: rows are added, which the change tracker announces.
        var day = ChinaTime.DateOf(_a!.Clock.GetUtcNow());
        var sums = b.Services.GetRequiredService<RollupSums>();
        var loads = 0;
        Task<List<DailyCadreStats>> Load()
        {
            Interlocked.Increment(ref loads);
            return Task.FromResult(new List<DailyCadreStats>());
        }

        await sums.GetAsync(day, day, Load);
        await sums.GetAsync(day, day, Load);
        Assert.Equal(1, loads);

        await using (var scope = _a.Services.CreateAsyncScope())
        {
            var clock = await scope.ServiceProvider.GetRequiredService<Core.Appeals.AppealClockSource>().GetAsync(TestContext.Current.CancellationToken);
            await scope.ServiceProvider.GetRequiredService<StatsRollup>().RecomputeAsync([day], clock, _a.Clock.GetUtcNow(), TestContext.Current.CancellationToken);
        }

        Assert.True(await WithinTwoSecondsAsync(async () =>
        {
            await sums.GetAsync(day, day, Load);
            return loads > 1;
        }));
    }

    [Fact]
    public async Task An_instance_whose_listening_connection_is_cut_reconnects_and_hears_the_next_change()
    {
        var (a, _, b) = await StartTwoAsync();
        var settings = b.Services.GetRequiredService<SettingsStore>();
        Assert.NotEqual(30, (await settings.GetAsync(TestContext.Current.CancellationToken)).RetentionDays);

        // The server ends B's listening session (as a restart of PostgreSQL or a dropped connection would).
        await using (var connection = new Npgsql.NpgsqlConnection(_database!.ConnectionString))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            // Each instance's listener connects in the background after its start: wait until both listen.
            await using var listening = new Npgsql.NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'", connection);
            var listenDeadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while ((long)(await listening.ExecuteScalarAsync(TestContext.Current.CancellationToken))! < 2 && DateTime.UtcNow < listenDeadline)
            {
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }

            await using var cut = new Npgsql.NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'", connection);
            Assert.Equal(2L, await cut.ExecuteScalarAsync(TestContext.Current.CancellationToken));
        }

        // Reconnecting takes up to 5 s; a change saved meanwhile is caught by the forgetting on reconnection.
        using var admin = await a.SignInAsync(WorkspaceWorld.AdminEmail);
        using var saved = await admin.SubmitAsync(
            (await admin.GetPageAsync("/admin/settings")).QuerySelector<IHtmlFormElement>("#settings-form")!,
            Html.Fields(("Input.RetentionDays", "30")), "/admin/settings");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (DateTime.UtcNow < deadline && (await settings.GetAsync(TestContext.Current.CancellationToken)).RetentionDays != 30)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Equal(30, (await settings.GetAsync(TestContext.Current.CancellationToken)).RetentionDays);
    }

    public async ValueTask DisposeAsync()
    {
        _b?.Dispose();
        _a?.Dispose();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
