using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Bozhou.Hotline.IntegrationTests.Workspace;

/// <summary>
/// Who acted on an appeal and a cadre's availability are stored as data (a kind, a person, a time) and read in each
/// reader's language; rows stored as Chinese text before the kinds were kept are converted by the migration.
/// </summary>
public class StoredAsDataTests
{
    private const string MigrationBeforeKinds = "SupervisionCasesAndOpen311";

    [Fact]
    public async Task Staff_acting_for_a_cadre_are_stored_as_a_kind_with_both_names_and_read_in_Chinese_and_in_English()
    {
        using var factory = new HotlineFactory().WithoutHostedService<SmsOutboxService>();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var id = await data.AddAppealAsync(world.LiId, CallOutcome.Answered);
        using var staff = await data.SignInAsync(WorkspaceWorld.StaffEmail);

        using (await WorkspacePages.PostAsync(staff, id, "note-form", ("Note.Text", "已联系公交公司。"))) { }

        var note = (await data.AppealAsync(id)).Events.Single(e => e.Kind == AppealEventKind.Note);
        Assert.Equal(new EventActor(EventActorKind.Staff, "张秘书", TestWorld.People.LiMing.Name), note.By);
        var logged = (await data.AppealAsync(id)).Events.Single(e => e.Kind == AppealEventKind.Logged);
        Assert.Equal(EventActor.Caller, logged.By);

        var chinese = await WorkspacePages.AppealAsync(staff, id);
        Assert.Equal(["来电人", $"张秘书（代{TestWorld.People.LiMing.Name}）"], Actors(chinese));
        using (await staff.GetAsync(new Uri("/culture/en?returnUrl=/workspace", UriKind.Relative))) { }
        var english = await WorkspacePages.AppealAsync(staff, id);
        Assert.Equal(["Caller", $"张秘书 (for {TestWorld.People.LiMing.Name})"], Actors(english));
        Assert.Equal("zh-CN", english.QuerySelectorAll(".timeline-actor [lang]").Select(e => e.GetAttribute("lang")).Distinct().Single());
    }

    [Fact]
    public async Task In_a_meeting_is_stored_as_a_kind_and_a_time_and_the_card_reads_it_in_Chinese_and_in_English()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        using var staff = await data.SignInAsync(WorkspaceWorld.StaffEmail);
        var form = (await staff.GetPageAsync("/workspace")).QuerySelector<IHtmlFormElement>("form[action='/workspace/availability']")!;

        using (await staff.SubmitAsync(form, Html.Fields(("Input.Kind", "InMeeting"), ("Input.Until", "16:00")))) { }

        var cadre = await data.QueryAsync(db => db.Cadres.AsNoTracking().SingleAsync(c => c.Id == world.LiId));
        Assert.Equal((AvailabilityKind?)AvailabilityKind.InMeeting, cadre.AvailabilityKind);
        Assert.Null(cadre.AvailabilityNote);
        using var citizen = factory.CreateClient();
        Assert.Contains("在开会，16:00后回电", (await citizen.GetPageAsync($"/directory/cadres/{world.LiId}")).QuerySelector("#availability")!.TextContent, StringComparison.Ordinal);
        using (await citizen.GetAsync(new Uri("/culture/en?returnUrl=/", UriKind.Relative))) { }
        var english = (await citizen.GetPageAsync($"/directory/cadres/{world.LiId}")).QuerySelector("#availability")!.TextContent;
        Assert.Contains("In a meeting; calls back after 16:00", english, StringComparison.Ordinal);
        Assert.DoesNotContain("在开会", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Own_words_for_another_reason_are_kept_as_written_and_marked_as_Chinese_on_an_English_page()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        using var li = await data.SignInAsync(WorkspaceWorld.LiEmail);
        var form = (await li.GetPageAsync("/workspace")).QuerySelector<IHtmlFormElement>("form[action='/workspace/availability']")!;

        using var missing = await li.SubmitAsync(form, Html.Fields(("Input.Kind", "Other"), ("Input.Until", "15:30")));
        Assert.Equal("选“其他”时请填写原因", (await Html.ParseAsync(missing)).QuerySelector("[data-valmsg-for='Input.Note']")!.TextContent.Trim());
        using (await li.SubmitAsync(form, Html.Fields(("Input.Kind", "Other"), ("Input.Note", "下乡检查"), ("Input.Until", "15:30")))) { }

        using (await li.GetAsync(new Uri("/culture/en?returnUrl=/workspace", UriKind.Relative))) { }
        var note = (await li.GetPageAsync("/workspace")).QuerySelector(".availability-note")!;
        Assert.Equal("下乡检查; calls back after 15:30", note.TextContent.Trim());
        Assert.Equal("下乡检查", note.QuerySelector("[lang='zh-CN']")!.TextContent);
        Assert.Equal("下乡检查", await data.QueryAsync(db => db.Cadres.Where(c => c.Id == world.LiId).Select(c => c.AvailabilityNote).SingleAsync()));
    }

    [Fact]
    public async Task Actors_and_availability_stored_as_Chinese_text_before_the_kinds_are_converted_by_the_migration()
    {
        using var factory = new HotlineFactory().WithoutHostedService<SmsOutboxService>();
        await ConvertsOldRowsAsync(factory);
    }

    [Fact]
    public async Task On_PostgreSQL_actors_and_availability_stored_as_Chinese_text_are_converted_by_the_migration()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var factory = new HotlineFactory().UsePostgres(database.ConnectionString).WithoutHostedService<SmsOutboxService>();
        await ConvertsOldRowsAsync(factory);
    }

    private static async Task ConvertsOldRowsAsync(HotlineFactory factory)
    {
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var id = await data.AddAppealAsync(world.LiId, CallOutcome.Answered, then: (a, clock) =>
        {
            var now = factory.Clock.GetUtcNow();
            a.AddNote("内部备注", EventActor.Cadre("李明（副市长）"), null, now);
            a.RecordReminder(null, EventActor.Office("督查室"), null, now);
        });
        await MigrateAsync(factory, MigrationBeforeKinds);
        await data.QueryAsync(async db =>
        {
            await db.Database.ExecuteSqlRawAsync("""UPDATE "AppealEvents" SET "Actor" = '张秘书（代李明）' WHERE "Kind" = 'Note'""");
            await db.Database.ExecuteSqlRawAsync("""UPDATE "AppealEvents" SET "Actor" = '来电人' WHERE "Kind" = 'Logged'""");
            await db.Database.ExecuteSqlRawAsync("""UPDATE "Cadres" SET "AvailabilityNote" = '在开会，16:00后回电' WHERE "Id" = {0}""", world.LiId);
            return await db.Database.ExecuteSqlRawAsync("""UPDATE "Cadres" SET "AvailabilityNote" = '下乡检查，15:30后回电' WHERE "Id" = {0}""", world.WangId);
        });

        await MigrateAsync(factory, null);

        var events = (await data.AppealAsync(id)).Events.ToDictionary(e => e.Kind, e => e.By);
        Assert.Equal(EventActor.Caller, events[AppealEventKind.Logged]);
        Assert.Equal(new EventActor(EventActorKind.Staff, "张秘书", "李明"), events[AppealEventKind.Note]);
        Assert.Equal(new EventActor(EventActorKind.Office, "督查室"), events[AppealEventKind.Reminder]);
        var cadres = await data.QueryAsync(db => db.Cadres.Where(c => c.Id == world.LiId || c.Id == world.WangId)
            .ToDictionaryAsync(c => c.Id, c => new { c.AvailabilityKind, c.AvailabilityNote }));
        Assert.Equal(AvailabilityKind.InMeeting, cadres[world.LiId].AvailabilityKind);
        Assert.Null(cadres[world.LiId].AvailabilityNote);
        Assert.Equal(AvailabilityKind.Other, cadres[world.WangId].AvailabilityKind);
        Assert.Equal("下乡检查", cadres[world.WangId].AvailabilityNote);
    }

    [Theory]
    [InlineData("来电人", EventActorKind.Caller, "", null)]
    [InlineData("系统", EventActorKind.System, "", null)]
    [InlineData("张秘书（代李明）", EventActorKind.Staff, "张秘书", "李明")]
    [InlineData("李明（副市长）", EventActorKind.Cadre, "李明（副市长）", null)]
    public void Timeline_text_from_before_the_kinds_reads_as_its_actor(string text, EventActorKind kind, string name, string? forCadre) =>
        Assert.Equal(new EventActor(kind, name, forCadre), EventActor.FromText(text));

    private static string[] Actors(IHtmlDocument page) =>
        [.. page.QuerySelectorAll("#timeline .timeline-actor").Select(a => a.TextContent.Trim())];

    private static async Task MigrateAsync(HotlineFactory factory, string? target)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var migrator = scope.ServiceProvider.GetRequiredService<HotlineDbContext>().GetInfrastructure().GetRequiredService<IMigrator>();
        await migrator.MigrateAsync(target, TestContext.Current.CancellationToken);
    }
}
