using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Bozhou.Hotline.Web.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using People = Bozhou.Hotline.TestSupport.TestWorld.People;

namespace Bozhou.Hotline.TestSupport;

/// <summary>
/// The workspace's part of <see cref="TestWorld"/> on a factory's real database: deputy mayors 李明 and 王强,
/// bureau heads 张伟 (transport) and 赵刚 (housing), 钱进 whose post as housing's head ended, three topics,
/// an account per role, a staff member acting for 李明, and appeals made through the appeal's own state changes.
/// </summary>
public sealed class WorkspaceTestData(HotlineFactory factory)
{
    public const string Password = "Correct-Horse-Battery-2026";

    /// <summary>The caller's mobile; appeals keep it protected under the caller-data purpose.</summary>
    public const string CallerPhone = "+8613800000000";

    public const string CallerPhoneMasked = "138****0000";

    /// <summary>A fixed line: no SMS can go to it.</summary>
    public const string Landline = "+8655851234567";

    public const string CallerDataPurpose = "Bozhou.Hotline.CallerData";

    public HotlineFactory Factory { get; } = factory;

    public WorkspaceWorld World { get; private set; } = null!;

    /// <summary>Creates the world once per factory; call before anything else.</summary>
    public async Task<WorkspaceWorld> SeedAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var today = DateOnly.FromDateTime(Factory.Clock.GetUtcNow().UtcDateTime);
        var world = new TestWorldBuilder();
        var start = today.AddYears(-1);
        var li = world.Cadre(People.LiMing, start);
        var wang = world.Cadre(People.WangQiang, start);
        var zhang = world.Cadre(People.ZhangWei, start);
        var zhao = world.Cadre(People.ZhaoGang, start);
        var former = world.Cadre(People.QianJin, today.AddYears(-3), today.AddDays(-30));
        var traffic = world.Topic(TestWorld.TransportTopic);
        var policy = world.Topic(TestWorld.PolicyTopic);
        var other = world.Topic(TestWorld.OtherTopic);
        await world.SaveAsync(db);

        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        World = new WorkspaceWorld(li.Id, wang.Id, zhang.Id, zhao.Id, former.Id, traffic.Id, policy.Id, other.Id);
        await AddUserAsync(WorkspaceWorld.LiEmail, People.LiMing.Label, Roles.Cadre, li.Id);
        await AddUserAsync(WorkspaceWorld.WangEmail, People.WangQiang.Label, Roles.Cadre, wang.Id);
        await AddUserAsync(WorkspaceWorld.ZhangEmail, People.ZhangWei.Label, Roles.Cadre, zhang.Id);
        await AddUserAsync(WorkspaceWorld.ZhaoEmail, People.ZhaoGang.Label, Roles.Cadre, zhao.Id);
        await AddUserAsync(WorkspaceWorld.StaffEmail, "张秘书", Roles.Staff, null, li.Id);
        await AddUserAsync(WorkspaceWorld.SupervisorEmail, "督查室", Roles.Supervisor, null);
        await AddUserAsync(WorkspaceWorld.AdminEmail, "管理员", Roles.Admin, null);
        return World;
    }

    public async Task<HotlineUser> AddUserAsync(string email, string displayName, string role, int? cadreId, params int[] actingFor)
    {
        ArgumentNullException.ThrowIfNull(actingFor);
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HotlineUser>>();
        var user = new HotlineUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName, CadreId = cadreId };
        Check(await users.CreateAsync(user, Password));
        Check(await users.AddToRoleAsync(user, role));
        if (actingFor.Length > 0)
        {
            var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
            db.CadreDelegations.AddRange(actingFor.Select(c => new CadreDelegation { StaffUserId = user.Id, CadreId = c, GrantedAt = Factory.Clock.GetUtcNow() }));
            await db.SaveChangesAsync();
        }

        return user;
    }

    /// <summary>
    /// Logs an appeal to a cadre as the citizen's side would, then lets <paramref name="then"/> move it on
    /// with the appeal's own methods; an <paramref name="enterprise"/> name makes the caller that enterprise. Returns its id.
    /// </summary>
    public async Task<long> AddAppealAsync(
        int cadreId,
        CallOutcome outcome = CallOutcome.NotAnswered,
        DateTimeOffset? at = null,
        int? topicId = null,
        string phone = CallerPhone,
        string description = "城区12路公交晚上班次太少，希望增加晚间班次。",
        Action<Appeal, AppealClock>? then = null,
        bool confidential = false,
        string? enterprise = null)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var clock = await scope.ServiceProvider.GetRequiredService<AppealClockSource>().GetAsync();
        var protector = scope.ServiceProvider.GetRequiredService<IDataProtectionProvider>().CreateProtector(CallerDataPurpose);
        var topic = await db.Topics.SingleAsync(t => t.Id == (topicId ?? World.TransportTopicId));
        var when = at ?? Factory.Clock.GetUtcNow();
        var input = new NewAppeal(cadreId, topic.Id, topic.Kind, when, outcome, enterprise is null ? CallerType.Individual : CallerType.Enterprise, enterprise, description, confidential, true, "来电人");
        var caller = new ProtectedCaller(protector.Protect("王女士"), protector.Protect(phone), "hash-" + phone, Core.Phones.ChinesePhone.Mask(phone));
        var appeal = Appeal.Log(input, caller, TrackingCode.Generate(), clock, when);
        then?.Invoke(appeal, clock);
        db.Appeals.Add(appeal);
        await db.SaveChangesAsync();
        return appeal.Id;
    }

    public async Task<T> QueryAsync<T>(Func<HotlineDbContext, Task<T>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var scope = Factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<HotlineDbContext>());
    }

    /// <summary>The appeal as stored now, with its events, untracked.</summary>
    public Task<Appeal> AppealAsync(long id) =>
        QueryAsync(db => db.Appeals.AsNoTracking().Include(a => a.Events).Include(a => a.CallAttempts).SingleAsync(a => a.Id == id));

    /// <summary>A client signed in through the real login form; it keeps its cookies and follows redirects.</summary>
    public async Task<HttpClient> SignInAsync(string email, string password = Password)
    {
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var response = await SubmitLoginAsync(client, email, password);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Signing in as {email} answered {(int)response.StatusCode}.");
        return client;
    }

    /// <summary>Fills and posts the login form; the answer is returned unread.</summary>
    public static async Task<HttpResponseMessage> SubmitLoginAsync(HttpClient client, string email, string password)
    {
        ArgumentNullException.ThrowIfNull(client);
        var page = await client.GetPageAsync("/account/login");
        var form = page.QuerySelector<IHtmlFormElement>("#login-form")!;
        return await client.SubmitAsync(form, Html.Fields(("Input.Email", email), ("Input.Password", password)), "/account/login");
    }

    private static void Check(IdentityResult result) =>
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
}

/// <summary>The ids and accounts of <see cref="WorkspaceTestData.SeedAsync"/>.</summary>
public sealed record WorkspaceWorld(
    int LiId, int WangId, int ZhangId, int ZhaoId, int FormerId, int TransportTopicId, int PolicyTopicId, int OtherTopicId)
{
    public const string LiEmail = "li@test.local";
    public const string WangEmail = "wang@test.local";
    public const string ZhangEmail = "zhang@test.local";
    public const string ZhaoEmail = "zhao@test.local";
    public const string StaffEmail = "staff@test.local";
    public const string SupervisorEmail = "supervisor@test.local";
    public const string AdminEmail = "admin@test.local";
}
