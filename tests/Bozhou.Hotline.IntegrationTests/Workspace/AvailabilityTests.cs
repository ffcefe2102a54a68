using Microsoft.AspNetCore.OutputCaching;

namespace Bozhou.Hotline.IntegrationTests.Workspace;

public class AvailabilityTests
{
    [Fact]
    public async Task Staff_set_in_a_meeting_until_a_time_today_which_shows_until_then_and_evicts_the_directorys_cache()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        var cache = factory.Services.GetRequiredService<IOutputCacheStore>();
        await cache.SetAsync("directory-page", [1, 2, 3], ["directory"], TimeSpan.FromHours(1), CancellationToken.None);
        using var staff = await data.SignInAsync(WorkspaceWorld.StaffEmail);
        var page = await staff.GetPageAsync("/workspace");
        var form = page.QuerySelector<IHtmlFormElement>("form[action='/workspace/availability']")!;

        using var response = await staff.SubmitAsync(form, Html.Fields(("Input.Kind", "InMeeting"), ("Input.Until", "16:00")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cadre = await data.QueryAsync(db => db.Cadres.AsNoTracking().SingleAsync(c => c.Id == world.LiId));
        Assert.Equal(AvailabilityKind.InMeeting, cadre.AvailabilityKind);
        Assert.Null(cadre.AvailabilityNote);
        Assert.Equal(ChinaTime.At(new DateOnly(2026, 3, 2), new TimeOnly(16, 0)), cadre.AvailabilityUntil);
        Assert.Null(await cache.GetAsync("directory-page", CancellationToken.None));
        Assert.Equal("在开会，16:00后回电", (await staff.GetPageAsync("/workspace")).QuerySelector(".availability-note")!.TextContent.Trim());

        factory.Clock.SetUtcNow(ChinaTime.At(new DateOnly(2026, 3, 2), new TimeOnly(16, 0)));
        Assert.Null((await staff.GetPageAsync("/workspace")).QuerySelector(".availability-note"));
    }

    [Fact]
    public async Task A_time_not_later_than_now_runs_to_that_time_tomorrow_and_the_note_says_tomorrow_until_midnight()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        factory.Clock.SetUtcNow(ChinaTime.At(new DateOnly(2026, 3, 2), new TimeOnly(23, 10)));
        using var li = await data.SignInAsync(WorkspaceWorld.LiEmail);
        var page = await li.GetPageAsync("/workspace");
        var form = page.QuerySelector<IHtmlFormElement>("form[action='/workspace/availability']")!;

        using var response = await li.SubmitAsync(form, Html.Fields(("Input.Kind", "Away"), ("Input.Until", "08:30")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cadre = await data.QueryAsync(db => db.Cadres.AsNoTracking().SingleAsync(c => c.Id == world.LiId));
        Assert.Equal(ChinaTime.At(new DateOnly(2026, 3, 3), new TimeOnly(8, 30)), cadre.AvailabilityUntil);
        Assert.Equal("外出办事，明天08:30后回电", (await li.GetPageAsync("/workspace")).QuerySelector(".availability-note")!.TextContent.Trim());
        Assert.Equal("早于当前时刻的，视为次日。", page.QuerySelector($"#until-help-{world.LiId}")!.TextContent.Trim());

        using var englishClient = await data.SignInAsync(WorkspaceWorld.LiEmail);
        using (await englishClient.GetAsync(new Uri("/culture/en", UriKind.Relative), TestContext.Current.CancellationToken))
        {
        }

        Assert.Equal("Out on official business; calls back after 08:30 tomorrow",
            (await englishClient.GetPageAsync("/workspace")).QuerySelector(".availability-note")!.TextContent.Trim());

        // After midnight the same note ends today.
        factory.Clock.SetUtcNow(ChinaTime.At(new DateOnly(2026, 3, 3), new TimeOnly(0, 5)));
        Assert.Equal("外出办事，08:30后回电", (await li.GetPageAsync("/workspace")).QuerySelector(".availability-note")!.TextContent.Trim());
    }

    [Fact]
    public async Task Forms_carry_no_framework_validation_messages_in_their_markup()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();
        using var li = await data.SignInAsync(WorkspaceWorld.LiEmail);

        using var anonymous = factory.CreateClient();
        var availability = await li.GetPageAsync("/workspace/availability");
        var login = await anonymous.GetPageAsync("/account/login");

        // Both pages write their fields through asp-for, which would add the framework's English "The … field is required.".
        Assert.NotNull(availability.QuerySelector("select[name='Input.Kind']"));
        Assert.NotNull(login.QuerySelector("input[name='Input.Email']"));
        foreach (var page in new[] { availability, login })
        {
            Assert.Empty(page.QuerySelectorAll("[data-val], [data-val-required], [data-val-length], [data-val-email]"));
        }

        // The server's message placeholders stay.
        Assert.NotNull(availability.QuerySelector("[data-valmsg-for='Input.Until']"));
    }

    [Fact]
    public async Task A_time_that_is_not_a_time_is_refused_and_the_note_can_be_cleared()
    {
        using var factory = new HotlineFactory();
        var data = new WorkspaceTestData(factory);
        var world = await data.SeedAsync();
        using var li = await data.SignInAsync(WorkspaceWorld.LiEmail);
        var page = await li.GetPageAsync("/workspace");
        var form = page.QuerySelector<IHtmlFormElement>("form[action='/workspace/availability']")!;

        using var garbage = await li.SubmitAsync(form, Html.Fields(("Input.Until", "25:99")));
        Assert.Equal("请填写结束时间（时:分）", (await Html.ParseAsync(garbage)).QuerySelector("[data-valmsg-for='Input.Until']")!.TextContent.Trim());

        using (await li.SubmitAsync(form, Html.Fields(("Input.Until", "11:15")))) { }
        var withNote = await li.GetPageAsync("/workspace");
        using var cleared = await li.SubmitAsync(withNote.QuerySelector<IHtmlFormElement>("form[action='/workspace/availability?handler=clear']")!);

        Assert.Equal(HttpStatusCode.Redirect, cleared.StatusCode);
        var cadre = await data.QueryAsync(db => db.Cadres.AsNoTracking().SingleAsync(c => c.Id == world.LiId));
        Assert.Null(cadre.AvailabilityKind);
        Assert.Null(cadre.AvailabilityNote);
        Assert.Null(cadre.AvailabilityUntil);
        Assert.Equal(world.LiId.ToString(CultureInfo.InvariantCulture), withNote.QuerySelector(".availability")!.GetAttribute("data-cadre-id"));
    }
}
