namespace Bozhou.Hotline.IntegrationTests.Supervision;

/// <summary>The supervision pages behind the real sign-in form and Identity cookie, not the test scheme.</summary>
public class SignedInSupervisionTests
{
    [Fact]
    public async Task A_supervisor_signed_in_through_the_form_reaches_the_office_from_the_navigation_and_a_cadre_is_refused()
    {
        using var factory = new HotlineFactory().WithoutHostedService<SmsOutboxService>();
        var data = new WorkspaceTestData(factory);
        await data.SeedAsync();

        using var supervisor = await data.SignInAsync(WorkspaceWorld.SupervisorEmail);
        var home = await supervisor.GetPageAsync("/supervision");
        var link = home.QuerySelector("#nav-supervision");
        Assert.NotNull(link);
        var office = await supervisor.GetPageAsync(link.GetAttribute("href")!);
        Assert.NotNull(office.QuerySelector("h1"));

        using var cadre = await data.SignInAsync(WorkspaceWorld.LiEmail);
        Assert.Null((await cadre.GetPageAsync("/workspace")).QuerySelector("#nav-supervision"));
        using var refused = await cadre.GetAsync(new Uri("/supervision", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }
}
